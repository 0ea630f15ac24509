package lessons

import (
	"bytes"
	"context"
	"testing"

	"go.uber.org/goleak"

	"github.com/socktour/socktour/runner/trace"
)

func TestMain(m *testing.M) {
	fixBenchtime() // see bench_test.go
	goleak.VerifyTestMain(m)
}

// run runs lesson n for real on loopback and returns its events.
func run(t *testing.T, n int) []trace.Event {
	t.Helper()
	l, ok := Get(n)
	if !ok {
		t.Fatalf("no lesson %d", n)
	}
	rec := trace.NewRecorder()
	if err := l.Run(context.Background(), rec); err != nil {
		t.Fatalf("lesson %d: %v", n, err)
	}
	if open := rec.OpenSockets(); open != 0 {
		t.Errorf("lesson %d left %d sockets open", n, open)
	}
	return rec.Events()
}

// calls returns side's events with the given op, in order.
func calls(events []trace.Event, side, op string) []trace.Event {
	var out []trace.Event
	for _, e := range events {
		if e.Side == side && e.Op == op {
			out = append(out, e)
		}
	}
	return out
}

// moreFacts holds the facts of lessons 8 on: each lesson's own test file
// adds its check from an init, so that lessons added side by side need not
// edit this file.
var moreFacts = map[int]func(*testing.T, []trace.Event){}

// TestEveryLesson walks every lesson end to end and checks the facts it
// teaches from what its sockets really did.
func TestEveryLesson(t *testing.T) {
	facts := map[int]func(*testing.T, []trace.Event){1: lesson1, 2: lesson2, 3: lesson3, 4: lesson4, 5: lesson5, 6: lesson6, 7: lesson7}
	for n, check := range moreFacts {
		facts[n] = check
	}
	for _, l := range All {
		t.Run(l.Name(), func(t *testing.T) {
			check, ok := facts[l.Number]
			if !ok {
				t.Fatalf("lesson %d has no facts to check", l.Number)
			}
			check(t, run(t, l.Number))
		})
	}
}

func lesson1(t *testing.T, ev []trace.Event) {
	for _, op := range []string{"socket", "bind", "listen", "accept", "close"} {
		if len(calls(ev, "server", op)) == 0 {
			t.Errorf("server made no %s", op)
		}
	}
	if l := calls(ev, "server", "listen"); len(l) != 1 || l[0].Size != 5 {
		t.Errorf("listen: %+v, want one with backlog 5", l)
	}
	conn := calls(ev, "client", "connect")
	acc := calls(ev, "server", "accept")
	if len(conn) != 1 || len(acc) != 1 || conn[0].Local != acc[0].Remote || conn[0].Remote != acc[0].Local {
		t.Fatalf("connect %+v and accept %+v do not name the same connection", conn, acc)
	}
	expectData(t, calls(ev, "client", "send"), []int{0}, "你好")
	got := calls(ev, "server", "recv")
	if len(got) != 1 || got[0].Size != 1024 || string(got[0].Hex) != "你好" || got[0].N != 6 {
		t.Errorf("server recv: %+v, want one recv(1024) of the 6 bytes of 你好", got)
	}
	expectData(t, calls(ev, "server", "send"), []int{0}, "欢迎")
	if r := calls(ev, "client", "recv"); len(r) != 1 || string(r[0].Hex) != "欢迎" {
		t.Errorf("client recv: %+v, want 欢迎", r)
	}
	if len(calls(ev, "client", "close")) != 1 {
		t.Error("the client did not close")
	}
}

