//go:build unix

package trace

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// errnoName is err's system error by its C name ("ECONNREFUSED"), or ""
// for a failure that is not one (Go's own "i/o timeout").
func errnoName(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return unix.ErrnoName(errno)
	}
	return ""
}
