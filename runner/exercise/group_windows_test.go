//go:build windows

package exercise

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The Windows process stopper, checked on the system itself (or on Wine,
// in CI). The test binary plays the learner's program: run with
// helperEnv set, it is the program (see learner) or the child the
// program starts ("sleep"), instead of the tests.
const helperEnv = "SOCKTOUR_WINDOWS_HELPER"

// gone bounds every wait in these tests: for a connection, a line, an
// exit. Far more than any of them takes, even on a loaded machine.
const gone = 10 * time.Second

func init() {
	// init runs before TestMain, so a helper never starts the tests.
	switch mode := os.Getenv(helperEnv); mode {
	case "":
	case "sleep":
		time.Sleep(time.Minute) // ended by the stopper long before
		os.Exit(0)
	default:
		os.Exit(learner(mode))
	}
}

// learner is the learner's program: it starts a child, which sleeps,
// sends the test on PORT its own pid and the child's, waits for the
// test's word or the connection's end, then exits ("quit") or sleeps
// ("stay") until it is ended.
func learner(mode string) int {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	child := exec.Command(exe)
	child.Env = append(os.Environ(), helperEnv+"=sleep")
	if err := child.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+os.Getenv("PORT"), gone)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	fmt.Fprintf(conn, "%d %d\n", os.Getpid(), child.Process.Pid)
	bufio.NewReader(conn).ReadString('\n')
	if mode == "stay" {
		time.Sleep(time.Minute)
	}
	return 0
}

// learnerRun is a started learner's program, connected back to the test.
type learnerRun struct {
	p               *Program
	conn            net.Conn
	pid             int            // the program's, as Start saw it
	job             windows.Handle // the program's job
	prog, kid       windows.Handle // the program's and its child's processes
	progPid, kidPid uint32         // as the program reported them
}

// startLearner starts the learner's program in mode through Start, as
// verify does, and waits for it to report both pids. It opens both
// processes at once, while they surely run, so that the handles name
// them even after they are gone (a pid could be reused then).
func startLearner(ctx context.Context, t *testing.T, mode string) *learnerRun {
	t.Helper()
	t.Setenv(helperEnv, mode)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Start(ctx, []string{exe}, port)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Stop)
	r := &learnerRun{p: p, pid: p.cmd.Process.Pid}
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(gone))
	if r.conn, err = ln.Accept(); err != nil {
		t.Fatalf("the program never connected: %v; it wrote: %s", err, p.Errors())
	}
	t.Cleanup(func() { r.conn.Close() })
	r.conn.SetDeadline(time.Now().Add(gone))
	line, err := bufio.NewReader(r.conn).ReadString('\n')
	if _, err2 := fmt.Sscan(line, &r.progPid, &r.kidPid); err != nil || err2 != nil {
		t.Fatalf("the program's pids: %q, %v, %v", line, err, err2)
	}
	if int(r.progPid) != r.pid {
		t.Fatalf("the program says its pid is %d, Start says %d", r.progPid, r.pid)
	}
	r.prog = openProcess(t, r.progPid)
	r.kid = openProcess(t, r.kidPid)
	job, ok := jobs.Load(r.pid)
	if !ok {
		t.Fatal("the program has no job")
	}
	r.job = job.(windows.Handle)
	return r
}

// openProcess opens process pid to wait for it; the test's end kills it
// if it is still there, so that a failed test leaves nothing behind.
func openProcess(t *testing.T, pid uint32) windows.Handle {
	t.Helper()
	h, err := windows.OpenProcess(windows.SYNCHRONIZE|windows.PROCESS_TERMINATE|windows.PROCESS_QUERY_LIMITED_INFORMATION, false, pid)
	if err != nil {
		t.Fatalf("opening process %d: %v", pid, err)
	}
	t.Cleanup(func() {
		windows.TerminateProcess(h, 3)
		windows.CloseHandle(h)
	})
	return h
}

// assertInJob checks that the job holds exactly the processes pids.
func assertInJob(t *testing.T, job windows.Handle, pids ...uint32) {
	t.Helper()
	var list struct { // JOBOBJECT_BASIC_PROCESS_ID_LIST with room for 8
		assigned, listed uint32
		pids             [8]uintptr
	}
	if err := windows.QueryInformationJobObject(job, windows.JobObjectBasicProcessIdList,
		uintptr(unsafe.Pointer(&list)), uint32(unsafe.Sizeof(list)), nil); err != nil {
		t.Fatalf("listing the job's processes: %v", err)
	}
	in := map[uint32]bool{}
	for _, p := range list.pids[:min(list.listed, 8)] {
		in[uint32(p)] = true
	}
	for _, p := range pids {
		if !in[p] {
			t.Errorf("process %d is not in the job, which holds %v", p, list.pids[:min(list.listed, 8)])
		}
	}
	if int(list.assigned) != len(pids) {
		t.Errorf("the job holds %d processes, want %d", list.assigned, len(pids))
	}
}