func lesson2(t *testing.T, ev []trace.Event) {
	r := calls(ev, "client", "recv")
	if len(r) != 1 || r[0].Size != 1024 || r[0].N != 28 || string(r[0].Hex) != "Socket Programming in Python" {
		t.Errorf("client recv: %+v, want recv(1024) returning the 28 bytes", r)
	}
	notes := calls(ev, "client", "note")
	var counted bool
	for _, n := range notes {
		if n.Key == "bytes-vs-chars" && n.Vals["bytes"] == "15" && n.Vals["chars"] == "5" {
			counted = true
		}
	}
	if !counted {
		t.Errorf("no bytes-vs-chars note for 你好，世界 (15 bytes, 5 chars): %+v", notes)
	}
	ms := calls(ev, "client", "measure")
	if len(ms) != 3 {
		t.Fatalf("measurements: %+v, want 3", ms)
	}
	for i, size := range []int{7, 1024, 65536} {
		m := ms[i]
		// Each size reads for a time budget: at least half of it, on a
		// transfer of at least its first 1024 bufferfuls (4 MiB at most).
		first := min(1024*size, 4<<20)
		if m.Size != size || m.N < first || m.Dur < BulkBudget.Microseconds()/2 {
			t.Errorf("measure %d: %+v, want %d bytes or more through a %d-byte buffer, for %v or more", i, m, first, size, BulkBudget/2)
		}
		// At least one read per bufferful, and one more for the end.
		if min := (m.N+size-1)/size + 1; m.Count < min {
			t.Errorf("buffer %d: %d reads, fewer than the %d possible", size, m.Count, min)
		}
	}
	// Each size reads for about the same time, so compare what a read
	// takes: a 64 KiB read far more than a 7-byte one.
	if per := func(m trace.Event) int { return m.N / m.Count }; per(ms[2]) <= 100*per(ms[0]) {
		t.Errorf("64 KiB reads took %d bytes each, not far more than 7-byte reads (%d)", per(ms[2]), per(ms[0]))
	}
}

func lesson3(t *testing.T, ev []trace.Event) {
	r := calls(ev, "client", "recv")
	if len(r) != 2 {
		t.Fatalf("client recvs: %+v, want one per run", r)
	}
	if r[0].Size != 7 || string(r[0].Hex) != "Socket " {
		t.Errorf("first run: recv %+v, want exactly the 7 bytes \"Socket \"", r[0])
	}
	if want := []byte("套接字编程")[:7]; r[1].Size != 7 || !bytes.Equal(r[1].Hex, want) {
		t.Errorf("second run: recv %x, want %x", r[1].Hex, want)
	}
	c := calls(ev, "client", "close")
	if len(c) != 2 || c[0].Unread != 21 || c[1].Unread != 8 {
		t.Errorf("client closes: %+v, want 21 then 8 bytes unread", c)
	}
	errs := calls(ev, "server", "error")
	if len(errs) != 2 || errs[0].Err != "connection reset by peer" {
		t.Errorf("server errors: %+v, want a reset after each close with unread data", errs)
	}
}

func lesson4(t *testing.T, ev []trace.Event) {
	r := calls(ev, "client", "recv")
	var sizes []int
	var whole []byte
	for _, e := range r {
		if e.Size != 7 {
			t.Errorf("recv asked %d, want 7", e.Size)
		}
		sizes = append(sizes, e.N)
		whole = append(whole, e.Hex...)
	}
	if want := []int{7, 7, 7, 7, 0}; !equal(sizes, want) {
		t.Errorf("read sizes %v, want %v", sizes, want)
	}
	if len(r) == 0 || !r[len(r)-1].EOF {
		t.Error("the last read did not find the end of the stream")
	}
	if string(whole) != "Socket Programming in Python" {
		t.Errorf("message %q", whole)
	}
	if e := calls(ev, "server", "recv"); len(e) != 1 || !e[0].EOF {
		t.Errorf("server saw %+v, want a clean end of stream", e)
	}
}

func expectData(t *testing.T, ev []trace.Event, offs []int, text string) {
	t.Helper()
	if len(ev) != len(offs) {
		t.Fatalf("%d events, want %d", len(ev), len(offs))
	}
	if string(ev[0].Hex) != text || ev[0].N != len(text) || int(ev[0].Off) != offs[0] {
		t.Errorf("%+v, want %q at %d", ev[0], text, offs[0])
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
