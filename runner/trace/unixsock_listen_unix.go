//go:build unix

package trace

import (
	"errors"
	"net"
	"os"
	"syscall"
)

// listenUnix makes the calls of a listening Unix socket one by one, each
// a recorded step, then hands the socket to Go's runtime poller. Made
// this way, Go does not remove the socket file at Close (it removes only
// files its own net.Listen made), so the file stays, as after Python's.
func listenUnix(s *Side, sock int, path string, backlog int) (*net.UnixListener, error) {
	// socket(AF_UNIX, SOCK_STREAM): a new socket with no name yet.
	fd, err := newSocket(syscall.AF_UNIX)
	if err != nil {
		return nil, s.fail("socket", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "socket", Sock: sock, Key: "unix"})
	ok := false
	defer func() {
		if !ok {
			syscall.Close(fd)
		}
	}()
	// bind(path): the system makes the socket file (or, on Linux, for
	// "@name", an abstract name that is no file at all). A path already taken, even
	// by a file no one listens on, is "address already in use".
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		return nil, s.fail("bind", sock, path, "", err)
	}
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: path, Key: "unix"})
	// listen(backlog).
	if err := syscall.Listen(fd, backlog); err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	ln, err := net.FileListener(f) // duplicates fd; f is closed below
	f.Close()
	ok = true
	if err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	ul, isUnix := ln.(*net.UnixListener)
	if !isUnix {
		ln.Close()
		return nil, s.fail("listen", sock, path, "", errors.New("not a Unix socket"))
	}
	ul.SetUnlinkOnClose(false)
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: path})
	return ul, nil
}
