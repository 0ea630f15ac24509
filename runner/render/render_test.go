package render

import (
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func TestSplitRunes(t *testing.T) {
	msg := []byte("套接字编程") // 3 bytes a character
	for _, c := range []struct {
		b                []byte
		start, end, want int
	}{
		{msg[:7], 0, 1, 3},   // two characters and the first byte of a third
		{msg[7:14], 2, 2, 3}, // the rest of one, one whole, two bytes of the next
		{msg[:6], 0, 0, 0},
		{[]byte("Socket "), 0, 0, 0},
		{[]byte{0xff, 0xfe, 0x00}, 0, 0, 0}, // not UTF-8 text: nothing to say
	} {
		s, e, w := splitRunes(c.b, nil)
		if s != c.start || e != c.end || w != c.want {
			t.Errorf("% x: start %d end %d want %d; want %d %d %d", c.b, s, e, w, c.start, c.end, c.want)
		}
	}
}

func TestSplitRunesOfAnElidedPayload(t *testing.T) {
	msg := []byte(strings.Repeat("套接字编程", 100)) // 1500 bytes
	kept, elided := trace.Keep(msg[1 : len(msg)-1])
	e := trace.Event{Op: "recv", N: len(msg) - 2, Hex: kept, Elided: elided}
	if s, end, w := splitRunes(e.Head(), e.Tail()); s != 2 || end != 2 || w != 3 {
		t.Errorf("a cut character at each end: start %d end %d want %d; want 2 2 3", s, end, w)
	}
}

func TestExplainersFireOnWhatHappened(t *testing.T) {
	a := NewAnalyzer(0)
	send := trace.Event{Seq: 1, Side: "server", Op: "send", N: 28, Local: "A", Remote: "B", Hex: []byte("Socket Programming in Python")}
	a.Know([]trace.Event{send})
	cut := a.Info(trace.Event{Seq: 2, Side: "client", Op: "recv", N: 7, Size: 7, Local: "B", Remote: "A", Hex: []byte("Socket ")})
	if len(cut.Explain) != 1 || !strings.Contains(cut.Explain[0], "only part of what one send sent") {
		t.Errorf("a 7-byte read of a 28-byte send: %q", cut.Explain)
	}
	short := a.Info(trace.Event{Seq: 3, Side: "client", Op: "recv", N: 21, Size: 1024, Off: 7, Local: "B", Remote: "A"})
	if len(short.Explain) == 0 || !strings.Contains(short.Explain[0], "Asked for up to 1024 bytes, got 21") {
		t.Errorf("a short read: %q", short.Explain)
	}
	eof := a.Info(trace.Event{Seq: 4, Side: "client", Op: "recv", Size: 7, Off: 28, EOF: true, Local: "B", Remote: "A"})
	if len(eof.Explain) != 1 || !strings.Contains(eof.Explain[0], "end of the stream") {
		t.Errorf("end of stream: %q", eof.Explain)
	}
	reset := a.Info(trace.Event{Side: "server", Op: "error", Call: "recv", Err: "connection reset by peer"})
	if len(reset.Explain) != 1 || !strings.Contains(reset.Explain[0], "reset the connection") {
		t.Errorf("reset: %q", reset.Explain)
	}
}

func TestLinesFitTheirWidth(t *testing.T) {
	r := &Renderer{Width: 80, Pal: NewPalette(false)}
	for _, e := range []trace.Event{
		{Side: "client", Op: "send", N: 6},
		{Side: "server", Op: "send", N: 6},
		{Side: "server", Op: "accept", Remote: "127.0.0.1:65535"},
		{Side: "client", Op: "note", Key: "decoded", Vals: map[string]string{"text": strings.Repeat("你好", 60)}},
	} {
		if w := Width(r.Line(12, e, Info{}, false)); w > 80 {
			t.Errorf("%s %s: %d columns", e.Side, e.Op, w)
		}
	}
	if got := Wrap("你好你好你好 abc", 10); strings.Join(got, "|") != "你好你好你|好 abc" {
		t.Errorf("wrap of wide characters: %q", got)
	}
}

// TestWrapKeepsSpacesInData: a run of spaces in quoted data (lesson 7's
// padded header) is kept as it is, never collapsed to one by wrapping;
// single spaces still break lines.
func TestWrapKeepsSpacesInData(t *testing.T) {
	header := `"27        "`
	text := "One send: the 10-byte header " + header + " (27, then 8 spaces) and the body."
	for _, w := range []int{20, 40, 80} {
		joined := strings.Join(Wrap(text, w), " ")
		if !strings.Contains(joined, header) {
			t.Errorf("at width %d the header became %q", w, joined)
		}
	}
	if got := Wrap("abcd efgh ijkl", 10); strings.Join(got, "|") != "abcd efgh|ijkl" {
		t.Errorf("single spaces do not break: %q", got)
	}
}
