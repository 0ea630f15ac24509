//go:build unix

package progress

import (
	"os"
	"syscall"
)

// lockFile waits for an exclusive lock on f (flock: released when f is
// closed, also when the process dies).
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
