package trace

import (
	"fmt"
	"strconv"
	"testing"
)

func sides(events []Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Side+" "+e.Op)
	}
	return out
}

// TestCausalKeepsRecordedTimesButCauses: the display keeps the recorded
// order, except that a read recorded before the send it took bytes from
// waits for that send (and a reply for its cause).
func TestCausalKeepsRecordedTimesButCauses(t *testing.T) {
	c, s := "127.0.0.1:2", "127.0.0.1:1"
	events := []Event{
		{Seq: 1, T: 1, Side: "server", Op: "listen", Local: s},
		{Seq: 2, T: 2, Side: "client", Op: "connect", Local: c, Remote: s},
		{Seq: 3, T: 3, Side: "client 2", Op: "note", Key: "early"},
		{Seq: 4, T: 4, Side: "server", Op: "accept", Local: s, Remote: c},
		// the read returned before the send was stamped
		{Seq: 5, T: 5, Side: "server", Op: "recv", Local: s, Remote: c, N: 2, Size: 10},
		{Seq: 6, T: 6, Side: "server", Op: "send", Local: s, Remote: c, N: 2},
		{Seq: 7, T: 7, Side: "client", Op: "send", Local: c, Remote: s, N: 2},
		{Seq: 8, T: 8, Side: "client", Op: "recv", Local: c, Remote: s, N: 2, Size: 10},
		{Seq: 9, T: 9, Side: "client 2", Op: "note", Key: "late"},
	}
	got := fmt.Sprint(sides(Causal(events)))
	want := fmt.Sprint([]string{"server listen", "client connect", "client 2 note", "server accept",
		"client send", "server recv", "server send", "client recv", "client 2 note"})
	if got != want {
		t.Errorf("shown %s\nwant  %s", got, want)
	}
}

// TestCausalEqualTimesInRecordedOrder: events stamped at the same
// microsecond keep the order they were recorded in.
func TestCausalEqualTimesInRecordedOrder(t *testing.T) {
	events := []Event{
		{Seq: 1, Side: "server", Op: "socket"},
		{Seq: 2, Side: "client 10", Op: "socket"},
		{Seq: 3, Side: "client 2", Op: "socket"},
		{Seq: 4, Side: "server", Op: "close"},
	}
	got := fmt.Sprint(sides(Causal(events)))
	want := fmt.Sprint([]string{"server socket", "client 10 socket", "client 2 socket", "server close"})
	if got != want {
		t.Errorf("shown %s\nwant  %s", got, want)
	}
}

// TestCausalTutorNotesStayPut: a tutor's note stays between what was
// recorded before it and what was recorded after, even when times say
// otherwise.
func TestCausalTutorNotesStayPut(t *testing.T) {
	events := []Event{
		{Seq: 1, T: 5, Side: "client", Op: "socket"},
		{Seq: 2, T: 1, Side: "tutor", Op: "note", Key: "part-two"},
		{Seq: 3, T: 0, Side: "server", Op: "socket"},
	}
	got := fmt.Sprint(sides(Causal(events)))
	want := fmt.Sprint([]string{"client socket", "tutor note", "server socket"})
	if got != want {
		t.Errorf("shown %s\nwant  %s", got, want)
	}
}

// exchange makes n events of pairs of sides trading messages, each read
// stamped before the send it read from, with a tutor's note now and then.
func exchange(n int) []Event {
	var events []Event
	add := func(e Event) {
		e.Seq = len(events) + 1
		e.T = int64(e.Seq)
		events = append(events, e)
	}
	for p := 0; len(events) < n; p++ {
		c, s := "127.0.0.1:"+strconv.Itoa(20000+p), "127.0.0.1:1"
		client, server := "client "+strconv.Itoa(p+1), "handler "+strconv.Itoa(p+1)
		if p%10 == 0 {
			add(Event{Side: "tutor", Op: "note", Key: "part-" + strconv.Itoa(p)})
		}
		add(Event{Side: client, Op: "connect", Local: c, Remote: s})
		add(Event{Side: server, Op: "accept", Local: s, Remote: c})
		for k := int64(0); k < 20; k++ {
			add(Event{Side: server, Op: "recv", Local: s, Remote: c, Off: k * 4, N: 4, Size: 4})
			add(Event{Side: client, Op: "send", Local: c, Remote: s, Off: k * 4, N: 4})
		}
		add(Event{Side: client, Op: "close", Local: c, Remote: s})
		add(Event{Side: server, Op: "recv", Local: s, Remote: c, Off: 80, EOF: true, Size: 4})
	}
	return events[:n]
}

// BenchmarkCausal orders 1,000 and 10,000 events: the time should grow
// about tenfold, not a hundredfold.
func BenchmarkCausal(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		events := exchange(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(Causal(events)) != n {
					b.Fatal("events lost")
				}
			}
		})
	}
}

// TestCausalTimeoutIsNotCausedByTheClose: a read that timed out before
// the peer closed is not held back behind that close (only a reset is).
func TestCausalTimeoutIsNotCausedByTheClose(t *testing.T) {
	c, s := "127.0.0.1:2", "127.0.0.1:1"
	events := []Event{
		{Seq: 1, T: 1, Side: "client", Op: "connect", Local: c, Remote: s},
		{Seq: 2, T: 2, Side: "server", Op: "accept", Local: s, Remote: c},
		{Seq: 3, T: 3, Side: "client", Op: "error", Call: "recv", Local: c, Remote: s, Err: "i/o timeout"},
		{Seq: 4, T: 4, Side: "server", Op: "close", Local: s, Remote: c},
		{Seq: 5, T: 5, Side: "client", Op: "error", Call: "recv", Local: c, Remote: s, Err: "connection reset by peer"},
	}
	got := fmt.Sprint(sides(Causal(events)))
	want := fmt.Sprint([]string{"client connect", "server accept", "client error", "server close", "client error"})
	if got != want {
		t.Errorf("shown %s\nwant  %s", got, want)
	}
}
