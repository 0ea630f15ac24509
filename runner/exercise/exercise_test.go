package exercise

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// bin holds the Go programs the tests check, built once.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "socktour-exercises")
	if err != nil {
		panic(err)
	}
	bin = dir
	code := m.Run()
	os.RemoveAll(dir)
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// program builds (once) the Go program in dir and returns its path.
func program(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(bin, strings.ReplaceAll(dir, "/", "_"))
	if _, err := os.Stat(out); err == nil {
		return out
	}
	build := exec.Command("go", "build", "-o", out, ".")
	build.Dir = dir
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building %s: %v\n%s", dir, err, msg)
	}
	return out
}

// find returns lesson n's exercise for part.
func find(t *testing.T, n int, part string) *Exercise {
	for _, e := range For(n) {
		if e.Part == part {
			return e
		}
	}
	t.Fatalf("no %s exercise in lesson %d", part, n)
	return nil
}

// verdict runs a check and returns "pass" or the keys of the failed checks.
func verdict(t *testing.T, ex *Exercise, limit time.Duration, args ...string) string {
	t.Helper()
	tr, err := Run(context.Background(), ex, args, limit)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if tr.Passed() {
		return "pass"
	}
	var failed []string
	for _, c := range tr.Checks {
		if !c.OK {
			failed = append(failed, c.Key)
		}
	}
	return strings.Join(failed, ", ")
}

// running lists the processes whose command line mentions s, from /proc.
func running(s string) []string {
	var pids []string
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		cmd, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err == nil && strings.Contains(string(cmd), s) && filepath.Base(d) != fmt.Sprint(os.Getpid()) {
			pids = append(pids, filepath.Base(d))
		}
	}
	return pids
}

const solutions = "../../assets/solutions/"

func TestSolutionsPass(t *testing.T) {
	for _, ex := range All {
		t.Run(fmt.Sprintf("lesson %d %s in Go", ex.Lesson, ex.Part), func(t *testing.T) {
			if got := verdict(t, ex, 5*time.Second, program(t, solutions+ex.Text)); got != "pass" {
				t.Errorf("the worked solution failed: %s", got)
			}
		})
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 is not installed here: the Python solutions are not checked")
		return
	}
	for _, ex := range All {
		t.Run(fmt.Sprintf("lesson %d %s in Python", ex.Lesson, ex.Part), func(t *testing.T) {
			src := solutions + ex.Text + "/" + strings.ReplaceAll(ex.Text, "-", "_") + ".py"
			if got := verdict(t, ex, 5*time.Second, py, src); got != "pass" {
				t.Errorf("the worked solution failed: %s", got)
			}
		})
	}
}

func TestTypicalMistakes(t *testing.T) {
	for _, c := range []struct {
		lesson int
		part   string
		prog   string
		want   string
	}{
		// Whether the client's close came before the server's last piece
		// or after it (then with bytes unread) depends on the scheduler.
		{3, "client", "once", "left early, printed part|closed unread, printed part"},
		{4, "client", "forever", "never closed, hung"},
		{1, "client", "silent", "never connected"},
		{1, "client", "english", "sent other"},
		{7, "client", "once", "left early, not printed, not printed|closed unread, not printed, not printed"},
		{6, "server", "oneatatime", "one at a time, answered late"},
		{7, "server", "badheader", "header bad"},
		{6, "server", "silent", "never listened"},
	} {
		t.Run(c.prog+" as lesson "+fmt.Sprint(c.lesson), func(t *testing.T) {
			got := verdict(t, find(t, c.lesson, c.part), 2*time.Second, program(t, "testdata/wrong/"+c.prog))
			if !slices.Contains(strings.Split(c.want, "|"), got) {
				t.Errorf("failed checks: %s\nwant: %s", got, c.want)
			}
		})
	}
}

func TestTypicalMistakesInPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here: the Python programs are not checked")
	}
	for _, c := range []struct {
		lesson int
		part   string
		prog   string
		want   string
	}{
		{3, "client", "once.py", "left early, printed part|closed unread, printed part"},
		{6, "server", "oneatatime.py", "one at a time, answered late"},
	} {
		t.Run(c.prog, func(t *testing.T) {
			if got := verdict(t, find(t, c.lesson, c.part), 3*time.Second, py, "testdata/python/"+c.prog); !slices.Contains(strings.Split(c.want, "|"), got) {
				t.Errorf("failed checks: %s\nwant: %s", got, c.want)
			}
		})
	}
}

func TestMissingProgram(t *testing.T) {
	_, err := Run(context.Background(), find(t, 1, "client"), []string{"no-such-program-here"}, time.Second)
	if err == nil || !strings.Contains(err.Error(), "cannot run no-such-program-here") {
		t.Errorf("error %v", err)
	}
}

func TestAHangingProgramIsStoppedWithItsChildren(t *testing.T) {
	// A shell that starts a child which would outlive it: both must go.
	marker := filepath.Join(t.TempDir(), "alive")
	script := fmt.Sprintf("(sleep 30; touch %s) & sleep 30", marker)
	start := time.Now()
	got := verdict(t, find(t, 1, "client"), 500*time.Millisecond, "sh", "-c", script, "sh")
	if got != "never connected" {
		t.Errorf("failed checks: %s", got)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v to stop a hanging program", time.Since(start))
	}
	if pids := running(marker); len(pids) > 0 {
		t.Errorf("the program's child is still running: pids %v", pids)
	}
}
