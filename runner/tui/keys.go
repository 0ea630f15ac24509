package tui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"time"
)

// Keys the player and the menu understand, decoded from what a terminal
// sends in raw mode.
const (
	keyNext      = "next"  // Space, →, Page Down
	keyEnter     = "enter" // Enter: next too, and the key that answers a question
	keyBack      = "back"  // ←, b, Page Up, k
	keyUp        = "up"    // ↑
	keyDown      = "down"  // ↓
	keyInterrupt = "^C"    // Ctrl-C
	keyEOF       = "eof"   // Ctrl-D, or the input closed
	keyTimeout   = ""      // no key came in time
)

// decodeKeys splits what one read returned into keys. Printable keys come
// back as themselves ("a", "+", "3").
func decodeKeys(b []byte) []string {
	var keys []string
	for len(b) > 0 {
		switch {
		case b[0] == 0x1b && len(b) >= 3 && (b[1] == '[' || b[1] == 'O'):
			seq, n := escape(b)
			keys = append(keys, seq)
			b = b[n:]
			continue
		case b[0] == '\r' && len(b) > 1 && b[1] == '\n': // one Enter, as a console may send it
			keys = append(keys, keyEnter)
			b = b[1:]
		case b[0] == '\r' || b[0] == '\n':
			keys = append(keys, keyEnter)
		case b[0] == ' ':
			keys = append(keys, keyNext)
		case b[0] == 0x03:
			keys = append(keys, keyInterrupt)
		case b[0] == 0x04:
			keys = append(keys, keyEOF)
		case b[0] == 0x1b:
			keys = append(keys, "esc")
		default:
			keys = append(keys, string(rune(b[0])))
		}
		b = b[1:]
	}
	return keys
}

// escape decodes one escape sequence at the start of b: arrows, Page Up
// and Page Down. It returns the key and how many bytes it took.
func escape(b []byte) (string, int) {
	switch b[2] {
	case 'C':
		return keyNext, 3
	case 'D':
		return keyBack, 3
	case 'A':
		return keyUp, 3
	case 'B':
		return keyDown, 3
	}
	if len(b) >= 4 && b[3] == '~' {
		switch b[2] {
		case '6':
			return keyNext, 4
		case '5':
			return keyBack, 4
		}
	}
	// Unknown: skip to the sequence's final letter or tilde.
	n := 2
	for n < len(b) && !(b[n] >= 0x40 && b[n] <= 0x7e) {
		n++
	}
	if n < len(b) {
		n++
	}
	return "esc", n
}

// KeySource gives the player one key at a time.
type KeySource interface {
	// next waits up to d for a key (without limit when d is 0) and
	// returns keyTimeout when none came.
	next(ctx context.Context, d time.Duration) (string, error)
}

// readerKeys reads keys from a plain reader, such as a test's script. A
// NUL byte in the script stands for "no key came in time"; the end of the
// script is keyEOF.
type readerKeys struct {
	r       io.Reader
	pending []string
}

func (k *readerKeys) next(ctx context.Context, d time.Duration) (string, error) {
	for len(k.pending) == 0 {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		buf := make([]byte, 64)
		n, err := k.r.Read(buf)
		for i, part := range bytes.Split(buf[:n], []byte{0}) {
			if i > 0 {
				k.pending = append(k.pending, keyTimeout)
			}
			k.pending = append(k.pending, decodeKeys(part)...)
		}
		if err != nil && len(k.pending) == 0 {
			if errors.Is(err, io.EOF) {
				return keyEOF, nil
			}
			return "", err
		}
	}
	key := k.pending[0]
	k.pending = k.pending[1:]
	return key, nil
}
