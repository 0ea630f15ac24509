package exercise

import (
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/sys/unix"
)

// groupGone bounds the wait for a killed group's processes to be gone.
const groupGone = 2 * time.Second

// awaitExit waits until the process has exited and leaves it unreaped (a
// zombie), so that its pid, and with it the group id, stays reserved.
func awaitExit(pid int) bool {
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return err == nil
		}
	}
}

// endGroup kills every process of the group and waits until none is left
// alive: a killed process runs on a moment before it is gone. Each is
// watched through a pidfd, which becomes readable when it exits.
func endGroup(pgid int) {
	unix.Kill(-pgid, unix.SIGKILL)
	end := time.Now().Add(groupGone)
	for {
		pids := groupAlive(pgid)
		left := time.Until(end)
		if len(pids) == 0 || left <= 0 {
			return
		}
		var fds []unix.PollFd
		for _, pid := range pids {
			if fd, err := unix.PidfdOpen(pid, 0); err == nil {
				fds = append(fds, unix.PollFd{Fd: int32(fd), Events: unix.POLLIN})
			}
		}
		if len(fds) == 0 { // no pidfds here (Linux before 5.3): look again soon
			time.Sleep(min(left, time.Millisecond))
			continue
		}
		unix.Poll(fds, int(left.Milliseconds())+1)
		for _, f := range fds {
			unix.Close(int(f.Fd))
		}
	}
}

// groupAlive lists the processes of group pgid that are alive (not
// zombies), from /proc/PID/stat.
func groupAlive(pgid int) []int {
	var pids []int
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		fields := statFields(b) // state ppid pgrp …
		if len(fields) < 3 || string(fields[0]) == "Z" || string(fields[0]) == "X" {
			continue
		}
		if g, _ := strconv.Atoi(string(fields[2])); g == pgid {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(f)))
			pids = append(pids, pid)
		}
	}
	return pids
}
