package tui

import (
	"strings"
	"testing"
)

// TestDecodeKeysOfEverySystem: the byte sequences the terminals of Linux
// and macOS, and Windows' console in VT input mode (which x/term's raw
// mode turns on), send for the player's keys decode to the same keys.
func TestDecodeKeysOfEverySystem(t *testing.T) {
	for _, c := range []struct {
		system, bytes, want string
	}{
		{"xterm, macOS Terminal, Windows Terminal: arrows", "\x1b[C\x1b[D\x1b[A\x1b[B", "next back up down"},
		{"application cursor mode (SS3 arrows)", "\x1bOC\x1bOD", "next back"},
		{"Page Down and Page Up (a presentation clicker)", "\x1b[6~\x1b[5~", "next back"},
		{"Enter as a Unix terminal sends it", "\r", "enter"},
		{"Enter as a console may send it", "\r\n", "enter"},
		{"Space, Ctrl-C, Ctrl-D", " \x03\x04", "next ^C eof"},
		{"Esc alone, then q", "\x1bq", "esc q"},
		{"an unknown sequence (F5) is skipped whole", "\x1b[15~a", "esc a"},
		{"digits after g", "g12\r", "g 1 2 enter"},
	} {
		if got := strings.Join(decodeKeys([]byte(c.bytes)), " "); got != c.want {
			t.Errorf("%s: %q decodes to %q, want %q", c.system, c.bytes, got, c.want)
		}
	}
}
