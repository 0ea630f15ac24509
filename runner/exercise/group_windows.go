//go:build windows

package exercise

import (
	"os"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows a program and the processes it starts are kept together in
// a job object, which ends them all at once: the Windows form of a
// process group. The job is made to kill everything in it when its last
// handle closes, so nothing is left even if socktour itself is killed.
var jobs sync.Map // the program's pid → its job's handle

// ownGroup has the program start suspended: it runs only once adoptGroup
// has put it in its job, so that nothing it starts, however early, is
// left outside.
func ownGroup(cmd *exec.Cmd) {
	if ntResumeProcess.Find() != nil {
		return // nothing to resume it with: it starts running, as before
	}
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.CreationFlags |= windows.CREATE_SUSPENDED
}

// ntResumeProcess resumes every thread of a process: the program's main
// thread, which ownGroup had start suspended (os.StartProcess keeps no
// handle to it).
var ntResumeProcess = windows.NewLazySystemDLL("ntdll.dll").NewProc("NtResumeProcess")

// adoptGroup puts the started program, still suspended, in a job of its
// own, then lets it run: the processes it starts are in the job too.
// Whatever fails, the program is let run.
func adoptGroup(p *os.Process) {
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE|windows.PROCESS_SUSPEND_RESUME,
		false, uint32(p.Pid))
	if err != nil {
		p.Kill() // it could be neither kept nor let run
		return
	}
	defer windows.CloseHandle(h)
	if ntResumeProcess.Find() == nil {
		defer ntResumeProcess.Call(uintptr(h))
	}
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
