//go:build dragonfly || freebsd || linux || netbsd || openbsd

package trace

import "syscall"

// newSocket is socket(family, SOCK_STREAM, 0) with SOCK_CLOEXEC: the
// socket is marked close-on-exec in the same call, so a program started
// meanwhile (an exercise runs the learner's) cannot inherit it. These are
// the systems where Go's own net package does it this way
// (net/sock_cloexec.go).
func newSocket(family int) (int, error) {
	return syscall.Socket(family, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
}
