//go:build unix && !(dragonfly || freebsd || linux || netbsd || openbsd)

package trace

import "syscall"

// newSocket is socket(family, SOCK_STREAM, 0), then close-on-exec: macOS
// (and AIX, Solaris) have no SOCK_CLOEXEC to do both in one call. Holding
// syscall.ForkLock in between keeps a program started meanwhile from
// inheriting the socket, as Go's own net package does on these systems
// (net/sys_cloexec.go). The fcntl is no socket call, so it is not recorded.
func newSocket(family int) (int, error) {
	syscall.ForkLock.RLock()
	defer syscall.ForkLock.RUnlock()
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM, 0)
	if err == nil {
		syscall.CloseOnExec(fd)
	}
	return fd, err
}
