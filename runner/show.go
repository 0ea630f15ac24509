package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/tui"
)

// playOptions are the flags that `run` and `replay` share.
type playOptions struct {
	mode    string
	delay   time.Duration
	json    bool
	step    int
	noHex   bool
	diagram diagramFlag
	noQuiz  bool
}

func addPlayFlags(fs *flags, o *playOptions) {
	fs.StringVar(&o.mode, "mode", "", "step, auto or instant")
	fs.DurationVar(&o.delay, "delay", tui.DefaultDelay, "auto-play pace")
	fs.BoolVar(&o.json, "json", false, "events as JSON lines")
	fs.IntVar(&o.step, "step", 0, "start the player at step K")
	fs.BoolVar(&o.noHex, "no-hex", false, "start without hex dumps")
	fs.Var(&o.diagram, "diagram", "print the sequence diagram (text or mermaid)")
	fs.BoolVar(&o.noQuiz, "no-questions", false, "do not ask the lesson's questions")
}

// check reports a flag value that cannot work.
func (o *playOptions) check(cmd string) error {
	switch o.mode {
	case "", "step", "auto", "instant":
	default:
		return usagef("%s: --mode is step, auto or instant, not %q", cmd, o.mode)
	}
	if o.delay <= 0 {
		return usagef("%s: --delay must be positive, such as 800ms", cmd)
	}
	if o.step < 0 {
		return usagef("%s: --step must be 0 or more", cmd)
	}
	return nil
}

// diagramFlag is --diagram (a text diagram) or --diagram=mermaid.
type diagramFlag string

func (d *diagramFlag) String() string   { return string(*d) }
func (d *diagramFlag) IsBoolFlag() bool { return true }

func (d *diagramFlag) Set(v string) error {
	switch v {
	case "true", "text":
		*d = "text"
	case "mermaid":
		*d = "mermaid"
	case "false":
		*d = ""
	default:
		return errorf("--diagram is text or mermaid, not %q", v)
	}
	return nil
}

// present shows s the way the options and the terminal ask: JSON lines, a
// diagram, a whole transcript for a pipe, or the step-by-step player.
func present(ctx context.Context, io *IO, noColor bool, o playOptions, s *tui.Show) error {
	if err := o.checkStep(s); err != nil {
		return err
	}
	if o.json {
		return writeJSON(io, s)
	}
	pal := render.NewPalette(io.color(noColor))
	r := &render.Renderer{Width: io.width(), Pal: pal, NoHex: o.noHex}
	switch o.diagram {
	case "mermaid":
		render.Mermaid(io.Out, plainTitle(s), s.Shown())
		return nil
	case "text":
		fmt.Fprintln(io.Out, s.Title(r))
		fmt.Fprintln(io.Out)
		for _, l := range r.Diagram(s.Shown(), 0) {
			fmt.Fprintln(io.Out, l)
		}
		return nil
	}
	if o.mode == "instant" || !io.OutTTY || !io.InTTY || io.Term == nil {
		var before func(int) []string
		if !o.noQuiz {
			before = tui.QuestionsBefore(tui.Questions(s.N, s.Ordered, s.Infos()), r)
		}
		r.Transcript(io.Out, s.N, s.Heading, s.Shown(), before)
		return nil
	}
	return tui.Play(ctx, io.console(), s, tui.Options{Pal: pal, Step: o.step, NoHex: o.noHex,
		NoQuiz: o.noQuiz, Auto: o.mode == "auto", Delay: o.delay})
}

// plainTitle is the heading without colour, for a Mermaid title.
func plainTitle(s *tui.Show) string {
	if s.N == 0 {
		return s.Heading
	}
	t := fmt.Sprintf("Lesson %d", s.N) // a Mermaid title, for slides: English, as its keys
	if d := assets.Lesson(s.N); d != nil && d.Title != "" {
		t += ": " + d.Title
	}
	return strings.TrimSpace(t)
}
