//go:build !unix && !windows

package trace

import "net"

// listenTCP on systems neither Unix nor Windows (Plan 9, WebAssembly)
// uses Go's net.Listen, which makes socket, bind and listen in one go;
// only the listen is recorded, with the backlog the lesson asked for.
func listenTCP(s *Side, sock int, addr *net.TCPAddr, backlog int) (net.Listener, string, error) {
	ln, err := net.ListenTCP("tcp", addr)
	if err != nil {
		return nil, "", s.fail("listen", sock, addr.String(), "", err)
	}
	bound := ln.Addr().String()
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: bound})
	return ln, bound, nil
}

// pending cannot look without waiting here, and says no.
func pending(c interface{}) bool { return false }

// listenUnix on systems neither Unix nor Windows uses Go's
// net.ListenUnix in one go; only the listen is recorded.
func listenUnix(s *Side, sock int, path string, backlog int) (*net.UnixListener, error) {
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	ln.SetUnlinkOnClose(false)
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: path})
	return ln, nil
}
