package exercise

import (
	"bytes"
	"os"
	"strconv"
	"time"
)

// statFields are the fields of a /proc/PID/stat line after the program's
// name: state, ppid, pgrp and on. The name (comm) is in parentheses and
// may hold spaces and ')', so the fields count from the last ')'. nil for
// a line that has none.
func statFields(stat []byte) [][]byte {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return nil
	}
	return bytes.Fields(stat[i+1:])
}

// runningCPU is the processor time, user and system, that a running
// program has used so far, from /proc/PID/stat (in clock ticks, 100 a
// second on Linux). ok is false once the program has exited.
func runningCPU(p *Program) (used time.Duration, ok bool) {
	if _, done := p.ExitCode(); done {
		return 0, false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/stat")
	if err != nil {
		return 0, false
	}
	// utime and stime are the 14th and 15th fields, 12th and 13th after comm.
	f := statFields(stat)
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(string(f[11]), 10, 64)
	stime, err2 := strconv.ParseInt(string(f[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}
