package lessons

import (
	"strconv"
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

// TestSilenceStandsOut runs lesson 6 again and again and checks, in every
// run, that the silent client's silence is what the learner sees: the
// clients that waited behind it (one at a time) waited at least as long
// as the silence, and the clients that did not (a goroutine each) waited
// less than half of it, even under the race detector on a loaded
// machine (well under a millisecond when the machine is idle). This is
// what justifies the figure of
// Silence: long enough to stand out from scheduling, short enough to keep
// the lesson quick.
func TestSilenceStandsOut(t *testing.T) {
	runs := 10
	if testing.Short() {
		runs = 3
	}
	silence := float64(Silence.Microseconds()) / 1000
	worst, slowest := silence*10, 0.0
	for range runs {
		ev := run(t, 6)
		part, said := 0, 0
		for _, e := range ev {
			switch {
			case e.Side == "tutor" && e.Key == "part-concurrent":
				part = 1
			case e.Key == "says nothing for":
				said++
				if ms := parseMS(t, e); ms < silence {
					t.Errorf("client 1 said nothing for %.1f ms, less than the %.1f ms it should", ms, silence)
				}
			case e.Key == "waited" && part == 0:
				ms := parseMS(t, e)
				worst = min(worst, ms)
				if ms < silence {
					t.Errorf("one at a time: %s waited %.1f ms, less than the silence (%.1f ms)", e.Side, ms, silence)
				}
			case e.Key == "waited":
				ms := parseMS(t, e)
				slowest = max(slowest, ms)
				if ms >= silence/2 {
					t.Errorf("a goroutine each: %s waited %.1f ms, not clearly less than the silence (%.1f ms)", e.Side, ms, silence)
				}
			}
		}
		if said != 2 {
			t.Errorf("the silence was noted %d times, want once per part", said)
		}
	}
	t.Logf("over %d runs: held up %.1f ms at least, not held up %.1f ms at most, silence %.1f ms", runs, worst, slowest, silence)
}

func parseMS(t *testing.T, e trace.Event) float64 {
	t.Helper()
	ms, err := strconv.ParseFloat(e.Vals["ms"], 64)
	if err != nil {
		t.Fatalf("%s %s: %v", e.Side, e.Key, err)
	}
	return ms
}
