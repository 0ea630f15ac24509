package runner

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
)

// TestEveryScreenFitsInEveryLanguage plays every lesson in every language,
// Enter after Enter (so every question is asked and answered), at 80×24
// and 60×20, and checks that no line of any screen is wider than the
// screen and every screen has its height; and that the piped transcript
// fits 80 columns. Chinese and Korean characters take two columns.
func TestEveryScreenFitsInEveryLanguage(t *testing.T) {
	if raceDetector {
		t.Skip("thousands of screens: run without -race (.ci/run does)")
	}
	defer assets.SetLanguage(assets.English)
	for _, lang := range assets.Languages {
		for _, l := range lessons.All {
			n := strconv.Itoa(l.Number)
			var piped bytes.Buffer
			o := testIO("", &piped)
			if code := Main(context.Background(), []string{"run", n, "--lang", lang}, o); code != 0 {
				t.Fatalf("%s lesson %s piped: exit %d: %s", lang, n, code, o.Err)
			}
			for _, line := range strings.Split(piped.String(), "\n") {
				if w := render.Width(line); w > 80 {
					t.Errorf("%s lesson %s piped: a line %d columns wide: %q", lang, n, w, line)
				}
			}
			for _, size := range [][2]int{{80, 24}, {60, 20}} {
				var out bytes.Buffer
				o := testIO(strings.Repeat("\r", 400)+"q", &out)
				o.InTTY, o.OutTTY, o.Term = true, true, sizedTerm{size[0], size[1]}
				if code := Main(context.Background(), []string{"run", n, "--lang", lang}, o); code != 0 {
					t.Fatalf("%s lesson %s at %dx%d: exit %d: %s", lang, n, size[0], size[1], code, o.Err)
				}
				for i, s := range screens(out.String()) {
					lines := strings.Split(s, "\r\n")
					if len(lines) != size[1] {
						t.Errorf("%s lesson %s at %dx%d: screen %d has %d lines", lang, n, size[0], size[1], i, len(lines))
					}
					for _, line := range lines {
						if w := renderWidth(line); w > size[0] {
							t.Errorf("%s lesson %s at %dx%d: screen %d: a line %d columns wide: %q", lang, n, size[0], size[1], i, w, line)
						}
					}
				}
			}
		}
	}
}
