package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/lessons"
)

// TestReplayMatchesTheLiveRun records every lesson as it runs and replays
// the recording: the two transcripts must be the same to the byte.
func TestReplayMatchesTheLiveRun(t *testing.T) {
	dir := t.TempDir()
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			file := filepath.Join(dir, l.Name()+".rec")
			code, live, stderr := cli(t, "run", itoa(l.Number), "--record", file)
			if code != 0 {
				t.Fatalf("run --record: exit %d: %s", code, stderr)
			}
			code, replayed, stderr := cli(t, "replay", file)
			if code != 0 {
				t.Fatalf("replay: exit %d: %s", code, stderr)
			}
			if live != replayed {
				t.Errorf("replay differs from the live run:\n%s", diff(live, replayed))
			}
		})
	}
}

// TestRecordingsReplayTheSame replays recordings kept in testdata, made
// by an earlier socktour: a recording made one day replays the same on
// any later one. -update writes a fresh recording for a lesson that has
// none, and rewrites the expected transcripts.
func TestRecordingsReplayTheSame(t *testing.T) {
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			file := filepath.Join("testdata", "recordings", l.Name()+".rec")
			if _, err := os.Stat(file); err != nil && *update {
				if code, _, stderr := cli(t, "run", itoa(l.Number), "--record", file); code != 0 {
					t.Fatal(stderr)
				}
			}
			code, got, stderr := cli(t, "replay", file)
			if code != 0 {
				t.Fatalf("replay %s: exit %d: %s", file, code, stderr)
			}
			golden := filepath.Join("testdata", "recordings", l.Name()+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("replay of %s differs from %s:\n%s", file, golden, diff(string(want), got))
			}
		})
	}
}

func TestReplayRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join("testdata", "recordings", "lesson-1.rec")
	text, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lines := strings.SplitAfter(string(text), "\n")
	for _, c := range []struct{ file, want string }{
		{filepath.Join(dir, "missing.rec"), "cannot open " + dir + "/missing.rec: no such file or directory"},
		{write("notes.txt", "my notes\n"), dir + "/notes.txt:1: not a socktour recording"},
		{write("cut.rec", strings.Join(lines[:6], "")), dir + "/cut.rec:6: the recording is cut short"},
		{write("newer.rec", strings.Replace(string(text), `"version":1`, `"version":7`, 1)), dir + "/newer.rec:1: recorded in format version 7"},
		{write("ninety-nine.rec", strings.Replace(string(text), `"lesson":1`, `"lesson":99`, 1)), dir + "/ninety-nine.rec:1: the recording is of lesson 99, and this socktour has lessons 1 to " + strconv.Itoa(len(lessons.All))},
	} {
		code, out, stderr := cli(t, "replay", c.file)
		if code != 1 || out != "" {
			t.Errorf("replay %s: exit %d, output %q; want exit 1 and nothing", c.file, code, out)
		}
		if want := "socktour: " + c.want; !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("replay %s said\n%s\nwant one line starting %s", c.file, stderr, want)
		}
	}
	if code, _, stderr := cli(t, "replay"); code != 2 || !strings.Contains(stderr, "replay takes one recording file") {
		t.Errorf("replay without a file: exit %d, %s", code, stderr)
	}
}

// replayUntil starts `socktour replay file` and returns the channel of
// its exit code and its IO.
func replayUntil(t *testing.T, ctx context.Context, file string) (chan int, *IO) {
	t.Helper()
	var out bytes.Buffer
	o := testIO("", &out)
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"replay", file}, o) }()
	return done, o
}

func TestReplayRefusesDevZeroAtOnce(t *testing.T) {
	done, o := replayUntil(t, context.Background(), "/dev/zero")
	select {
	case code := <-done:
		if stderr := o.Err.(*bytes.Buffer).String(); code != 1 || !strings.HasPrefix(stderr, "socktour: /dev/zero:1: not a socktour recording") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("exit %d, %q", code, stderr)
		}
	case <-time.After(time.Second):
		t.Fatal("replay /dev/zero still reading after a second")
	}
}
