package tui

import (
	"strings"

	"github.com/socktour/socktour/runner/exercise"
	"github.com/socktour/socktour/runner/progress"
)

// Marks are a lesson's state in three columns: ✓ finished (or › begun),
// ? questions answered, ★ every exercise passed.
func Marks(p *progress.Progress, n int) string {
	l := p.Peek(n)
	m := []string{"·", " ", " "}
	if l == nil {
		if p.Last != nil && p.Last.Lesson == n {
			m[0] = "›"
		}
		return strings.Join(m, "")
	}
	switch {
	case l.Finished != nil:
		m[0] = "✓"
	case l.Step > 0 || p.Last != nil && p.Last.Lesson == n:
		m[0] = "›"
	}
	if len(l.Questions) > 0 {
		m[1] = "?"
	}
	exs := exercise.For(n)
	done := 0
	for _, ex := range exs {
		if _, ok := l.Exercises[ex.Part]; ok {
			done++
		}
	}
	if done > 0 && done == len(exs) {
		m[2] = "★"
	} else if done > 0 {
		m[2] = "☆"
	}
	return strings.Join(m, "")
}