// assertGone checks that the process ends within gone.
func assertGone(t *testing.T, what string, h windows.Handle) {
	t.Helper()
	ev, err := windows.WaitForSingleObject(h, uint32(gone.Milliseconds()))
	if ev != windows.WAIT_OBJECT_0 {
		t.Errorf("%s is still running %v after the stop (wait: %#x, %v)", what, gone, ev, err)
		return
	}
	var code uint32
	if err := windows.GetExitCodeProcess(h, &code); err != nil || code == 259 { // STILL_ACTIVE
		t.Errorf("%s: exit code %d, %v", what, code, err)
	}
}

// assertJobClosed checks that the program's job was let go: forgotten,
// and its handle closed (a closed handle, or one reused for anything
// but a job, fails as a job).
func assertJobClosed(t *testing.T, pid int, job windows.Handle) {
	t.Helper()
	if _, ok := jobs.Load(pid); ok {
		t.Error("the job is still kept after the program ended")
	}
	var acct [64]byte // JOBOBJECT_BASIC_ACCOUNTING_INFORMATION is 48 bytes
	err := windows.QueryInformationJobObject(job, windows.JobObjectBasicAccountingInformation,
		uintptr(unsafe.Pointer(&acct)), uint32(len(acct)), nil)
	if !errors.Is(err, windows.ERROR_INVALID_HANDLE) {
		t.Errorf("the job's handle still works after the program ended: %v", err)
	}
}

// stop stops the program as verify does, waiting at most gone: a
// stopper that cannot end the program would otherwise hang the test.
func stop(t *testing.T, p *Program) {
	t.Helper()
	stopped := make(chan struct{})
	go func() {
		p.Stop()
		close(stopped)
	}()
	select {
	case <-stopped:
	case <-time.After(gone):
		t.Fatalf("Stop still waits for the program %v later", gone)
	}
}

// waitDone waits until the program has exited and its job is ended.
func waitDone(t *testing.T, p *Program) {
	t.Helper()
	if !p.WaitUntil(context.Background(), time.Now().Add(gone)) {
		t.Fatalf("the program still runs %v after it was ended", gone)
	}
}

func TestWindowsStopEndsTheProgramAndItsChild(t *testing.T) {
	r := startLearner(context.Background(), t, "stay")
	assertInJob(t, r.job, r.progPid, r.kidPid)
	stop(t, r.p)
	assertGone(t, "the program", r.prog)
	assertGone(t, "its child", r.kid)
	assertJobClosed(t, r.pid, r.job)
}

func TestWindowsCancelEndsTheProgramAndItsChild(t *testing.T) {
	// Ctrl-C in socktour cancels the context.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := startLearner(ctx, t, "stay")
	assertInJob(t, r.job, r.progPid, r.kidPid)
	cancel()
	waitDone(t, r.p)
	assertGone(t, "the program", r.prog)
	assertGone(t, "its child", r.kid)
	assertJobClosed(t, r.pid, r.job)
}

func TestWindowsAProgramThatExitsLeavesNothing(t *testing.T) {
	// The program exits of itself; the child it left running is ended
	// with its job.
	r := startLearner(context.Background(), t, "quit")
	assertInJob(t, r.job, r.progPid, r.kidPid)
	fmt.Fprintln(r.conn, "go")
	waitDone(t, r.p)
	if code, _ := r.p.ExitCode(); code != 0 {
		t.Errorf("the program's exit code is %d, want 0: it was killed, not let exit", code)
	}
	assertGone(t, "its child", r.kid)
	assertJobClosed(t, r.pid, r.job)
}

func TestWindowsClosingTheJobEndsItsProcesses(t *testing.T) {
	// If socktour itself is killed, Windows closes its handles: closing
	// the job's handle alone must end what is in it.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), helperEnv+"=sleep")
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Wait() }) // after openProcess's kill
	h := openProcess(t, uint32(cmd.Process.Pid))
	adoptGroup(cmd.Process)
	job, ok := jobs.LoadAndDelete(cmd.Process.Pid)
	if !ok {
		t.Fatal("the program has no job")
	}
	assertInJob(t, job.(windows.Handle), uint32(cmd.Process.Pid))
	windows.CloseHandle(job.(windows.Handle))
	assertGone(t, "the program", h)
}
