//go:build linux || darwin || windows

package trace

import (
	"errors"
	"math"
	"net"
	"syscall"
	"time"
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
// are queued (ioctl FIONREAD, SIOCINQ on Linux: queuedBytes). Python
// gets the same with setsockopt(SOL_SOCKET, SO_RCVLOWAT, n) and a
// blocking recv; a Go Read does not block in the system, so a receive
// low-water mark alone would not stop it returning the bytes that are
// there.
func (c *Conn) WaitUnread(n int) (int, error) { return c.waitQueued(n) }

// WaitHangUp waits until the peer has ended its side of the stream, all
// its bytes in this socket's receive buffer, unread. Where the system
// cannot say (Windows before 10 1703, Wine), it returns at once: it only
// makes a lesson's reads the same from run to run.
func (c *Conn) WaitHangUp() error {
	_, err := c.waitQueued(math.MaxInt32)
	if errors.Is(err, errNoState) {
		return nil
	}
	return err
}

// errNoState is what peerEnded returns where the system cannot tell.
var errNoState = errors.New("the connection's state cannot be asked on this system")

func (c *Conn) waitQueued(n int) (int, error) {
	raw, err := c.rawConn("ioctl")
	if err != nil {
		return 0, err
	}
	c.c.SetReadDeadline(time.Now().Add(c.side.rec.timeout()))
	defer c.c.SetReadDeadline(c.rdl) // the deadline the next read counts on
	queued, ioErr := 0, error(nil)
	err = raw.Read(func(fd uintptr) bool {
		if queued, ioErr = queuedBytes(fd); ioErr != nil || queued >= n {
			return true
		}
		// Fewer: has the peer ended its side? Then no more will come.
		ended, err := peerEnded(fd)
		if err != nil && n == math.MaxInt32 {
			ioErr = err // waiting for the end, and the end cannot be seen
			return true
		}
		// Else wait for Go's runtime to say more bytes came (on Windows
		// a zero-byte read, which returns at once while bytes are
		// queued: this turns until the rest is in, microseconds on
		// loopback, bounded by the deadline).
		return ended
	})
	if err == nil {
		err = ioErr
	}
	if err != nil {
		if errors.Is(err, net.ErrClosed) || errors.Is(err, errNoState) {
			return queued, err
		}
		return queued, c.side.failed(Event{Call: "ioctl", Sock: c.sock, Local: c.local, Remote: c.remote}, err)
	}
	return queued, nil
}

// NoDelay reports whether Nagle's algorithm is off on this socket: the
// TCP_NODELAY option, which Go sets on every TCP connection and Python
// leaves off. It asks the system (getsockopt) and records nothing.
func (c *Conn) NoDelay() (bool, error) {
	raw, err := c.rawConn("getsockopt")
	if err != nil {
		return false, err
	}
	on, gerr := false, error(nil)
	if err := raw.Control(func(fd uintptr) { on, gerr = noDelay(fd) }); err != nil {
		return false, err
	}
	return on, gerr
}

// rawConn is the socket itself, for a call the net package does not make.
func (c *Conn) rawConn(call string) (syscall.RawConn, error) {
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return nil, errors.New(call + ": not a socket")
	}
	return sc.SyscallConn()
}
