package exercise

import (
	"context"
	"fmt"
	"net"
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

// mistake is a wrong program and the failed checks it must get, every
// time it is run: one of the lists split by "|".
type mistake struct {
	lesson int
	part   string
	prog   string
	want   string
	runs   int           // how many times to run it; 1 if zero
	limit  time.Duration // 5s if zero: room for a loaded machine
}

func (c mistake) check(t *testing.T, args ...string) {
	t.Helper()
	limit := c.limit
	if limit == 0 {
		limit = 5 * time.Second
	}
	for i := 0; i < max(c.runs, 1); i++ {
		if got := verdict(t, find(t, c.lesson, c.part), limit, args...); !slices.Contains(strings.Split(c.want, "|"), got) {
			t.Errorf("run %d: failed checks: %s\nwant: %s", i+1, got, c.want)
		}
	}
}

func TestTypicalMistakes(t *testing.T) {
	for _, c := range []mistake{
		{lesson: 3, part: "client", prog: "once", want: "left early, printed part", runs: 5},
		{lesson: 4, part: "client", prog: "forever", want: "never closed, hung", limit: 2 * time.Second},
		{lesson: 1, part: "client", prog: "silent", want: "never connected"},
		{lesson: 1, part: "client", prog: "english", want: "sent other"},
		// It closes before the answer comes, or with the answer unread:
		// either way it never read it, and it must fail every time.
		{lesson: 1, part: "client", prog: "frommemory", want: "closed before answer|closed unread", runs: 20},
		{lesson: 3, part: "client", prog: "piecewise", want: "decoded in pieces", runs: 5},
		{lesson: 7, part: "client", prog: "once", want: "left early, not printed, not printed", runs: 5},
		{lesson: 7, part: "client", prog: "rawframe", want: "printed wire", runs: 5},
		{lesson: 7, part: "client", prog: "trusting", want: "closed unread, not printed, not printed, exit status", runs: 5},
		{lesson: 6, part: "server", prog: "oneatatime", want: "one at a time, answered late", limit: 6 * time.Second},
		{lesson: 7, part: "server", prog: "badheader", want: "header bad"},
		{lesson: 7, part: "server", prog: "negheader", want: "header bad"},
		{lesson: 6, part: "server", prog: "silent", want: "never listened"},
	} {
		t.Run(c.prog+" as lesson "+fmt.Sprint(c.lesson), func(t *testing.T) {
			c.check(t, program(t, "testdata/wrong/"+c.prog))
		})
	}
}

func TestTypicalMistakesInPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here: the Python programs are not checked")
	}
	for _, c := range []mistake{
		{lesson: 3, part: "client", prog: "once.py", want: "left early, printed part", runs: 3},
		{lesson: 6, part: "server", prog: "oneatatime.py", want: "one at a time, answered late", limit: 6 * time.Second},
		{lesson: 1, part: "client", prog: "frommemory.py", want: "closed before answer|closed unread", runs: 10},
		{lesson: 4, part: "client", prog: "piecewise.py", want: "decode error, exit status", runs: 3},
		{lesson: 7, part: "client", prog: "rawframe.py", want: "printed wire", runs: 3},
	} {
		t.Run(c.prog, func(t *testing.T) {
			c.check(t, py, "testdata/python/"+c.prog)
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

func TestFramedClientSolutionsRefuseABadHeader(t *testing.T) {
	// A header that is not digits and padding is refused before any body
	// is read: a negative length, a sign, a space first, Python's 2_7.
	clients := [][]string{{program(t, solutions+"framed-client")}}
	if py, err := exec.LookPath("python3"); err == nil {
		clients = append(clients, []string{py, solutions + "framed-client/framed_client.py"})
	}
	body := `{"1":"Client","2":"Server"}`
	for _, header := range []string{"-5", "-27", "+27", " 27", "2_7"} {
		for _, client := range clients {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			served := make(chan error, 1)
			go func() {
				conn, err := ln.Accept()
				if err == nil {
					conn.SetDeadline(time.Now().Add(5 * time.Second))
					_, err = fmt.Fprintf(conn, "%-10s%s", header, body)
					conn.Close()
				}
				served <- err
			}()
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			cmd := exec.CommandContext(ctx, client[0], append(client[1:], port)...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err = cmd.Run()
			cancel()
			ln.Close()
			if serr := <-served; serr != nil {
				t.Errorf("serving %q: %v", header, serr)
			}
			if err == nil || stdout.Len() > 0 || !strings.Contains(stderr.String(), "bad header") {
				t.Errorf("%s with header %q: %v, printed %q, said %q", filepath.Base(client[len(client)-1]), header, err, stdout.String(), lastLine(stderr.String()))
			}
		}
	}
}
