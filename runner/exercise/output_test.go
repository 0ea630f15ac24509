package exercise

import (
	"strings"
	"testing"
)

func TestStreamKeepsHeadAndTailAndWatchesAll(t *testing.T) {
	s := newStream("欢迎", message)
	line := strings.Repeat("x", 99) + "\n"
	for i := 0; i < 10000; i++ { // 1 MB, written in pieces of 100 bytes
		s.Write([]byte(line))
	}
	// The wanted words cut across writes, and the message only begun.
	for _, part := range []string{"欢", "迎 and ", message[:5], message[5:13], " no more"} {
		s.Write([]byte(part))
	}
	if !s.Contains("欢迎") || s.Contains(message) || s.Prefix(message) != 13 {
		t.Errorf("contains 欢迎 %v, message %v, prefix %d", s.Contains("欢迎"), s.Contains(message), s.Prefix(message))
	}
	if len(s.head) != keep || cap(s.tail) > 3*keep || !strings.HasSuffix(s.Tail(), message[:13]+" no more") {
		t.Errorf("head %d bytes, tail capacity %d: memory must stay bounded", len(s.head), cap(s.tail))
	}
	if s.Lines() != 10001 || s.Dropped() != s.total-2*keep {
		t.Errorf("lines %d, dropped %d of %d", s.Lines(), s.Dropped(), s.total)
	}
}

func TestWatchFindsEveryOccurrence(t *testing.T) {
	// Patterns whose starts repeat, fed a byte at a time.
	for _, c := range []struct {
		pat, text string
		best      int
	}{
		{"aab", "aaab", 3},
		{"abab", "abaabab", 4},
		{"abcabd", "abcabcabd", 6},
		{"abcabd", "xxabcab", 5},
		{"用 Python", "用 Py用 Pyth", 8},
	} {
		w := newWatch(c.pat)
		for i := range len(c.text) {
			w.feed([]byte{c.text[i]})
		}
		if w.best != c.best {
			t.Errorf("%q in %q: best %d, want %d", c.pat, c.text, w.best, c.best)
		}
	}
}

func TestShortStream(t *testing.T) {
	s := newStream()
	s.Write([]byte("one\ntwo"))
	if s.String() != "one\ntwo" || s.Tail() != "one\ntwo" || s.Lines() != 2 || s.Dropped() != 0 {
		t.Errorf("%q %q %d %d", s.String(), s.Tail(), s.Lines(), s.Dropped())
	}
}
