package tui

import (
	"context"
	"time"

	"github.com/socktour/socktour/runner/render"
)

// Options are how Play plays a run.
type Options struct {
	Pal    *render.Palette // colours, or none
	Step   int             // the step to start at
	NoHex  bool            // start without hex dumps
	NoQuiz bool            // ask no questions
	Auto   bool            // auto-play from the start
	Delay  time.Duration   // auto-play's pace
}

// Play shows s step by step until the learner leaves: nil for q, or
// ErrInterrupted for Ctrl-C. On a terminal that cannot redraw (TERM=dumb)
// it plays in line mode.
func Play(ctx context.Context, c *Console, s *Show, o Options) error {
	if c.dumb() {
		r := &render.Renderer{Width: c.Width(), Pal: o.Pal, NoHex: o.NoHex}
		return playLines(ctx, c, r, s, o.NoQuiz)
	}
	p := newPlayer(ctx, c, s, o.Pal)
	p.step, p.noHex, p.noQuiz, p.auto = o.Step, o.NoHex, o.NoQuiz, o.Auto
	if o.Delay > 0 {
		p.delay = o.Delay
	}
	return p.play()
}

// LastStep is the number of the last step the player shows of s (the
// diagram): steps are 0 to LastStep(s).
func LastStep(s *Show) int { return (&player{show: s}).last() }

// Menu lets the learner pick lessons until they quit. Without a terminal
// on both ends it prints the lesson list and how to run one instead.
func Menu(ctx context.Context, c *Console) error { return menu(ctx, c) }
