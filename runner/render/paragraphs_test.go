package render

import (
	"strings"
	"testing"
)

// TestCodeSpansLoseTheirBackticks: a `code span` in the narration shows
// without its backticks, in the code colour when there is colour, also
// when wrapping splits it over two lines.
func TestCodeSpansLoseTheirBackticks(t *testing.T) {
	text := "Try `socktour serve 6` now, or `socktour client 6 --port P` from another window."
	for _, color := range []bool{false, true} {
		r := &Renderer{Width: 30, Pal: NewPalette(color)}
		got := strings.Join(r.Paragraphs(text), "\n")
		if strings.Contains(got, "`") {
			t.Errorf("colour %v: backticks left:\n%s", color, got)
		}
		if color && !strings.Contains(got, r.Pal.Key.Sprint("socktour serve 6")) {
			t.Errorf("the code span is not in the code colour:\n%q", got)
		}
		if !color && !strings.Contains(got, "socktour serve 6") {
			t.Errorf("the code span is lost:\n%s", got)
		}
	}
}

// TestHeadlineStopsAtAClause: a headline ends at a colon or full stop
// that ends a clause, never inside an address, and at a full-width one.
func TestHeadlineStopsAtAClause(t *testing.T) {
	for text, want := range map[string]string{
		"This system cannot bind 127.0.0.2. The lesson goes on.": "This system cannot bind 127.0.0.2",
		"Part two: a header that lies.":                          "Part two",
		"场景 1，bind 的地址。整个 127.0.0.0/8 都是回环。":                     "场景 1，bind 的地址",
		"正确的请求：Host 和 Connection":                                "正确的请求",
		"One line only":                                          "One line only",
	} {
		if got := headline(text); got != want {
			t.Errorf("headline(%q) = %q, want %q", text, got, want)
		}
	}
}
