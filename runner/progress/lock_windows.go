//go:build windows

package progress

import (
	"os"

	"golang.org/x/sys/windows"
)

// lockFile waits for an exclusive lock on f's first byte (LockFileEx:
// released when f is closed, also when the process dies).
func lockFile(f *os.File) error {
	var o windows.Overlapped
	return windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &o)
}

func unlockFile(f *os.File) error {
	var o windows.Overlapped
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &o)
}
