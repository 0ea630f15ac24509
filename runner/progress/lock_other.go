//go:build !unix && !windows

package progress

import "os"

// lockFile does nothing where the system has no file locks (js, wasip1,
// plan9): progress is then one process's at a time.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }
