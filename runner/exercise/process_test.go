//go:build unix

package exercise

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mark returns a word of its own for this test's processes, set as
// SOCKTOUR_TEST_MARK for the programs under test to put in their
// children's command lines.
func mark(t *testing.T) string {
	m := fmt.Sprintf("socktour-test-%d-%d", os.Getpid(), time.Now().UnixNano())
	t.Setenv("SOCKTOUR_TEST_MARK", m)
	return m
}

func TestALongOutputIsJudgedWhole(t *testing.T) {
	// 欢迎 comes after 70 KB of other lines: past the head kept.
	ex := find(t, 1, "client")
	tr, err := Run(context.Background(), ex, []string{program(t, "testdata/chatty")}, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if !tr.Passed() {
		t.Errorf("a right client with a long output failed: %+v", tr.Checks)
	}
	out := tr.Prog.Output()
	if out.Dropped() == 0 || !strings.Contains(out.Tail(), "欢迎") || !strings.HasPrefix(out.Head(), "chatter") {
		t.Errorf("dropped %d; head %.20q…; tail …%q", out.Dropped(), out.Head(), out.Tail()[max(0, len(out.Tail())-20):])
	}
}

func TestNothingIsLeftOfAForkingProgram(t *testing.T) {
	// A program that starts a child and exits at once, 100 times: after
	// each verdict, no process of its is left alive.
	m := mark(t)
	t.Setenv("SOCKTOUR_TEST_MODE", "quit")
	prog := program(t, "testdata/forking")
	ex := find(t, 1, "client")
	left := 0
	for i := 0; i < 100; i++ {
		if got := verdict(t, ex, 2*time.Second, prog); got != "never connected" {
			t.Fatalf("run %d: failed checks: %s", i+1, got)
		}
		if pids := running(m); len(pids) > 0 {
			left++
			t.Errorf("run %d: its child is still running: pids %v", i+1, pids)
			for _, p := range pids {
				var pid int
				fmt.Sscan(p, &pid)
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	}
	if left > 0 {
		t.Errorf("%d of 100 runs left a process running", left)
	}
}

func TestAChildHoldingStdoutDoesNotHoldTheVerdict(t *testing.T) {
	// A right client whose child sleeps a minute with its stdout open:
	// judged when the client exits, and the child ended with it.
	m := mark(t)
	t.Setenv("SOCKTOUR_TEST_MODE", "hello")
	prog := program(t, "testdata/forking")
	ex := find(t, 1, "client")
	for i := 0; i < 5; i++ {
		start := time.Now()
		if got := verdict(t, ex, 5*time.Second, prog); got != "pass" {
			t.Errorf("run %d: failed checks: %s", i+1, got)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("run %d: took %v, as if waiting for the child", i+1, d)
		}
		if pids := running(m); len(pids) > 0 {
			t.Errorf("run %d: its child is still running: pids %v", i+1, pids)
		}
	}
}

func TestOneTimeLimit(t *testing.T) {
	// A client that connects and then waits for nothing is stopped at
	// the limit, not at twice or three times it.
	m := mark(t)
	limit := 1500 * time.Millisecond
	prog := program(t, "testdata/wrong/hangs")
	start := time.Now()
	got := verdict(t, find(t, 1, "client"), limit, prog)
	took := time.Since(start)
	if got != "sent nothing in time, hung" {
		t.Errorf("failed checks: %s", got)
	}
	t.Logf("limit %v, took %v", limit, took)
	if took < limit || took > limit+time.Second {
		t.Errorf("limit %v, took %v", limit, took)
	}
	if pids := running(m); len(pids) > 0 {
		t.Errorf("its child is still running: pids %v", pids)
	}
}

func TestCancelEndsTheCheckAtOnce(t *testing.T) {
	// Ctrl-C (a cancelled context) while the program is connected and
	// silent ends the check, the program and its child at once, not at
	// the 10 s limit.
	m := mark(t)
	ready := filepath.Join(t.TempDir(), "ready")
	if err := syscall.Mkfifo(ready, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SOCKTOUR_TEST_READY", ready)
	prog := program(t, "testdata/wrong/hangs")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type result struct {
		err  error
		when time.Time
	}
	done := make(chan result, 1)
	go func() {
		_, err := Run(ctx, find(t, 1, "client"), []string{prog}, 10*time.Second)
		done <- result{err, time.Now()}
	}()
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
	case r := <-done:
		t.Fatalf("the check ended before the program connected: %v", r.err)
	case <-time.After(5 * time.Second):
		os.WriteFile(ready, nil, 0) // let the reader go
		t.Fatal("the program never connected")
	}
	cancelled := time.Now()
	cancel()
	select {
	case r := <-done:
		t.Logf("ended %v after the cancel", r.when.Sub(cancelled))
		if !errors.Is(r.err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", r.err)
		}
		if d := r.when.Sub(cancelled); d > 3*time.Second {
			t.Errorf("ended %v after the cancel", d)
		}
	case <-time.After(8 * time.Second):
		t.Fatal("the check went on after the cancel")
	}
	if pids := running(m); len(pids) > 0 {
		t.Errorf("the program's child is still running: pids %v", pids)
	}
}

// TestABareNameInTheCurrentDirectoryRuns: `verify 1 -- client` where the
// program is found in the current directory (Windows looks there first;
// here PATH names "."): Go refuses it unless asked, and verify asks.
func TestABareNameInTheCurrentDirectoryRuns(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "client"), []byte("#!/bin/sh\necho ran \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	t.Setenv("PATH", ".:"+os.Getenv("PATH"))
	p, err := Start(context.Background(), []string{"client"}, "4242")
	if err != nil {
		t.Fatalf("a program named as found in the current directory did not start: %v", err)
	}
	defer p.Stop()
	if !p.WaitUntil(context.Background(), time.Now().Add(5*time.Second)) {
		t.Fatal("it did not exit")
	}
	if code, _ := p.ExitCode(); code != 0 || !strings.Contains(p.Output().Tail(), "ran 4242") {
		t.Errorf("exit %d, output %q", code, p.Output().Tail())
	}
}
