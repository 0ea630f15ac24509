package trace

import (
	"errors"

	"golang.org/x/sys/unix"
)

// fionread is FIONREAD of macOS's <sys/filio.h>: _IOR('f', 127, int).
const fionread = 0x4004667f

// queuedBytes asks how many received bytes wait unread (ioctl FIONREAD).
func queuedBytes(fd uintptr) (int, error) { return unix.IoctlGetInt(int(fd), fionread) }

// peerEnded asks the connection's state (TCP_CONNECTION_INFO, in
// <netinet/tcp.h>) and reports whether the peer's FIN has come: the
// states of <netinet/tcp_fsm.h> after it (CLOSE_WAIT 5, CLOSING 7,
// LAST_ACK 8, TIME_WAIT 10) or a connection already closed (0).
func peerEnded(fd uintptr) (bool, error) {
	info, err := unix.GetsockoptTCPConnectionInfo(int(fd), unix.IPPROTO_TCP, unix.TCP_CONNECTION_INFO)
	if err != nil {
		return false, errors.Join(errNoState, err)
	}
	switch info.State {
	case 0, 5, 7, 8, 10:
		return true, nil
	}
	return false, nil
}

// noDelay reads TCP_NODELAY.
func noDelay(fd uintptr) (bool, error) {
	v, err := unix.GetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NODELAY)
	return v != 0, err
}
