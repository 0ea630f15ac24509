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
