package runner

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"slices"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/socktour/socktour/lessons"

	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
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
		{[]string{"run", "99"}, 2, `unknown lesson "99" (` + tui.LessonRange() + `)`},
		{[]string{"run", "x"}, 2, `unknown lesson "x"`},
		{[]string{"run"}, 2, "run needs a lesson number (" + tui.LessonRange() + ")"},
		{[]string{"run", "1", "--bogus"}, 2, "run: unknown flag --bogus\n"},
		{[]string{"run", "1", "-bogus=3"}, 2, "run: unknown flag -bogus\n"},
		{[]string{"run", "1", "--delay", "400"}, 2, "run: --delay 400 needs a unit, such as 400ms\n"},
		{[]string{"run", "1", "--delay=0.5"}, 2, "run: --delay 0.5 needs a unit, such as 0.5ms\n"},
		{[]string{"run", "1", "--delay", "fast"}, 2, "run: --delay takes a duration such as " + tui.DefaultDelay.String() + `, not "fast"`},
		{[]string{"run", "1", "--delay"}, 2, "run: --delay needs a value, such as " + tui.DefaultDelay.String() + "\n"},
		{[]string{"run", "1", "--step", "two"}, 2, `run: --step takes a whole number, not "two"`},
		{[]string{"run", "1", "--json=maybe"}, 2, `run: --json takes no value, not "maybe"`},
		{[]string{"run", "1", "--diagram=svg"}, 2, `run: --diagram is text or mermaid, not "svg"`},
		{[]string{"run", "1", "---x"}, 2, "run: unknown flag ---x\n"},
		{[]string{"serve", "1", "--port", "http"}, 2, `serve: --port takes a whole number, not "http"`},
		{[]string{"verify", "1", "--timeout", "10", "--", "true"}, 2, "verify: --timeout 10 needs a unit, such as 10s\n"},
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
	for _, l := range lessons.All {
		n := l.Number
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

// TestHelpAndVersionOnEveryCommand: --help and --version answer after any
// command, before the command checks anything else, and exit 0; after
// verify's "--" they belong to the learner's program.
func TestHelpAndVersionOnEveryCommand(t *testing.T) {
	commands := [][]string{{"list"}, {"run"}, {"run", "3"}, {"run", "99", "--bogus"}, {"replay"},
		{"watch"}, {"serve", "1"}, {"client", "1"}, {"code"}, {"exercise", "1"}, {"verify"},
		{"verify", "1", "--client"}, {"verify", "1"}, {"hint", "4"}, {"solution", "1", "--client"},
		{"progress"}, {"reset"}, {"--no-color", "run"}}
	for _, cmd := range commands {
		for _, flag := range []string{"--help", "-h", "--version"} {
			for _, args := range [][]string{append(append([]string{}, cmd...), flag), append(append([]string{}, cmd...), flag, "--", "prog")} {
				code, out, errOut := cli(t, args...)
				want := "socktour verify N"
				if flag == "--version" {
					want = "socktour " + Version + "\n"
				}
				if code != 0 || !strings.Contains(out, want) || errOut != "" {
					t.Errorf("socktour %s: exit %d, stdout %.40q, stderr %q; want exit 0 and %q", strings.Join(args, " "), code, out, errOut, want)
				}
			}
		}
	}
	learner := append([]string{"verify", "1", "--"}, asLearner(t, "right")...)
	code, out, errOut := cli(t, append(learner, "--help")...)
	if code != 0 || strings.Contains(out, "Usage:") {
		t.Errorf("verify 1 -- PROGRAM --help: exit %d %s; --help after -- is the program's\n%s", code, errOut, out)
	}
}

// TestStepPastTheEndRefusedEverywhere: --step past the last step is the
// same usage error piped as in the player, with the valid range.
func TestStepPastTheEndRefusedEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"run", "1", "--step", "99"},
		{"run", "1", "--step", "99", "--mode", "instant"},
		{"replay", "testdata/recordings/lesson-1.rec", "--step", "99"},
	} {
		code, out, errOut := cli(t, args...)
		if code != 2 || !strings.Contains(errOut, "--step 99 is past the end: this run has steps 0 to ") || out != "" {
			t.Errorf("socktour %v: exit %d, stderr %q, stdout %d bytes; want exit 2, the range and no transcript", args, code, errOut, len(out))
		}
	}
	if code, out, errOut := cli(t, "run", "1", "--step", "3"); code != 0 || !strings.Contains(out, "recv(") {
		t.Errorf("run 1 --step 3 piped: exit %d %s", code, errOut)
	}
}

