package runner

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/exercise"
)

// learnerProgram is what this test binary does when verify runs it as a
// learner's program: a hello client, right or wrong, or one that
// connects, starts a child (kind "child", which sleeps) and waits for
// nothing, once connected writing a line to the FIFO SOCKTOUR_TEST_READY.
func learnerProgram(kind string) int {
	if kind == "child" {
		time.Sleep(time.Minute)
		return 0
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		return 1
	}
	defer conn.Close()
	if kind == "hang" {
		child := exec.Command(os.Args[0], os.Getenv("SOCKTOUR_TEST_MARK"))
		child.Env = append(os.Environ(), "SOCKTOUR_TEST_PROGRAM=child")
		child.Start()
		if f, err := os.OpenFile(os.Getenv("SOCKTOUR_TEST_READY"), os.O_WRONLY, 0); err == nil {
			f.WriteString("connected\n")
			f.Close()
		}
		time.Sleep(time.Minute)
		return 0
	}
	greeting := "你好"
	if kind == "english" {
		greeting = "hello"
	}
	conn.Write([]byte(greeting))
	buf := make([]byte, 1024)
	n, _ := conn.Read(buf)
	fmt.Println(string(buf[:n]))
	return 0
}

// cliHome runs socktour with its progress kept in home.
func cliHome(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	var out bytes.Buffer
	o := testIO("", &out)
	o.Home = home
	code := Main(context.Background(), args, o)
	return code, out.String(), o.Err.(*bytes.Buffer).String()
}

// asLearner is the command line that runs this test binary as a
// learner's program of the given kind.
func asLearner(t *testing.T, kind string) []string {
	t.Setenv("SOCKTOUR_TEST_PROGRAM", kind)
	return []string{os.Args[0]}
}

