//go:build unix

package runner

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hangingLearner sets up this test binary as a learner's client that
// connects, starts a child and waits for nothing. It returns the command
// line, the FIFO the program writes to once connected, and a word in
// its child's command line.
func hangingLearner(t *testing.T) (args []string, ready, mark string) {
	mark = fmt.Sprintf("socktour-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	ready = filepath.Join(t.TempDir(), "ready")
	if err := syscall.Mkfifo(ready, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOCKTOUR_TEST_READY", ready)
	t.Setenv("SOCKTOUR_TEST_MARK", mark)
	return asLearner(t, "hang"), ready, mark
}

// awaitConnected waits until the learner's program has connected (it
// opens the FIFO), or fails the test after a while.
func awaitConnected(t *testing.T, ready string, ended <-chan struct{}) {
	t.Helper()
	connected := make(chan error, 1)
	go func() { // opening a FIFO to read waits for its writer
		f, err := os.Open(ready)
		if err == nil {
			f.Close()
		}
		connected <- err
	}()
	select {
	case err := <-connected:
		if err != nil {
			t.Fatal(err)
		}
	case <-ended:
		os.WriteFile(ready, nil, 0) // let the reader go
		t.Fatal("verify ended before the program connected")
	case <-time.After(5 * time.Second):
		os.WriteFile(ready, nil, 0)
		t.Fatal("the program never connected")
	}
}

// leftRunning lists the processes whose command line holds mark.
func leftRunning(mark string) []string {
	var pids []string
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		cmd, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err == nil && strings.Contains(string(cmd), mark) {
			pids = append(pids, filepath.Base(d))
		}
	}
	return pids
}

func TestCtrlCEndsVerifyAtOnce(t *testing.T) {
	// Main's context is what Ctrl-C cancels.
	learner, ready, mark := hangingLearner(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ended := make(chan struct{})
	var code int
	go func() {
		defer close(ended)
		var out bytes.Buffer
		code = Main(ctx, append([]string{"verify", "1", "--timeout", "10s", "--"}, learner...), testIO("", &out))
	}()
	awaitConnected(t, ready, ended)
	cancelled := time.Now()
	cancel()
	select {
	case <-ended:
	case <-time.After(8 * time.Second):
		t.Fatal("verify went on after Ctrl-C")
	}
	took := time.Since(cancelled)
	t.Logf("verify ended %v after Ctrl-C", took)
	if code != 130 || took > 3*time.Second {
		t.Errorf("exit %d, %v after Ctrl-C; want 130, at once", code, took)
	}
	if pids := leftRunning(mark); len(pids) > 0 {
		t.Errorf("the program or its child is still running: pids %v", pids)
	}
}

func TestSIGINTEndsVerifyAtOnce(t *testing.T) {
	// The real thing: socktour built, run, and sent SIGINT as a terminal
	// sends it on Ctrl-C.
	if testing.Short() {
		t.Skip("builds socktour")
	}
	bin := filepath.Join(t.TempDir(), "socktour")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building socktour: %v\n%s", err, out)
	}
	learner, ready, mark := hangingLearner(t)
	cmd := exec.Command(bin, append([]string{"verify", "1", "--timeout", "10s", "--"}, learner...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	var err error
	go func() {
		err = cmd.Wait()
		close(ended)
	}()
	awaitConnected(t, ready, ended)
	signalled := time.Now()
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-ended:
	case <-time.After(8 * time.Second):
		cmd.Process.Kill()
		<-ended
		t.Fatalf("socktour went on after SIGINT\n%s", out.String())
	}
	took := time.Since(signalled)
	t.Logf("socktour ended %v after SIGINT", took)
	if code := cmd.ProcessState.ExitCode(); code != 130 || took > 3*time.Second {
		t.Errorf("exit %d (%v), %v after SIGINT; want 130, at once\n%s", code, err, took, out.String())
	}
	if pids := leftRunning(mark); len(pids) > 0 {
		t.Errorf("the program or its child is still running: pids %v", pids)
	}
}
