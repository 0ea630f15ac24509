//go:build windows

package tui

import (
	"context"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/windows"
)

// On Windows a console cannot be polled like a Unix terminal, so one
// goroutine reads it for the whole process and hands what it read to
// whoever reads keys now, the player or the menu: a key is never taken by
// a reader that has gone away. In raw mode (golang.org/x/term), the
// console sends arrows and Page Down as the same escape sequences as a
// Unix terminal (VT input), and Ctrl-C as the byte 0x03.
var console struct {
	once sync.Once
	ch   chan []byte // what each read returned; closed at the end of input
}

func consoleInput() chan []byte {
	console.once.Do(func() {
		console.ch = make(chan []byte)
		go func() {
			defer close(console.ch)
			buf := make([]byte, 64)
			for {
				n, err := os.Stdin.Read(buf)
				if n > 0 {
					console.ch <- append([]byte(nil), buf[:n]...)
				}
				if err != nil {
					return
				}
			}
		}()
	})
	return console.ch
}

// TerminalKeys reads the player's keys from the console.
func TerminalKeys(int) KeySource { return &consoleKeys{} }

type consoleKeys struct{ pending []string }

func (k *consoleKeys) next(ctx context.Context, d time.Duration) (string, error) {
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	for len(k.pending) == 0 {
		select {
		case b, ok := <-consoleInput():
			if !ok {
				return keyEOF, nil
			}
			k.pending = decodeKeys(b)
		case <-timeout:
			return keyTimeout, nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	key := k.pending[0]
	k.pending = k.pending[1:]
	return key, nil
}

// TerminalMenuReader reads the menu's keys from the console; once closed
// it gives up without taking a key.
func TerminalMenuReader(int) MenuReader { return &consoleMenuReader{} }

type consoleMenuReader struct{ closed atomic.Bool }

func (c *consoleMenuReader) Read(b []byte) (int, error) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for !c.closed.Load() {
		select {
		case got, ok := <-consoleInput():
			if !ok {
				return 0, io.EOF
			}
			return copy(b, got), nil
		case <-tick.C:
		}
	}
	return 0, io.EOF
}

func (c *consoleMenuReader) Close() error { c.closed.Store(true); return nil }

// PrepareConsole turns on the console's handling of escape codes (colour,
// the player's screen) and UTF-8 output whatever its code page, and
// reports whether the console handles escape codes. The classic console
// of old Windows versions has no VT processing: there colour and screen
// control cannot be had, and socktour treats it as a dumb terminal. Not
// a console at all (a pipe, a file) is no trouble: true.
func PrepareConsole(fd int) (vt bool) {
	h := windows.Handle(fd)
	windows.SetConsoleOutputCP(cpUTF8)
	var mode uint32
	if windows.GetConsoleMode(h, &mode) != nil {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}

// cpUTF8 is the code page of UTF-8.
const cpUTF8 = 65001
