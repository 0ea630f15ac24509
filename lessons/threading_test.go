package lessons

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// seqOf returns the seq of side's first op after seq from.
func seqOf(ev []trace.Event, side, op string, from int) int {
	for _, e := range ev {
		if e.Seq > from && e.Side == side && e.Op == op {
			return e.Seq
		}
	}
	return -1
}

func lesson6(t *testing.T, ev []trace.Event) {
	var parts []int
	for _, e := range ev {
		if e.Side == "tutor" {
			parts = append(parts, e.Seq)
		}
	}
	if len(parts) != 3 {
		t.Fatalf("tutor notes at %v, want 3", parts)
	}
	// The server (part 1) or handler 1 (part 2) reads client 1's hello
	// only once client 1 breaks its silence; each records that read
	// before it does anything else.
	for part, from := range parts[:2] {
		reader := []string{"server", "handler 1"}[part]
		slowSend := seqOf(ev, reader, "recv", from)
		for _, c := range []string{"client 2", "client 3"} {
			answered := seqOf(ev, c, "recv", from)
			if slowSend < 0 || answered < 0 {
				t.Fatalf("part %d: %s answered at %d, client 1 heard at %d", part+1, c, answered, slowSend)
			}
			if part == 0 && answered < slowSend {
				t.Errorf("one at a time: %s was answered before the silent client spoke", c)
			}
			if part == 1 && answered > slowSend {
				t.Errorf("concurrent: %s was answered only after the silent client spoke", c)
			}
		}
	}
	handlers := map[string]bool{}
	for _, e := range ev[parts[1]:] {
		if e.Op == "recv" && e.Side != "client 1" && e.Side != "client 2" && e.Side != "client 3" {
			handlers[e.Side] = true
		}
	}
	if len(handlers) != 3 || !handlers["handler 1"] || !handlers["handler 3"] {
		t.Errorf("concurrent reads by %v, want handlers 1 to 3", handlers)
	}
}
