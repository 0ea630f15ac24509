package lessons

import (
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

func init() { moreFacts[9] = lesson9 }

// isStamped reports whether answer is a ctime timestamp, a space and text.
func isStamped(answer, text string) bool {
	if len(answer) < len(time.ANSIC) {
		return false
	}
	_, err := time.Parse(time.ANSIC, answer[:len(time.ANSIC)])
	return err == nil && answer[len(time.ANSIC):] == " "+text
}

func lesson9(t *testing.T, ev []trace.Event) {
	if l := calls(ev, "server", "listen"); len(l) != 2 || l[0].Size != 5 {
		t.Errorf("listens %+v, want two with backlog 5", l)
	}
	// Each handler reads its client's two requests with recv(1024), then
	// the end of the stream, and answers each with a timestamp.
	for _, h := range []string{"handler 1", "handler 2"} {
		r := calls(ev, h, "recv")
		if len(r) != 3 || string(r[0].Hex) != "hello python" || string(r[1].Hex) != "hello pythontab" || !r[2].EOF {
			t.Errorf("%s read %+v, want the two requests then the end", h, r)
		}
		for _, e := range r {
			if e.Size != 1024 {
				t.Errorf("%s asked %d, want 1024", h, e.Size)
			}
		}
		s := calls(ev, h, "send")
		if len(s) != 2 || !isStamped(string(s[0].Hex), "hello python") || !isStamped(string(s[1].Hex), "hello pythontab") ||
			s[0].N != 37 || s[1].N != 40 {
			t.Errorf("%s answered %+v, want 37 and 40 bytes of ctime and text", h, s)
		}
		if len(calls(ev, h, "close")) != 1 {
			t.Errorf("%s's connection was not closed by the framework", h)
		}
	}
	// Handler n serves client n, and client n got what its handler sent.
	for i, c := range []string{"client 1", "client 2"} {
		acc := calls(ev, "server", "accept")[i]
		conn := calls(ev, c, "connect")
		if len(conn) != 1 || conn[0].Local != acc.Remote {
			t.Errorf("%s connect %+v is not accept %d (%s)", c, conn, i+1, acc.Remote)
		}
		sent := calls(ev, []string{"handler 1", "handler 2"}[i], "send")
		got := calls(ev, c, "recv")
		if len(got) != 2 || len(sent) != 2 || string(got[0].Hex) != string(sent[0].Hex) || string(got[1].Hex) != string(sent[1].Hex) {
			t.Errorf("%s read %+v, not its handler's answers", c, got)
		}
	}
	// Two at once: client 2 connected before client 1 was done.
	if c2, c1 := calls(ev, "client 2", "connect"), calls(ev, "client 1", "close"); len(c2) != 1 || len(c1) != 1 || c2[0].Seq > c1[0].Seq {
		t.Error("client 2 connected only after client 1 had hung up")
	}
	var bug trace.Event
	for _, n := range calls(ev, "tutor", "note") {
		if n.Key == "bytes-bug" {
			bug = n
		}
	}
	if !isStamped(bug.Vals["ours"], "hello python") || bug.Vals["theirs"] != bug.Vals["stamp"]+" b'hello python'" {
		t.Errorf("bytes-bug note %+v", bug.Vals)
	}
	// The impatient client: both requests in one read, one answer.
	r := calls(ev, "handler 3", "recv")
	if len(r) != 2 || string(r[0].Hex) != "hello pythonhello pythontab" || !r[1].EOF {
		t.Errorf("handler 3 read %+v, want both requests at once, then the end", r)
	}
	if s := calls(ev, "handler 3", "send"); len(s) != 1 || !isStamped(string(s[0].Hex), "hello pythonhello pythontab") {
		t.Errorf("handler 3 answered %+v, want one answer for both", s)
	}
	if got := calls(ev, "client 3", "recv"); len(got) != 1 || got[0].N != 52 {
		t.Errorf("client 3 read %+v, want the one 52-byte answer", got)
	}
}

func TestCtimeLayout(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want string
	}{
		{time.Date(2016, 9, 15, 23, 53, 31, 0, time.UTC), "Thu Sep 15 23:53:31 2016"},
		{time.Date(2016, 9, 1, 3, 4, 5, 0, time.UTC), "Thu Sep  1 03:04:05 2016"}, // Python: time.ctime pads the day with a space
	} {
		if got := c.t.Format(time.ANSIC); got != c.want {
			t.Errorf("%v: %q, want %q", c.t, got, c.want)
		}
	}
}

func TestPyBytes(t *testing.T) {
	for in, want := range map[string]string{
		"hello python": "b'hello python'",
		"it's":         `b"it's"`,
		`'"`:           `b'\'"'`,
		"a\r\n\t\\":    `b'a\r\n\t\\'`,
		"你":            `b'\xe4\xbd\xa0'`,
		"\x00\x7f":     `b'\x00\x7f'`,
	} {
		if got := pyBytes([]byte(in)); got != want {
			t.Errorf("pyBytes(%q) = %s, want %s", in, got, want)
		}
	}
}
