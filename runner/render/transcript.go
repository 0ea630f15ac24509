package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// Title is the heading of lesson n.
func (r *Renderer) Title(n int) string {
	head := t("lesson heading", "n", strconv.Itoa(n))
	if d := assets.Lesson(n); d != nil && d.Title != "" {
		head += " · " + d.Title
	}
	return r.Pal.Title.Sprint(head)
}

// Paragraphs wraps narration text at the renderer's width, indented by two.
func (r *Renderer) Paragraphs(text string) []string {
	var out []string
	code := false // inside a `code span`, which may run on to the next line
	for _, l := range Wrap(text, r.Width-4) {
		l, code = r.codeSpans(l, code)
		if l != "" {
			l = "  " + l
		}
		out = append(out, l)
	}
	return out
}

// codeSpans drops the backticks of the narration's `code spans` (a
// command to type) and paints what they hold in the code colour, after
// wrapping, so that colour never counts in a line's width. code tells
// whether the line begins inside a span; it returns whether it ends in
// one.
func (r *Renderer) codeSpans(line string, code bool) (string, bool) {
	if !code && !strings.Contains(line, "`") {
		return line, false
	}
	var b strings.Builder
	for i, part := range strings.Split(line, "`") {
		if i > 0 {
			code = !code
		}
		if code && part != "" {
			part = r.Pal.Key.Sprint(part)
		}
		b.WriteString(part)
	}
	return b.String(), code
}

// Words are the opening and closing words of what is shown: a lesson's
// from its narration, watched traffic's from the interface's words.
func Words(n int) (intro, outro string) {
	if n == 0 {
		return assets.Section("ui", "watch intro"), assets.Section("ui", "watch outro")
	}
	doc := assets.Lesson(n)
	outro = doc.Section("outro")
	if next := doc.Section("next"); next != "" { // the way on: the next lesson, this one's exercise
		outro += "\n\n" + next
	}
	return doc.Section("intro"), outro
}

// Transcript writes a whole run at once: the heading and introduction,
// every step with its details, the closing words and the sequence diagram.
// It is what a pipe gets. n is the lesson (0 for watched traffic, whose
// heading is given); events are in display order, with the capture's
// packets among them anywhere (they go under the calls, unnumbered). before, when not nil,
// gives lines to print before step i (1 to len(events)), and at
// len(events)+1 after the closing words: the questions, with answers.
func (r *Renderer) Transcript(w io.Writer, n int, heading string, events []trace.Event, before func(step int) []string) {
	r.PacedTranscript(w, n, heading, events, before, nil)
}

// PacedTranscript is Transcript that calls pause, when not nil, before
// each step (1 to len(events)) and before the diagram (len(events)+1),
// after before's lines: line mode's player, on a terminal that cannot
// redraw. pause returns false to end the transcript there.
func (r *Renderer) PacedTranscript(w io.Writer, n int, heading string, events []trace.Event,
	before func(step int) []string, pause func(step int) bool) {
	extra := func(step int) {
		if before != nil {
			for _, l := range before(step) {
				fmt.Fprintln(w, l)
			}
		}
	}
	intro, outro := Words(n)
	if n > 0 {
		heading = r.Title(n)
	} else {
		heading = r.Pal.Title.Sprint(heading)
	}
	fmt.Fprintf(w, "%s\n\n", heading)
	for _, l := range r.Paragraphs(intro) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "\n%s\n", r.LaneHeader())
	a := NewAnalyzer(n)
	calls, done := r.Steps(w, a, events, func(step int, _ *Info) bool {
		extra(step)
		return pause == nil || pause(step)
	})
	if !done {
		return
	}
	if outro != "" {
		fmt.Fprintln(w)
		for _, l := range r.Paragraphs(outro) {
			fmt.Fprintln(w, l)
		}
	}
	extra(calls + 1)
	if pause != nil && !pause(calls+1) {
		return
	}
	fmt.Fprintf(w, "\n%s\n", r.Pal.Title.Sprint(assets.Section("ui", "diagram")))
	for _, l := range r.Diagram(events, 0) {
		fmt.Fprintln(w, l)
	}
}

// Steps prints events (in display order, the capture's packets among them
// anywhere) as numbered steps: each call's row with the packets before and
// under it, its notes and its details, then the packets after the last
// call, analysed by a. each, when not nil, is called before step i (1 to
// calls, the number of calls) with the step's Info, which it may change;
// when it returns false, Steps stops there and done is false.
func (r *Renderer) Steps(w io.Writer, a *Analyzer, events []trace.Event, each func(step int, in *Info) bool) (calls int, done bool) {
	events, wire := SplitWire(events) // packets are rows under the calls, never steps
	pk := MatchWire(events, wire)
	lines := func(ls ...[]string) {
		for _, l := range ls {
			for _, x := range l {
				fmt.Fprintln(w, x)
			}
		}
	}
	a.Know(events)
	for i, e := range events {
		in := a.Info(e)
		if each != nil && !each(i+1, &in) {
			return len(events), false
		}
		lines(r.WireBefore(pk, i))
		fmt.Fprintln(w, r.Line(i+1, e, in, false))
		lines(r.WireUnder(pk, i), r.WireNotes(pk, i), r.Details(e, in))
	}
	lines(r.WireEnd(pk))
	return len(events), true
}
