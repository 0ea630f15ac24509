//go:build !linux

package trace

import "net"

// listenUnix on systems other than Linux uses Go's net.ListenUnix, which
// makes socket, bind and listen in one go, so only the listen is
// recorded. As on Linux, Close leaves the socket file in place. Abstract
// names ("@name") are Linux's: elsewhere "@name" is an ordinary path.
func listenUnix(s *Side, sock int, path string, backlog int) (*net.UnixListener, error) {
	ln, err := net.ListenUnix("unix", &net.UnixAddr{Name: path, Net: "unix"})
	if err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	ln.SetUnlinkOnClose(false)
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: path})
	return ln, nil
}

// PeerCred is getsockopt(SO_PEERCRED): Linux only (see
// unixsock_linux.go). macOS answers the same question with
// LOCAL_PEERCRED and LOCAL_PEERPID, which this does not ask.
func (c *Conn) PeerCred() (pid, uid, gid int, err error) {
	return 0, 0, 0, ErrLinuxOnly
}
