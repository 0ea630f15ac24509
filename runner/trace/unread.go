//go:build linux || windows

package trace

import (
	"net"
	"syscall"
)

// unreadBytes asks the system how many received bytes wait unread in c's
// receive buffer (queuedBytes: ioctl SIOCINQ on Linux, FIONREAD on
// Windows), or -1 when it cannot tell.
func unreadBytes(c net.Conn) int {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return -1
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return -1
	}
	n := -1
	raw.Control(func(fd uintptr) {
		if v, err := queuedBytes(fd); err == nil {
			n = v
		}
	})
	return n
}
