package lessons

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

func init() { moreFacts[8] = lesson8 }

// lesson8 checks the chat: both greetings, exit, the half-close, and the
// server's last words read after it.
func lesson8(t *testing.T, ev []trace.Event) {
	// In the order of cause and effect, as the player shows them.
	ev = trace.Causal(ev)
	texts := func(side, op string) []string {
		var out []string
		for _, e := range calls(ev, side, op) {
			out = append(out, string(e.Hex))
		}
		return out
	}
	// The greetings from the goroutine that connected or accepted, the
	// typed lines from the writer's, the last words after the reads.
	for side, want := range map[string]string{"client": "你好", "client sends": "exit",
		"server": "欢迎|" + lastWords, "server sends": "不错呦"} {
		if got := strings.Join(texts(side, "send"), "|"); got != want {
			t.Errorf("%s sends %q, want %q", side, got, want)
		}
	}
	// In the display, every send comes after its connection is made.
	made := map[string]bool{}
	for _, e := range ev {
		if e.Op == "connect" || e.Op == "accept" {
			made[e.Side] = true
		}
		if e.Op == "send" && !made[strings.TrimSuffix(e.Side, " sends")] {
			t.Errorf("%s sent %q before its connection was made", e.Side, e.Hex)
		}
	}
	// One message per read, then the end of the stream, on both sides.
	if got := strings.Join(texts("server", "recv"), "|"); got != "你好|exit|" {
		t.Errorf("server reads %q, want 你好|exit| (then end of stream)", got)
	}
	if got := strings.Join(texts("client", "recv"), "|"); got != "欢迎|不错呦|"+lastWords+"|" {
		t.Errorf("client reads %q, want 欢迎|不错呦|再见|", got)
	}
	at := func(pred func(trace.Event) bool) int {
		for i, e := range ev {
			if pred(e) {
				return i
			}
		}
		t.Fatalf("no such event")
		return -1
	}
	shut := at(func(e trace.Event) bool { return e.Side == "client sends" && e.Op == "shutdown" })
	last := at(func(e trace.Event) bool { return e.Side == "server" && e.Op == "send" && string(e.Hex) == lastWords })
	heard := at(func(e trace.Event) bool { return e.Side == "client" && e.Op == "recv" && string(e.Hex) == lastWords })
	exit := at(func(e trace.Event) bool { return e.Side == "server" && e.Op == "recv" && string(e.Hex) == "exit" })
	eof := at(func(e trace.Event) bool { return e.Side == "server" && e.Op == "recv" && e.EOF })
	if !(shut < last && last < heard) {
		t.Errorf("client shutdown at %d, server's last send at %d, client's read of it at %d: want them in that order", shut, last, heard)
	}
	if !(exit < eof && eof < last) {
		t.Errorf("server read exit at %d, end of stream at %d, sent its last words at %d: want that order", exit, eof, last)
	}
	if c := calls(ev, "client", "close"); len(c) != 1 || c[0].Unread != 0 {
		t.Errorf("client closes %+v, want one, nothing unread", c)
	}
	for _, e := range ev {
		if e.Op == "error" {
			t.Errorf("%s: %s failed: %s", e.Side, e.Call, e.Err)
		}
	}
}

// TestServe8ChatsWithThePythonClient plays the tutorial's client against
// `serve 8`: 你好, exit, shutdown(SHUT_WR), then it reads to the end.
func TestServe8ChatsWithThePythonClient(t *testing.T) {
	addr, _ := startServe(t, 8)
	c := dial(t, addr)
	for _, m := range []string{"你好", "exit"} {
		if _, err := c.Write([]byte(m)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(c)
	if err != nil || string(got) != "欢迎不错呦"+lastWords {
		t.Errorf("read %q, %v; want 欢迎不错呦再见 then the end of the stream", got, err)
	}
}

// TestServe8Survives: garbage, a reset, a client that never half-closes,
// a crowd; each is served or timed out, and a chat still works after.
func TestServe8Survives(t *testing.T) {
	addr, events := startServe(t, 8)
	g := dial(t, addr)
	g.Write([]byte{0x00, 0xff, 0xfe, '\n'})
	g.CloseWrite()
	if got, _ := io.ReadAll(g); !strings.HasSuffix(string(got), lastWords) {
		t.Errorf("garbage then a half-close got %q", got)
	}
	r := dial(t, addr)
	r.SetLinger(0)
	r.Close()
	silent := dial(t, addr) // never half-closes: the server's deadline ends it
	for range 20 {
		c := dial(t, addr)
		c.Write([]byte("hi"))
		c.CloseWrite()
		if got, _ := io.ReadAll(c); !strings.HasSuffix(string(got), lastWords) {
			t.Errorf("crowd got %q", got)
		}
	}
	silent.SetReadDeadline(time.Now().Add(2 * time.Second))
	if got, err := io.ReadAll(silent); err != nil || string(got) != "欢迎不错呦" {
		t.Errorf("silent client: %q, %v; want the greetings, then the server's close", got, err)
	}
	timeouts := 0
	for _, e := range events() {
		if e.Op == "error" && e.Err == "i/o timeout" {
			timeouts++
		}
	}
	if timeouts == 0 {
		t.Error("no timeout recorded for the client that never half-closed")
	}
}
