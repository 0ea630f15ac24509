package trace

import (
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// unreadBytes asks the kernel how many received bytes wait unread in c's
// receive buffer (ioctl SIOCINQ), or -1 when it cannot tell.
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
		if v, err := unix.IoctlGetInt(int(fd), unix.SIOCINQ); err == nil {
			n = v
		}
	})
	return n
}
