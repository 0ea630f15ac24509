package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/socktour/socktour/lessons"

	"github.com/socktour/socktour/runner/trace"
)

// TestMain checks that no test leaves a goroutine behind, except two of
// promptui's line reader (chzyer/readline) that it never stops: a pipe
// reader per menu shown, and one process-wide SIGWINCH watcher. Neither
// holds a socket or the terminal.
func TestMain(m *testing.M) {
	if helper := os.Getenv("SOCKTOUR_TEST_PROGRAM"); helper != "" {
		os.Exit(learnerProgram(helper)) // this test binary, playing a learner's program
	}
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("github.com/chzyer/readline.(*FillableStdin).ioloop.func1"),
		goleak.IgnoreAnyFunction("github.com/chzyer/readline.DefaultOnWidthChanged.func1.1"))
}

// testIO is a pipe on both ends: no terminal, no colour.
func testIO(in string, out *bytes.Buffer) *IO {
	return &IO{In: strings.NewReader(in), Out: out, Err: &bytes.Buffer{},
		Getenv: func(string) string { return "" }}
}

// cli runs socktour with args and returns the exit code, stdout, stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out bytes.Buffer
	o := testIO("", &out)
	code := Main(context.Background(), args, o)
	return code, out.String(), o.Err.(*bytes.Buffer).String()
}

func TestExitCodesAndMessages(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string // in stderr, or stdout when the code is 0
	}{
		{[]string{"list"}, 0, "3  The 7-byte truncation problem\n"},
		{[]string{"--version"}, 0, "socktour " + Version},
		{[]string{"--help"}, 0, "socktour run N"},
		{[]string{"run", "--help"}, 0, "socktour run N"},
		{nil, 0, "Run a lesson with: socktour run N"}, // no terminal: the list
		{[]string{"run", "9"}, 2, `unknown lesson "9" (lessons are 1 to 7)`},
		{[]string{"run", "x"}, 2, `unknown lesson "x"`},
		{[]string{"run"}, 2, "run needs a lesson number (lessons are 1 to 7)"},
		{[]string{"run", "1", "--bogus"}, 2, "run: unknown flag -bogus"},
		{[]string{"run", "1", "--mode", "fast"}, 2, `--mode is step, auto or instant, not "fast"`},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serve", "1", "--port", "70000"}, 2, "--port must be 0 to 65535"},
		{[]string{"client", "1"}, 2, "--port must name the server's port"},
		{[]string{"code", "0"}, 2, "unknown lesson"},
	} {
		code, out, errOut := cli(t, c.args...)
		got := errOut
		if c.code == 0 {
			got = out
		}
		if code != c.code || !strings.Contains(got, c.want) {
			t.Errorf("socktour %v: exit %d, %q; want exit %d with %q", c.args, code, got, c.code, c.want)
		}
		if strings.Contains(errOut, "goroutine ") || strings.Count(strings.TrimSpace(errOut), "\n") > 1 {
			t.Errorf("socktour %v: stderr is not one clear sentence: %q", c.args, errOut)
		}
	}
}

func TestClientRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close() // nothing listens there now
	code, out, errOut := cli(t, "client", "1", "--port", itoa(port))
	if code != 1 || !strings.Contains(errOut, "nothing is listening on 127.0.0.1:"+itoa(port)+" (connection refused)") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if !strings.Contains(out, "✗ connect: connection refused") {
		t.Errorf("the refused connect is not shown:\n%s", out)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := itoa(ln.Addr().(*net.TCPAddr).Port)
	code, _, errOut := cli(t, "serve", "1", "--port", port)
	if code != 1 || errOut != "socktour: cannot listen on 127.0.0.1:"+port+": the port is already in use\n" {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestServeAndClient runs `serve 1` and `client 1` against each other, as
// an instructor's two windows would.
func TestServeAndClient(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := ioPipe()
	o := &IO{In: strings.NewReader(""), Out: pw, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"serve", "1"}, o); pw.Close() }()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "listening on 127.0.0.1:") {
		t.Fatalf("first line %q", lines.Text())
	}
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(lines.Text(), "listening on "))
	var served strings.Builder
	read := make(chan struct{})
	go func() {
		defer close(read)
		for lines.Scan() {
			served.WriteString(lines.Text() + "\n")
		}
	}()
	code, out, errOut := cli(t, "client", "1", "--port", port)
	if code != 0 || !strings.Contains(out, `"欢迎"`) {
		t.Errorf("client: exit %d %s\n%s", code, errOut, out)
	}
	cancel()
	if code := <-done; code != 130 {
		t.Errorf("serve stopped with exit %d, want 130", code)
	}
	<-read
	if !strings.Contains(served.String(), "recv(1024) → 6 bytes") {
		t.Errorf("serve did not show the client's greeting:\n%s", served.String())
	}
}

func TestRunJSON(t *testing.T) {
	code, out, errOut := cli(t, "run", "4", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var recvs []trace.Event
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var raw map[string]any
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for _, k := range []string{"seq", "side", "op", "n"} {
			if _, ok := raw[k]; !ok {
				t.Errorf("%s lacks %q", line, k)
			}
		}
		var e trace.Event
		json.Unmarshal([]byte(line), &e)
		if e.Side == "client" && e.Op == "recv" {
			recvs = append(recvs, e)
		}
	}
	if len(recvs) != 5 || string(recvs[1].Hex) != "Program" || !recvs[4].EOF || recvs[4].Size != 7 {
		t.Errorf("client reads in JSON: %+v", recvs)
	}
}

// TestCodeShowsTheRunningSource checks that every function a lesson names
// is cut whole from the embedded lesson files.
func TestCodeShowsTheRunningSource(t *testing.T) {
	for n := 1; n <= len(lessons.All); n++ {
		code, out, errOut := cli(t, "code", itoa(n))
		if code != 0 || strings.Count(out, "\nfunc ") < 2 || strings.Contains(out, "\x1b") {
			t.Errorf("code %d: exit %d %s\n%s", n, code, errOut, out)
		}
	}
	_, out, _ := cli(t, "code", "4")
	if !strings.Contains(out, "// 0 bytes means the end of the stream") {
		t.Errorf("code 4 lacks the loop's end check:\n%s", out)
	}
}