// fakeInterrupt stands for SystemIO's Interrupt: it counts the commands
// that ask to catch Ctrl-C, and can give them a context already cancelled,
// as if Ctrl-C had been pressed at once.
type fakeInterrupt struct {
	asked, stopped int
	pressed        bool
}

func (f *fakeInterrupt) interrupt(ctx context.Context) (context.Context, context.CancelFunc) {
	f.asked++
	ctx, cancel := context.WithCancel(ctx)
	if f.pressed {
		cancel()
	}
	return ctx, func() { f.stopped++; cancel() }
}

// TestOnlyWaitingCommandsCatchCtrlC: commands that never wait start no
// signal handling (its threads cost start-up time); those that wait get a
// context that Ctrl-C cancels, stop catching it when done, and exit 130
// when it is pressed.
func TestOnlyWaitingCommandsCatchCtrlC(t *testing.T) {
	for _, args := range [][]string{{"list"}, {"--version"}, {"help"}, {"run", "--help"}, {"code", "1"},
		{"exercise", "1"}, {"hint", "9"}, {"progress"}, {"frobnicate"}} {
		var out bytes.Buffer
		o := testIO("", &out)
		f := &fakeInterrupt{}
		o.Interrupt = f.interrupt
		Main(context.Background(), args, o)
		if f.asked != 0 {
			t.Errorf("socktour %v catches Ctrl-C, but never waits", args)
		}
	}
	for _, args := range [][]string{{"run", "1"}, {"--no-color", "run", "1"}, {"solution", "1", "--yes"}, {}} {
		var out bytes.Buffer
		o := testIO("", &out)
		f := &fakeInterrupt{}
		o.Interrupt = f.interrupt
		if code := Main(context.Background(), args, o); code != 0 || f.asked != 1 || f.stopped != 1 {
			t.Errorf("socktour %v: exit %d, asked for Ctrl-C %d times, stopped %d; want 0, 1, 1", args, code, f.asked, f.stopped)
		}
		f = &fakeInterrupt{pressed: true}
		o = testIO("", &out)
		o.Interrupt = f.interrupt
		if code := Main(context.Background(), args, o); slices.Contains(args, "run") && code != 130 {
			t.Errorf("socktour %v with Ctrl-C: exit %d, want 130", args, code)
		}
	}
}

// TestReadmeExcerptIsARealRun: the lesson 3 excerpt at the top of the
// README is lines that `run 3 --no-questions` prints today, in one piece
// after the lane header, so it cannot drift from the program.
func TestReadmeExcerptIsARealRun(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "A step of lesson 3")
	_, block, ok2 := strings.Cut(after, "```\n")
	block, _, ok3 := strings.Cut(block, "```\n")
	if !ok || !ok2 || !ok3 {
		t.Fatal("README has no lesson 3 excerpt in a code block")
	}
	header, steps, _ := strings.Cut(block, "\n")
	code, out, errOut := cli(t, "run", "3", "--no-questions")
	if code != 0 {
		t.Fatalf("run 3: exit %d %s", code, errOut)
	}
	if !strings.Contains(out, header+"\n") || !strings.Contains(out, steps) {
		t.Errorf("the README's lesson 3 excerpt is not what run 3 prints; make it again with the command above it. It says:\n%s\nrun 3 prints:\n%s", block, out)
	}
}

// TestJSONNamesTheStepsOnScreen: each event of --json carries the number
// of the step that shows it, so the screen and the JSON can be compared:
// the steps are 1 to N once each, and where the screen puts a cause
// first (the connect before the accept it caused, though the accept
// returned first), the step numbers say so.
func TestJSONNamesTheStepsOnScreen(t *testing.T) {
	code, out, errOut := cli(t, "replay", "testdata/recordings/lesson-3.rec", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	type event struct {
		Seq  int    `json:"seq"`
		Op   string `json:"op"`
		Side string `json:"side"`
		Step int    `json:"step"`
	}
	var evs []event
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		evs = append(evs, e)
	}
	seen := map[int]bool{}
	connect, accept := -1, -1
	for i, e := range evs {
		if e.Step < 1 || e.Step > len(evs) || seen[e.Step] {
			t.Errorf("event %d (%s %s) has step %d", e.Seq, e.Side, e.Op, e.Step)
		}
		seen[e.Step] = true
		switch {
		case e.Op == "connect" && connect < 0:
			connect = i
		case e.Op == "accept" && accept < 0:
			accept = i
		}
	}
	if connect < 0 || accept < 0 || evs[accept].Seq > evs[connect].Seq || evs[connect].Step > evs[accept].Step {
		t.Errorf("the first connect (seq %d, step %d) and accept (seq %d, step %d): want the accept returned first and the connect shown first",
			evs[connect].Seq, evs[connect].Step, evs[accept].Seq, evs[accept].Step)
	}
}
