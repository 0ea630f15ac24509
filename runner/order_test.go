package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
)

// TestDisplayFollowsRecordedTimes runs every lesson and checks the order
// its steps are shown in against the order the calls were recorded in
// (what `run --json` prints): whenever a step is shown before one that
// was recorded earlier, the later one must have been held back by a
// cause of it shown later still (a read waits for its send, an accept for
// a connect stamped after it), so that showing it at its recorded place
// would have put an effect before its cause. The causes are worked out
// here on their own, pair by pair, not by the code under test.
func TestDisplayFollowsRecordedTimes(t *testing.T) {
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			events, err := runLesson(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			shown := tui.NewShow(l.Number, "", events).Ordered
			if len(shown) != len(events) {
				t.Fatalf("%d steps shown for %d events", len(shown), len(events))
			}
			checkOrder(t, events, shown)
		})
	}
}

// checkOrder reports every step of shown that comes before one recorded
// earlier without that one waiting for a cause shown after it.
func checkOrder(t *testing.T, events, shown []trace.Event) {
	t.Helper()
	reach := precedes(events)
	pos := map[int]int{} // seq → index in events
	at := map[int]int{}  // seq → index in shown
	for i, e := range events {
		pos[e.Seq] = i
	}
	for i, e := range shown {
		at[e.Seq] = i
	}
	// lastCause[j]: where the last shown of event j's causes is shown
	lastCause := make([]int, len(events))
	for j := range events {
		lastCause[j] = -1
		for c := range events {
			if reach[c][j] {
				lastCause[j] = max(lastCause[j], at[events[c].Seq])
			}
		}
	}
	bad := 0
	for i, a := range shown {
		for _, b := range shown[i+1:] {
			if a.Seq > b.Seq && lastCause[pos[b.Seq]] < i {
				if bad++; bad <= 5 {
					t.Errorf("shown before it though recorded after it, and nothing held it back: %s %s (seq %d) before %s %s (seq %d)",
						a.Side, a.Op, a.Seq, b.Side, b.Op, b.Seq)
				}
			}
		}
	}
}

// precedes reports, for events in recorded order, whether event i must
// happen before event j, directly or through a chain of causes.
func precedes(events []trace.Event) [][]bool {
	n := len(events)
	direct := func(a, b trace.Event) bool {
		if a.Seq >= b.Seq && a.Side == b.Side {
			return false
		}
		switch {
		case a.Side == b.Side, a.Side == "tutor" && a.Seq < b.Seq, b.Side == "tutor" && a.Seq < b.Seq:
			return true
		case a.Local == "" || a.Local != b.Remote || a.Remote != b.Local:
			return false
		case a.Op == "connect" && b.Op == "accept":
			return true
		case a.Op == "send" && b.Op == "recv" && a.Off < b.Off+int64(b.N):
			return true
		}
		return false
	}
	reach := make([][]bool, n)
	for i := range reach {
		reach[i] = make([]bool, n)
	}
	for i, a := range events {
		for j, b := range events {
			if i != j && direct(a, b) {
				reach[i][j] = true
			}
		}
		// the k-th datagram read from a sender after the k-th it sent
		if a.Op == "sendto" {
			k := 0
			for _, p := range events[:i] {
				if p.Op == "sendto" && p.Local == a.Local && p.Remote == a.Remote {
					k++
				}
			}
			for j, b := range events {
				if b.Op == "recvfrom" && b.Local == a.Remote && b.Remote == a.Local {
					if k == 0 {
						reach[i][j] = true
						break
					}
					k--
				}
			}
		}
		// the end of a stream, or a reset, after the peer's first
		// shutdown or close
		if a.Op == "shutdown" || a.Op == "close" {
			first := true
			for _, p := range events[:i] {
				if (p.Op == "shutdown" || p.Op == "close") && p.Local == a.Local && p.Remote == a.Remote {
					first = false
				}
			}
			for j, b := range events {
				if first && a.Local != "" && b.Local == a.Remote && b.Remote == a.Local &&
					(b.EOF || b.Op == "error" && b.Call == "recv" && strings.Contains(b.Err, "reset")) {
					reach[i][j] = true
				}
			}
		}
	}
	// Warshall: close the relation over chains of causes.
	for k := range n {
		for i := range n {
			if !reach[i][k] {
				continue
			}
			for j := range n {
				if reach[k][j] {
					reach[i][j] = true
				}
			}
		}
	}
	return reach
}

// TestDiagramFollowsTheSteps: lesson 6's sequence diagram draws client
// 1's silence where the steps show it, after clients 2 and 3 said hello
// and before client 1 does, in both parts of the lesson.
func TestDiagramFollowsTheSteps(t *testing.T) {
	l, _ := lessons.Get(6)
	events, err := runLesson(context.Background(), l)
	if err != nil {
		t.Fatal(err)
	}
	r := &render.Renderer{Width: 80, Pal: render.NewPalette(false)}
	var rows []string
	for _, line := range r.Diagram(tui.NewShow(6, "", events).Ordered, 0) {
		switch {
		case strings.Contains(line, "says nothing for"):
			rows = append(rows, "silence")
		case strings.Contains(line, `6 bytes "你好"`):
			rows = append(rows, strings.Fields(line)[1]) // the client's number
		}
	}
	got := strings.Join(rows, " ")
	for _, want := range []string{"2 3 silence 1 2 3 silence 1", "3 2 silence 1 2 3 silence 1",
		"2 3 silence 1 3 2 silence 1", "3 2 silence 1 3 2 silence 1"} {
		if got == want {
			return
		}
	}
	t.Errorf("hellos and silences drawn in the order %q; want clients 2 and 3, the silence, client 1, twice", got)
}
