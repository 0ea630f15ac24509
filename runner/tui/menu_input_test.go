package tui

import (
	"strings"
	"testing"
	"time"
)

// TestMenuNumbersOfTwoDigits: a lesson's number moves the menu's cursor
// to it, lessons 10 and up by their two digits typed together; a digit
// typed after a pause, or one that names no lesson with the one before,
// starts a number of its own.
func TestMenuNumbersOfTwoDigits(t *testing.T) {
	const first, lessons, items = 2, 13, 17 // two offers above the lessons, two rows below
	for _, c := range []struct {
		keys  string
		pause bool // a pause longer than numberPause before the last key
		want  int  // the lesson the cursor ends on
	}{
		{"3", false, 3},
		{"13", false, 13},
		{"10", false, 10},
		{"14", false, 4}, // no lesson 14: the 4 alone
		{"13", true, 3},  // the 3 came later: lesson 3
		{"131", false, 1},
		{"0", false, 0}, // no lesson 0: the cursor stays
		{"1\x1b[B3", false, 3},
	} {
		clock := time.Unix(0, 0)
		m := &menuKeys{items: items, first: first, lessons: lessons, letters: map[byte]int{},
			now: func() time.Time { return clock }}
		for i := range c.keys {
			if c.pause && i == len(c.keys)-1 {
				clock = clock.Add(2 * numberPause)
			}
			m.translate([]byte{c.keys[i]})
		}
		got := 0
		if up := strings.LastIndex(string(m.buf), arrowUp); up >= 0 {
			got = strings.Count(string(m.buf[up:]), arrowDown) - first + 1
		}
		if got != c.want {
			t.Errorf("%q (pause %v): the cursor on lesson %d, want %d", c.keys, c.pause, got, c.want)
		}
	}
}
