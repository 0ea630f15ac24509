package trace

import (
	"errors"
	"math"
	"net"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// WaitUnread waits until at least n received bytes wait unread in this
// socket's receive buffer, the peer has ended its side of the stream, or
// the call's deadline passes, and returns how many bytes are queued. It
// reads nothing, and it is not a recorded call: the lesson says what it
// waited for.
//
// It is how a lesson makes certain, without a sleep, that several sends
// are in before one read takes them: Go's runtime wakes it each time
// bytes arrive (RawConn.Read), and each time it asks the system how many
// are queued (ioctl SIOCINQ, which Python calls FIONREAD). Python gets
// the same with setsockopt(SOL_SOCKET, SO_RCVLOWAT, n) and a blocking
// recv; a Go Read does not block in the system, so a receive low-water
// mark alone would not stop it returning the bytes that are there.
func (c *Conn) WaitUnread(n int) (int, error) {
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return 0, errors.New("ioctl: not a socket")
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, err
	}
	c.c.SetReadDeadline(time.Now().Add(c.side.rec.timeout()))
	defer c.c.SetReadDeadline(time.Time{})
	queued, ioErr := 0, error(nil)
	err = raw.Read(func(fd uintptr) bool {
		queued, ioErr = unix.IoctlGetInt(int(fd), unix.SIOCINQ)
		if ioErr != nil || queued >= n {
			return true
		}
		// Fewer: has the peer ended its side? Then no more will come.
		fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLRDHUP}}
		if k, _ := unix.Poll(fds, 0); k > 0 && fds[0].Revents&(unix.POLLRDHUP|unix.POLLHUP|unix.POLLERR) != 0 {
			return true
		}
		return false // wait for Go's poller to say more bytes came
	})
	if err == nil {
		err = ioErr
	}
	if err != nil {
		if errors.Is(err, net.ErrClosed) {
			return queued, err
		}
		return queued, c.side.failed(Event{Call: "ioctl", Sock: c.sock, Local: c.local, Remote: c.remote}, err)
	}
	return queued, nil
}

// WaitHangUp waits until the peer has ended its side of the stream, all
// its bytes in this socket's receive buffer, unread.
func (c *Conn) WaitHangUp() error {
	_, err := c.WaitUnread(math.MaxInt32)
	return err
}

// NoDelay reports whether Nagle's algorithm is off on this socket: the
// TCP_NODELAY option, which Go sets on every TCP connection and Python
// leaves off. It asks the system (getsockopt) and records nothing.
func (c *Conn) NoDelay() (bool, error) {
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return false, errors.New("getsockopt: not a socket")
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return false, err
	}
	v, gerr := 0, error(nil)
	if err := raw.Control(func(fd uintptr) {
		v, gerr = unix.GetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NODELAY)
	}); err != nil {
		return false, err
	}
	return v != 0, gerr
}
