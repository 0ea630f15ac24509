//go:build unix

package trace

import (
	"net"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// listenTCP makes the calls of a listening socket one by one, so
// that each is a real, recorded step, then hands the socket to Go's
// runtime poller. Go's own net.Listen would do the same in one go, with
// the system's largest backlog instead of the lesson's. The calls, and so
// the events, are the same on every Unix system, macOS included.
func listenTCP(s *Side, sock int, addr *net.TCPAddr, backlog int) (net.Listener, string, error) {
	family, sa := syscall.AF_INET, syscall.Sockaddr(nil)
	if ip4 := addr.IP.To4(); ip4 != nil || addr.IP == nil {
		in4 := &syscall.SockaddrInet4{Port: addr.Port}
		copy(in4.Addr[:], ip4)
		sa = in4
	} else {
		family = syscall.AF_INET6
		in6 := &syscall.SockaddrInet6{Port: addr.Port}
		copy(in6.Addr[:], addr.IP.To16())
		sa = in6
	}
	// socket(): a new, unconnected TCP socket, closed on exec (newSocket).
	fd, err := newSocket(family)
	if err != nil {
		return nil, "", s.fail("socket", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "socket", Sock: sock})
	ok := false
	defer func() {
		if !ok {
			syscall.Close(fd)
		}
	}()
	// setsockopt(SOL_SOCKET, SO_REUSEADDR, 1), as Go's net.Listen and
	// Python's socket.create_server do: `serve --port` can start again at
	// once, while connections of the last run are still in TIME_WAIT.
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		return nil, "", s.fail("setsockopt", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "setsockopt", Sock: sock,
		Vals: map[string]string{"level": "SOL_SOCKET", "option": "SO_REUSEADDR", "value": "1"}})
	// bind(): claim the address; port 0 means the system picks one.
	if err := syscall.Bind(fd, sa); err != nil {
		return nil, "", s.fail("bind", sock, addr.String(), "", err)
	}
	bound := addr.String()
	if got, err := syscall.Getsockname(fd); err == nil {
		bound = sockaddrString(got)
	}
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: bound})
	// listen(): accept connections, with the lesson's backlog. Linux
	// queues up to backlog+1 finished handshakes for accept (the backlog
	// capped by net.core.somaxconn); while the queue is full, new clients'
	// handshakes wait and retry. macOS caps the backlog at
	// kern.ipc.somaxconn.
	if err := syscall.Listen(fd, backlog); err != nil {
		return nil, "", s.fail("listen", sock, bound, "", err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	ln, err := net.FileListener(f) // duplicates fd; f is closed below
	f.Close()
	ok = true
	if err != nil {
		return nil, "", s.fail("listen", sock, bound, "", err)
	}
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: bound})
	return ln, bound, nil
}

func sockaddrString(sa syscall.Sockaddr) string {
	switch a := sa.(type) {
	case *syscall.SockaddrInet4:
		return (&net.TCPAddr{IP: a.Addr[:], Port: a.Port}).String()
	case *syscall.SockaddrInet6:
		return (&net.TCPAddr{IP: a.Addr[:], Port: a.Port}).String()
	}
	return "?"
}

// pending reports whether a read or an accept on c would not wait: a
// connection or a datagram is queued.
func pending(c syscall.Conn) bool {
	rc, err := c.SyscallConn()
	if err != nil {
		return false
	}
	ready := false
	rc.Control(func(fd uintptr) {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		n, _ := unix.Poll(fds, 0)
		ready = n > 0
	})
	return ready
}
