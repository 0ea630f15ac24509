//go:build windows

package tui

import (
	"context"
	"io"
	"os"
	"testing"
	"time"
)

// wait bounds each wait for a key or a read: far more than one takes.
const wait = 5 * time.Second

// consoleTested is set by the first run of the test below (-count).
var consoleTested bool

// TestConsoleKeysGoToTheReaderOfNow: the one goroutine that reads the
// console hands each read to the player or the menu, whichever reads
// now; a closed menu reader takes nothing; the end of input reaches
// both. Standard input is a pipe here, not a console: what this checks
// is the hand-over, not the console's raw mode.
func TestConsoleKeysGoToTheReaderOfNow(t *testing.T) {
	if consoleTested {
		t.Skip("the console reader starts once a process; the first run checked it")
	}
	consoleTested = true
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin := os.Stdin
	os.Stdin = r // before the reader starts: it reads os.Stdin for good
	t.Cleanup(func() { os.Stdin = stdin })
	defer w.Close()
	ctx := context.Background()
	player := TerminalKeys(0)
	key := func(want string) {
		t.Helper()
		if got, err := player.next(ctx, wait); got != want || err != nil {
			t.Fatalf("the player got %q, %v; want %q", got, err, want)
		}
	}
	send := func(s string) {
		t.Helper()
		if _, err := w.WriteString(s); err != nil {
			t.Fatal(err)
		}
	}

	send("\x1b[C")
	key("next")
	if got, err := player.next(ctx, 50*time.Millisecond); got != keyTimeout || err != nil {
		t.Fatalf("with no key, the player got %q, %v", got, err)
	}

	// A menu reader closed while it waits gives up and takes no key.
	menu := TerminalMenuReader(0)
	read := make(chan error, 1)
	go func() {
		_, err := menu.Read(make([]byte, 64))
		read <- err
	}()
	menu.Close()
	select {
	case err := <-read:
		if err != io.EOF {
			t.Fatalf("a closed menu reader returned %v, want EOF", err)
		}
	case <-time.After(wait):
		t.Fatal("a closed menu reader still waits")
	}
	send("q")
	key("q")

	// An open menu reader gets the bytes as they came.
	menu = TerminalMenuReader(0)
	defer menu.Close()
	send("g12\r")
	got := make(chan string, 1)
	go func() {
		var all []byte
		buf := make([]byte, 64)
		for len(all) < 4 {
			n, err := menu.Read(buf)
			all = append(all, buf[:n]...)
			if err != nil {
				break
			}
		}
		got <- string(all)
	}()
	select {
	case s := <-got:
		if s != "g12\r" {
			t.Fatalf("the menu read %q, want %q", s, "g12\r")
		}
	case <-time.After(wait):
		t.Fatal("the menu read nothing")
	}

	// The end of input reaches both.
	w.Close()
	key(keyEOF)
	go func() {
		_, err := menu.Read(make([]byte, 64))
		read <- err
	}()
	select {
	case err := <-read:
		if err != io.EOF {
			t.Fatalf("after the end of input the menu read %v, want EOF", err)
		}
	case <-time.After(wait):
		t.Fatal("after the end of input the menu still waits")
	}
}