func TestExerciseVerifyAndProgress(t *testing.T) {
	home := t.TempDir()
	code, out, _ := cliHome(t, home, "exercise", "1")
	if code != 0 || !strings.Contains(out, "The hello client") || !strings.Contains(out, "socktour verify 1 -- python3") {
		t.Errorf("exercise 1: exit %d\n%s", code, out)
	}

	code, out, stderr := cliHome(t, home, append([]string{"verify", "1", "--"}, asLearner(t, "english")...)...)
	if code != 1 || !strings.Contains(out, "Verdict: not yet ✗") || !strings.Contains(out, `✗ it sent "hello" (5 bytes: 68 65 6c 6c 6f), not 你好`) {
		t.Errorf("a wrong client: exit %d %s\n%s", code, stderr, out)
	}
	code, out, _ = cliHome(t, home, "progress")
	if code != 0 || strings.Contains(out, "★   1  Basic TCP") {
		t.Errorf("progress after a failed verify:\n%s", out)
	}

	code, out, stderr = cliHome(t, home, append([]string{"verify", "1", "--"}, asLearner(t, "right")...)...)
	if code != 0 || !strings.Contains(out, "Verdict: passed ✓") || !strings.Contains(out, "your client → server bytes 0..5") {
		t.Errorf("a right client: exit %d %s\n%s", code, stderr, out)
	}
	code, out, _ = cliHome(t, home, "progress")
	if code != 0 || !strings.Contains(out, "  · ★   1  Basic TCP") || !strings.Contains(out, "exercise (client) passed") {
		t.Errorf("progress after passing lesson 1's exercise:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(home, "progress.json")); err != nil {
		t.Errorf("no progress file: %v", err)
	}

	code, _, _ = cliHome(t, home, "reset", "1", "--yes")
	_, out, _ = cliHome(t, home, "progress")
	if code != 0 || strings.Contains(out, "★   1  Basic TCP") {
		t.Errorf("reset 1: exit %d, progress still\n%s", code, out)
	}
}

func TestExerciseOfOnePart(t *testing.T) {
	code, out, stderr := cli(t, "exercise", "7", "--server")
	if code != 0 || !strings.Contains(out, "The framed server") || strings.Contains(out, "The framed client") {
		t.Errorf("exercise 7 --server: exit %d %s\n%s", code, stderr, out)
	}
	code, out, _ = cli(t, "exercise", "7", "--client")
	if code != 0 || !strings.Contains(out, "The framed client") || strings.Contains(out, "The framed server") {
		t.Errorf("exercise 7 --client: exit %d\n%s", code, out)
	}
	code, out, _ = cli(t, "exercise", "7")
	if code != 0 || !strings.Contains(out, "The framed client") || !strings.Contains(out, "The framed server") {
		t.Errorf("exercise 7: exit %d\n%s", code, out)
	}
	if code, _, stderr := cli(t, "exercise", "6", "--client"); code != 2 || !strings.Contains(stderr, "lesson 6's exercise is a server") {
		t.Errorf("exercise 6 --client: exit %d %s", code, stderr)
	}
}

func TestALessonWithoutAnExercise(t *testing.T) {
	for _, l := range lessons.All {
		if len(exercise.For(l.Number)) > 0 {
			continue
		}
		n := fmt.Sprint(l.Number)
		for _, args := range [][]string{{"exercise", n}, {"hint", n}, {"solution", n, "--yes"}, {"verify", n, "--", "true"}} {
			if code, _, stderr := cli(t, args...); code != 2 || !strings.Contains(stderr, "lesson "+n+" has no exercise") {
				t.Errorf("%v: exit %d %s", args, code, stderr)
			}
		}
		return
	}
	t.Skip("every lesson has an exercise")
}

func TestHintsOneAtATimeAndSolution(t *testing.T) {
	home := t.TempDir()
	_, first, _ := cliHome(t, home, "hint", "4")
	_, second, _ := cliHome(t, home, "hint", "4")
	if !strings.Contains(first, "Hint 1 of 3") || strings.Contains(first, "Hint 2") {
		t.Errorf("first hint:\n%s", first)
	}
	if !strings.Contains(second, "Hint 1 of 3") || !strings.Contains(second, "Hint 2 of 3") || strings.Contains(second, "Hint 3") {
		t.Errorf("second hint:\n%s", second)
	}
	if _, out, _ := cliHome(t, home, "progress"); !strings.Contains(out, "2 hints seen") {
		t.Errorf("progress does not count hints:\n%s", out)
	}
	if code, _, stderr := cliHome(t, home, "solution", "4"); code != 2 || !strings.Contains(stderr, "add --yes") {
		t.Errorf("solution without a terminal or --yes: exit %d %s", code, stderr)
	}
	code, out, _ := cliHome(t, home, "solution", "7", "--server", "--yes")
	if code != 0 || !strings.Contains(out, "package main") || !strings.Contains(out, "import socket") || !strings.Contains(out, `fmt.Sprintf("%-10d", len(body))`) {
		t.Errorf("solution 7 --server: exit %d\n%s", code, out)
	}
	if code, _, stderr := cliHome(t, home, "hint", "6", "--client"); code != 2 || !strings.Contains(stderr, "lesson 6's exercise is a server") {
		t.Errorf("hint 6 --client: exit %d %s", code, stderr)
	}
	if code, _, stderr := cliHome(t, home, "verify", "1", "python3", "x.py"); code != 2 || !strings.Contains(stderr, "verify needs your program after --") {
		t.Errorf("verify without --: exit %d %s", code, stderr)
	}
}

func TestDamagedProgressFile(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "progress.json"), []byte("{not json"), 0o644)
	code, out, stderr := cliHome(t, home, "progress")
	if code != 0 || !strings.Contains(stderr, "your progress file was damaged: it is kept as "+home) || !strings.Contains(out, "Your progress") {
		t.Errorf("exit %d, stderr %q\n%s", code, stderr, out)
	}
	// A home that cannot hold the file: the lesson goes on, said once.
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, nil, 0o644)
	code, _, stderr = cliHome(t, file, "hint", "1")
	if code != 0 || strings.Count(stderr, "socktour: ") != 1 || !strings.Contains(stderr, "your progress in "+file) {
		t.Errorf("unwritable home: exit %d, %q", code, stderr)
	}
}

func TestLongOutputShownByItsEnds(t *testing.T) {
	s := &exercise.Stream{}
	for i := 0; i < 20000; i++ { // about 200 KB: more than is kept
		fmt.Fprintf(s, "line %d\n", i)
	}
	s.Write([]byte("欢迎\n"))
	got := outputLines(s)
	if len(got) != 13 || got[0] != "line 0" || got[8] != "line 8" || got[12] != "欢迎" || got[10] != "line 19998" {
		t.Errorf("shown: %q", got)
	}
	if want := "… 19989 more lines …"; got[9] != want {
		t.Errorf("mark %q, want %q", got[9], want)
	}
	short := &exercise.Stream{}
	short.Write([]byte("one\ntwo\n"))
	if got := outputLines(short); len(got) != 2 || got[1] != "two" {
		t.Errorf("a short output: %q", got)
	}
}
