package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// show is one run to present, live or replayed.
type show struct {
	n       int    // the lesson, or 0 for traffic recorded by watch
	heading string // for n == 0: what was watched
	// events are in the order they were recorded; ordered is the order
	// they are shown in.
	events, ordered []trace.Event
	// rerun runs the lesson again for real (the player's r key); nil for
	// a replay, where r goes back to the start.
	rerun func(ctx context.Context) ([]trace.Event, error)
	// replayOf, for a replay, says so in the player's heading: "replay of
	// class.rec, recorded 2026-11-23 12:35". A piped transcript of a
	// replay stays the same as the live run's.
	replayOf string
}

// newShow orders a run's events for display: a lesson's in causal order;
// watched traffic as the relay saw it, which is already a true order.
func newShow(n int, heading string, events []trace.Event) *show {
	s := &show{n: n, heading: heading}
	s.set(events)
	return s
}

func (s *show) set(events []trace.Event) {
	s.events, s.ordered = events, events
	if s.n > 0 {
		s.ordered = trace.Causal(events)
	}
}

// infos analyses the shown events in order.
func (s *show) infos() []render.Info {
	a := render.NewAnalyzer(s.n)
	a.Know(s.events)
	infos := make([]render.Info, len(s.ordered))
	for i, e := range s.ordered {
		infos[i] = a.Info(e)
	}
	return infos
}

// title is the heading line, coloured.
func (s *show) title(r *render.Renderer) string {
	if s.n > 0 {
		return r.Title(s.n)
	}
	return r.Pal.Title.Sprint(s.heading)
}

// playerTitle is the heading line of the player, which says when it
// plays a replay.
func (s *show) playerTitle(r *render.Renderer) string {
	if s.replayOf == "" {
		return s.title(r)
	}
	return s.title(r) + "  " + r.Pal.Dim.Sprint(s.replayOf)
}

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
	fs.DurationVar(&o.delay, "delay", defaultDelay, "auto-play pace")
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
func present(ctx context.Context, io *IO, noColor bool, o playOptions, s *show) error {
	if err := o.checkStep(s); err != nil {
		return err
	}
	if o.json {
		return writeJSON(io, s.events)
	}
	pal := render.NewPalette(io.color(noColor))
	r := &render.Renderer{Width: io.width(), Pal: pal, NoHex: o.noHex}
	switch o.diagram {
	case "mermaid":
		render.Mermaid(io.Out, plainTitle(s), s.ordered)
		return nil
	case "text":
		fmt.Fprintln(io.Out, s.title(r))
		fmt.Fprintln(io.Out)
		for _, l := range r.Diagram(s.ordered, 0) {
			fmt.Fprintln(io.Out, l)
		}
		return nil
	}
	if o.mode == "instant" || !io.OutTTY || !io.InTTY || io.Term == nil {
		var before func(int) []string
		if !o.noQuiz {
			before = questionsBefore(questionsFor(s.n, s.ordered, s.infos()), r)
		}
		r.Transcript(io.Out, s.n, s.heading, s.ordered, before)
		return nil
	}
	if io.dumb() {
		return playLines(ctx, io, r, s, o.noQuiz)
	}
	p := newPlayer(ctx, io, s, pal)
	p.step, p.noHex, p.noQuiz = o.step, o.noHex, o.noQuiz
	p.auto = o.mode == "auto"
	p.delay = o.delay
	return p.play()
}

// plainTitle is the heading without colour, for a Mermaid title.
func plainTitle(s *show) string {
	if s.n == 0 {
		return s.heading
	}
	t := fmt.Sprintf("Lesson %d", s.n)
	if d := assets.Lesson(s.n); d != nil && d.Title != "" {
		t += ": " + d.Title
	}
	return strings.TrimSpace(t)
}
