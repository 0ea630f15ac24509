package runner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// normalise replaces what changes from run to run in the events
// themselves, before they are drawn, so that the layout cannot shift
// either: each address becomes 127.0.0.1:4000N in order of appearance,
// and measured counts, times and speeds become fixed values.
func normalise(events []trace.Event) {
	addrs := map[string]string{}
	fix := func(a string) string {
		if a == "" {
			return a
		}
		if _, ok := addrs[a]; !ok {
			addrs[a] = fmt.Sprintf("127.0.0.1:%d", 40001+len(addrs))
		}
		return addrs[a]
	}
	for i := range events {
		e := &events[i]
		e.Local, e.Remote, e.T = fix(e.Local), fix(e.Remote), 0
		if e.Op == "measure" {
			e.Count, e.Dur = 1, 1000
		}
		for k, v := range e.Vals {
			if _, err := strconv.ParseFloat(v, 64); err == nil && strings.Contains(v, ".") {
				e.Vals[k] = "1.0"
			}
		}
	}
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
			events = trace.Causal(events)
			normalise(events)
			var out bytes.Buffer
			r := &render.Renderer{Width: 80, Pal: render.NewPalette(false)}
			s := newShow(l.Number, "", events)
			r.Transcript(&out, l.Number, "", s.ordered, questionsBefore(questionsFor(l.Number, s.ordered, s.infos()), r))
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
