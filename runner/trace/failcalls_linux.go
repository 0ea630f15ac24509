package trace

import (
	"errors"
	"net"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// The calls of lesson 10, which shows what goes wrong on sockets: a
// listener made without SO_REUSEADDR, recv on a listening socket, and a
// wait for the peer's reset.

// ListenReuse is Listen with SO_REUSEADDR chosen. With reuse it is
// Listen itself, as Go's net.Listen and Python's socket.create_server
// make a listener. Without, the socket is made as Python's plain
// socket.socket(), bind() and listen() make it: socket, bind and listen,
// each a real, recorded call, and no setsockopt at all. Go's net package
// cannot make such a listener (it always sets the option), so this one is
// made by system calls, then handed to Go's runtime poller.
func (s *Side) ListenReuse(addr string, backlog int, reuse bool) (*Listener, error) {
	if reuse {
		return s.Listen(addr, backlog)
	}
	ta, err := net.ResolveTCPAddr("tcp4", addr)
	if err != nil {
		return nil, err
	}
	sock := s.rec.newSock()
	in4 := &syscall.SockaddrInet4{Port: ta.Port}
	copy(in4.Addr[:], ta.IP.To4())
	// socket(): a new TCP socket, SO_REUSEADDR off, as the system makes it.
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, s.fail("socket", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "socket", Sock: sock})
	ok := false
	defer func() {
		if !ok {
			syscall.Close(fd)
		}
	}()
	// bind(), then listen().
	ok = true // fd is bindListen's now
	return s.bindListen(fd, sock, in4, ta.String(), backlog)
}

// bindListen is the end of a listener made by system calls: bind fd to
// sa (addr in words), listen, each a recorded call, then hand fd to Go's
// runtime poller. It owns fd: closed on a failure, handed over (a
// duplicate kept by the poller) on success.
func (s *Side) bindListen(fd, sock int, sa syscall.Sockaddr, addr string, backlog int) (*Listener, error) {
	if err := syscall.Bind(fd, sa); err != nil {
		syscall.Close(fd)
		return nil, s.fail("bind", sock, addr, "", err)
	}
	bound := addr
	if got, err := syscall.Getsockname(fd); err == nil {
		bound = sockaddrString(got)
	}
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: bound})
	if err := syscall.Listen(fd, backlog); err != nil {
		syscall.Close(fd)
		return nil, s.fail("listen", sock, bound, "", err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	ln, err := net.FileListener(f) // duplicates fd
	f.Close()
	if err != nil {
		return nil, s.fail("listen", sock, bound, "", err)
	}
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: bound})
	s.rec.keep(sock, ln)
	return &Listener{side: s, ln: ln, sock: sock, addr: bound}, nil
}

// Recv is recv(size) called on the listening socket itself: the mistake
// of a server that reads from the socket it listens on instead of the one
// accept returned. It is one real recvfrom on the listening socket, the
// call Python's ls.recv(size) makes, and the system refuses it:
// "transport endpoint is not connected" (ENOTCONN; Python's OSError
// [Errno 107]). A listening socket has no peer and carries no bytes.
func (l *Listener) Recv(size int) (int, error) {
	sc, ok := l.ln.(syscall.Conn)
	if !ok {
		return 0, errors.New("recv: not a socket")
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, err
	}
	buf := make([]byte, size)
	n, rerr := 0, error(nil)
	if err := raw.Control(func(fd uintptr) {
		n, _, rerr = syscall.Recvfrom(int(fd), buf, syscall.MSG_DONTWAIT)
	}); err != nil {
		rerr = err
	}
	if rerr != nil {
		return 0, l.side.failed(Event{Call: "recv", Sock: l.sock, Size: size, Local: l.addr}, rerr)
	}
	e := Event{Side: l.side.name, Op: "recv", Sock: l.sock, Size: size, N: n, Local: l.addr}
	l.side.recordData(e, buf[:n:n])
	return n, nil
}

// WaitReset waits until the peer's reset (RST) has arrived on this
// socket, or the call's deadline passes. It reads and sends nothing, and
// it is not a recorded call: a lesson uses it to make certain that its
// next call meets the reset, where a program would simply go on and meet
// it a moment later. Go's runtime wakes it when the socket's state
// changes (RawConn.Read); each time it asks the system (poll) whether
// the socket reports an error or a hang-up (POLLERR, POLLHUP), as a
// socket does once a reset has ended its connection.
func (c *Conn) WaitReset() error {
	raw, err := c.rawConn("poll")
	if err != nil {
		return err
	}
	c.c.SetReadDeadline(time.Now().Add(c.side.rec.timeout()))
	defer c.c.SetReadDeadline(c.rdl) // the deadline the next read counts on
	over := false
	check := func(fd uintptr) bool {
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		if k, _ := unix.Poll(fds, 0); k > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			over = true
		}
		return over
	}
	err = raw.Read(check)
	if err != nil && !errors.Is(err, net.ErrClosed) {
		// The runtime may report the error it saw on the socket as a
		// failed wait: look once more.
		raw.Control(func(fd uintptr) { check(fd) })
		if over {
			return nil
		}
		return c.side.failed(Event{Call: "poll", Sock: c.sock, Local: c.local, Remote: c.remote}, err)
	}
	return err
}
