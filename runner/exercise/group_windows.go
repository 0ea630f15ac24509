//go:build windows

package exercise

import (
	"os"
	"os/exec"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows a program and the processes it starts are kept together in
// a job object, which ends them all at once: the Windows form of a
// process group. The job is made to kill everything in it when its last
// handle closes, so nothing is left even if socktour itself is killed.
var jobs sync.Map // the program's pid → its job's handle

// ownGroup has nothing to set before the start: the job is made after.
func ownGroup(cmd *exec.Cmd) {}

// adoptGroup puts the started program in a job of its own; the
// processes it starts from now on are in the job too.
func adoptGroup(p *os.Process) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{
		BasicLimitInformation: windows.JOBOBJECT_BASIC_LIMIT_INFORMATION{LimitFlags: windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE},
	}
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return
	}
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(p.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return
	}
	defer windows.CloseHandle(h)
	if windows.AssignProcessToJobObject(job, h) != nil {
		windows.CloseHandle(job)
		return
	}
	jobs.Store(p.Pid, job)
}

// signalGroup ends the program's whole job (Windows has no gentle
// signal for a console program to end by).
func signalGroup(pid int, hard bool) {
	if job, ok := jobs.Load(pid); ok {
		windows.TerminateJobObject(job.(windows.Handle), 1)
		return
	}
	if p, err := os.FindProcess(pid); err == nil {
		p.Kill()
	}
}

func awaitExit(pid int) bool { return false }

// endGroup ends what is left of the program's job and lets it go.
func endGroup(pid int) {
	if job, ok := jobs.LoadAndDelete(pid); ok {
		windows.TerminateJobObject(job.(windows.Handle), 1)
		windows.CloseHandle(job.(windows.Handle))
	}
}
