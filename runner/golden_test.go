package runner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// burstGap is the shortest pause that a golden transcript takes as a
// lesson's own doing (lesson 6's silent client), not the scheduler's.
const burstGap = 20_000 // µs

// normalise replaces what changes from run to run in the events
// themselves, before they are drawn, so that the layout cannot shift
// either: each address becomes 127.0.0.1:4000N in the order the display
// shows them, and measured counts, times and speeds become fixed values.
// A client's port is numbered per server it talks to: the system may give
// a later client the port an earlier one closed.
//
// Times become burst numbers: events less than burstGap apart share a
// time, so the display orders them by cause, then by side, whatever order
// the scheduler gave them in this run; a pause the lesson makes keeps
// what came before it before. (That the display follows each run's real
// times is checked by TestDisplayFollowsRecordedTimes.) It returns the
// events in display order.
func normalise(events []trace.Event) []trace.Event {
	rank := sideRanks(events)
	burst, prev := int64(0), int64(0)
	for i := range events {
		if i > 0 && events[i].T-prev >= burstGap {
			burst++
		}
		prev = events[i].T
		events[i].T = burst*1_000_000 + int64(rank[events[i].Side])
	}
	events = trace.Causal(events)
	// A bound address is numbered anew at each bind: the system may give a
	// later listener the port an earlier one closed.
	bound := map[string]int{}
	for _, e := range events {
		if e.Op == "bind" || e.Op == "listen" {
			bound[e.Local] = 0
		}
	}
	addrs := map[string]string{}
	key := func(a, peer string) string {
		if gen, ok := bound[a]; ok {
			return a + "#" + strconv.Itoa(gen)
		}
		if gen, ok := bound[peer]; ok {
			peer += "#" + strconv.Itoa(gen)
		}
		return a + " with " + peer
	}
	fix := func(a, peer string) string {
		if a == "" {
			return a
		}
		k := key(a, peer)
		if _, ok := addrs[k]; !ok {
			addrs[k] = goldenAddr(a, 40001+len(addrs))
		}
		return addrs[k]
	}
	for i := range events {
		e := &events[i]
		if e.Op == "bind" {
			bound[e.Local]++
		}
		e.Local, e.Remote = fix(e.Local, e.Remote), fix(e.Remote, e.Local)
		if e.Op == "measure" {
			e.Count, e.Dur = 1, 1000
		}
		if e.Op == "measure" && e.Key == "bulk" { // lesson 2 reads for a time: its bytes vary too
			e.N = 1 << 20
		}
		goldenVals(e)
		for k, v := range e.Vals {
			if _, err := strconv.ParseFloat(v, 64); err == nil && strings.Contains(v, ".") {
				e.Vals[k] = "1.0"
			}
		}
	}
	return events
}

// sideRanks orders the sides: by the first appearance of their role
// ("client", "server", "handler"…), then by number within a role
// ("client 2" before "client 10").
func sideRanks(events []trace.Event) map[string]int {
	roles := map[string]int{}
	var sides []string
	for _, e := range events {
		if _, ok := roles[render.Role(e.Side)]; !ok {
			roles[render.Role(e.Side)] = len(roles)
		}
		if !slices.Contains(sides, e.Side) {
			sides = append(sides, e.Side)
		}
	}
	sort.Slice(sides, func(i, j int) bool {
		a, b := sides[i], sides[j]
		if ra, rb := roles[render.Role(a)], roles[render.Role(b)]; ra != rb {
			return ra < rb
		}
		if len(a) != len(b) {
			return len(a) < len(b)
		}
		return a < b
	})
	rank := make(map[string]int, len(sides))
	for i, s := range sides {
		rank[s] = i
	}
	return rank
}

// TestGoldenTranscripts runs every lesson for real and compares its
// transcript, as a pipe gets it, with testdata/lesson-N.golden. Run with
// -update to rewrite them.
func TestGoldenTranscripts(t *testing.T) {
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			events, err := runLesson(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			events = normalise(events)
			var out bytes.Buffer
			r := &render.Renderer{Width: 80, Pal: render.NewPalette(false)}
			s := tui.NewShow(l.Number, "", events)
			r.Transcript(&out, l.Number, "", s.Ordered, tui.QuestionsBefore(tui.Questions(l.Number, s.Ordered, s.Infos()), r))
			got := out.String()
			path := filepath.Join("testdata", l.Name()+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./runner -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("transcript differs from %s (go test ./runner -update rewrites it):\n%s", path, diff(string(want), got))
			}
		})
	}
}

// diff shows the first line where two texts part.
func diff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}
