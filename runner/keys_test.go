package runner

import (
	"context"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
)

// namedCall finds the calls a text speaks of with their size:
// "recv(4)", "recvfrom(1024)".
var namedCall = regexp.MustCompile(`\b(recv|recvfrom|send|sendto)\((\d+)\)`)

// keyedSections lists the sections of a lesson's text that are keyed to
// one step of a run, by that step's key: numbered narration ("part-binary
// client recv 1"), questions asked before a step ("ask …") and the steps
// that questions take their values from ("from: …").
func keyedSections(doc *assets.Doc) map[string][]string {
	out := map[string][]string{} // step key → the texts keyed to it
	for name, body := range doc.Sections {
		last := name[strings.LastIndexByte(name, ' ')+1:]
		if _, err := strconv.Atoi(last); err == nil && !strings.HasPrefix(name, "quiz ") && !strings.HasPrefix(name, "ask ") {
			out[name] = append(out[name], body)
		}
	}
	for _, q := range doc.Questions() {
		text := q.Text + " " + strings.Join(q.Choices, " ") + " " + q.Why
		if q.From != "" {
			out[q.From] = append(out[q.From], text)
		}
	}
	return out
}

// TestKeyedTextsLandOnTheirCalls runs every lesson and checks that every
// text keyed to a step lands on a step of the run, and on a call of the
// kind and size it speaks of: a text that says "recv(4)" must sit on a
// recv that asked for 4 bytes (or a send of 4), and a key names the kind
// of call it sits on.
func TestKeyedTextsLandOnTheirCalls(t *testing.T) {
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			events, err := runLesson(context.Background(), l)
			if err != nil {
				t.Fatal(err)
			}
			s := tui.NewShow(l.Number, "", events)
			at := map[string]trace.Event{}
			for i, in := range s.Infos() {
				for _, k := range in.Keys {
					at[k] = s.Ordered[i]
				}
			}
			keyed := keyedSections(assets.Lesson(l.Number))
			var keys []string
			for k := range keyed {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, key := range keys {
				e, ok := at[key]
				if !ok {
					t.Errorf("%q: no step of the run has this key", key)
					continue
				}
				if kind := callOf(e); !strings.Contains(" "+key+" ", " "+kind+" ") {
					t.Errorf("%q lands on %s %s, not that kind of call", key, e.Side, kind)
				}
				for _, text := range keyed[key] {
					checkNamedCalls(t, key, text, e)
				}
			}
		})
	}
}

// callOf is the word a key uses for e's kind of step.
func callOf(e trace.Event) string {
	switch e.Op {
	case "note", "measure":
		return e.Key
	case "error":
		return e.Call
	}
	return e.Op
}

// checkNamedCalls checks that when text names calls with a size, one of
// them is e's call, with e's size.
func checkNamedCalls(t *testing.T, key, text string, e trace.Event) {
	t.Helper()
	calls := namedCall.FindAllStringSubmatch(text, -1)
	if len(calls) == 0 {
		return
	}
	for _, c := range calls {
		n, _ := strconv.Atoi(c[2])
		size := e.Size
		if e.Op == "send" || e.Op == "sendto" {
			size = e.N
		}
		if c[1] == callOf(e) && n == size {
			return
		}
	}
	t.Errorf("%q speaks of %s but lands on %s %s(%d)", key, calls[0][0], e.Side, callOf(e), e.Size)
}
