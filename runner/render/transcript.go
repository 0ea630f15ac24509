package render

import (
	"fmt"
	"io"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// Title is the heading of lesson n.
func (r *Renderer) Title(n int) string {
	t := fmt.Sprintf("Lesson %d", n)
	if d := assets.Lesson(n); d != nil && d.Title != "" {
		t += " · " + d.Title
	}
	return r.Pal.Title.Sprint(t)
}

// Paragraphs wraps narration text at the renderer's width, indented by two.
func (r *Renderer) Paragraphs(text string) []string {
	var out []string
	for _, l := range Wrap(text, r.Width-4) {
		if l != "" {
			l = "  " + l
		}
		out = append(out, l)
	}
	return out
}

// Transcript writes a whole run of lesson n at once: the title and
// introduction, every step with its details, and the closing words. It is
// what a pipe gets.
func (r *Renderer) Transcript(w io.Writer, n int, events []trace.Event) {
	doc := assets.Lesson(n)
	fmt.Fprintf(w, "%s\n\n", r.Title(n))
	for _, l := range r.Paragraphs(doc.Section("intro")) {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintf(w, "\n%s\n", r.LaneHeader())
	a := NewAnalyzer(n)
	a.Know(events)
	for i, e := range trace.Causal(events) {
		in := a.Info(e)
		fmt.Fprintln(w, r.Line(i+1, e, in, false))
		for _, l := range r.Details(e, in) {
			fmt.Fprintln(w, l)
		}
	}
	if outro := doc.Section("outro"); outro != "" {
		fmt.Fprintln(w)
		for _, l := range r.Paragraphs(outro) {
			fmt.Fprintln(w, l)
		}
	}
}
