//go:build unix

package exercise

import (
	"os"
	"os/exec"
	"syscall"
)

// ownGroup puts the program in a process group of its own, whose id is
// the program's pid.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// adoptGroup has nothing more to do once the program runs: its group
// was made at the start.
func adoptGroup(*os.Process) {}

// signalGroup sends SIGTERM, or SIGKILL when hard, to the whole group.
func signalGroup(pgid int, hard bool) {
	sig := syscall.SIGTERM
	if hard {
		sig = syscall.SIGKILL
	}
	syscall.Kill(-pgid, sig)
}
