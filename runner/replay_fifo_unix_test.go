//go:build unix

package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// fifo makes a named pipe; release opens it for writing once a reader is
// opening it, so that an open left waiting ends.
func fifo(t *testing.T) (name string, release func()) {
	t.Helper()
	name = filepath.Join(t.TempDir(), "pipe.rec")
	if err := syscall.Mkfifo(name, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	return name, func() {
		t.Helper()
		for start := time.Now(); time.Since(start) < 5*time.Second; runtime.Gosched() {
			if f, err := os.OpenFile(name, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
				return
			}
		}
		t.Error("nothing opened the FIFO for reading")
	}
}

// TestReplayOfAFIFOWithoutWriterIsInterrupted: Ctrl-C while replay waits
// for a writer to open the FIFO ends it at once, exit 130.
func TestReplayOfAFIFOWithoutWriterIsInterrupted(t *testing.T) {
	name, release := fifo(t)
	defer release()
	ctx, cancel := context.WithCancel(context.Background())
	done, o := replayUntil(t, ctx, name)
	cancel()
	select {
	case code := <-done:
		if code != 130 {
			t.Errorf("exit %d, %s; want 130", code, o.Err)
		}
	case <-time.After(time.Second):
		t.Fatal("replay of a FIFO without writer still waiting a second after Ctrl-C")
	}
}

// TestReplayOfASilentFIFOIsInterrupted: a writer that opened the FIFO,
// wrote the first line and then nothing; Ctrl-C ends the replay at once.
func TestReplayOfASilentFIFOIsInterrupted(t *testing.T) {
	name, _ := fifo(t)
	ctx, cancel := context.WithCancel(context.Background())
	done, o := replayUntil(t, ctx, name)
	w, err := os.OpenFile(name, os.O_WRONLY, 0) // waits for replay's open
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	text, err := os.ReadFile(filepath.Join("testdata", "recordings", "lesson-1.rec"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(text[:bytes.IndexByte(text, '\n')+1]); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case code := <-done:
		if code != 130 {
			t.Errorf("exit %d, %s; want 130", code, o.Err)
		}
	case <-time.After(time.Second):
		t.Fatal("replay of a silent FIFO still reading a second after Ctrl-C")
	}
}

// TestReplayReadsAFIFO: a recording written into a FIFO replays like the
// file itself.
func TestReplayReadsAFIFO(t *testing.T) {
	name, _ := fifo(t)
	file := filepath.Join("testdata", "recordings", "lesson-1.rec")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	done, o := replayUntil(t, context.Background(), name)
	w, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(text)
	w.Close()
	_, want, _ := cli(t, "replay", file)
	if code := <-done; code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if got := o.Out.(*bytes.Buffer).String(); got != want {
		t.Errorf("replay of the FIFO differs:\n%s", diff(want, got))
	}
}
