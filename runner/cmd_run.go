package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// runOptions are the flags of `socktour run`.
type runOptions struct {
	mode  string
	delay time.Duration
	json  bool
}

func run(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("run")
	var o runOptions
	fs.StringVar(&o.mode, "mode", "", "step, auto or instant")
	fs.DurationVar(&o.delay, "delay", defaultDelay, "auto-play pace")
	fs.BoolVar(&o.json, "json", false, "events as JSON lines")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "run")
	if err != nil {
		return err
	}
	switch o.mode {
	case "", "step", "auto", "instant":
	default:
		return usagef("run: --mode is step, auto or instant, not %q", o.mode)
	}
	if o.delay <= 0 {
		return usagef("run: --delay must be positive, such as 800ms")
	}
	events, err := runLesson(ctx, l)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(io, events)
	}
	pal := render.NewPalette(io.color(fs.noColor))
	if o.mode == "instant" || !io.OutTTY || !io.InTTY || io.Term == nil {
		r := &render.Renderer{Width: io.width(), Pal: pal}
		r.Transcript(io.Out, l.Number, events)
		return nil
	}
	p := newPlayer(ctx, io, l, events, pal)
	p.auto = o.mode == "auto"
	p.delay = o.delay
	err = p.play()
	return err
}

// runLesson runs lesson l for real and returns its events. Ctrl-C (ctx
// cancelled) closes every socket of the run at once.
func runLesson(ctx context.Context, l *lessons.Lesson) ([]trace.Event, error) {
	rec := trace.NewRecorder()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			rec.Abort()
		case <-done:
		}
	}()
	err := l.Run(ctx, rec)
	close(done)
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, fmt.Errorf("lesson %d failed: %w", l.Number, err)
	}
	return rec.Events(), nil
}

// writeJSON writes one JSON object per line per event.
func writeJSON(io *IO, events []trace.Event) error {
	enc := json.NewEncoder(io.Out)
	enc.SetEscapeHTML(false)
	for _, e := range events {
		if err := enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}
