package runner

import (
	"context"
	"encoding/json"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/capture"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
)

// run plays lesson N on real sockets: `socktour run N [flags]`.
func run(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("run")
	var o playOptions
	addPlayFlags(fs, &o)
	record := fs.String("record", "", "save the run's events to this file")
	packets := fs.Bool("packets", false, "capture the packets under the calls")
	pcap := fs.String("pcap", "", "write the captured packets to this pcap file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "run")
	if err != nil {
		return err
	}
	if err := o.check("run"); err != nil {
		return err
	}
	var wire *capture.Wire
	if *packets || *pcap != "" {
		var code int
		var done bool
		if wire, code, done = beginCapture(ctx, io, "run", args,
			capture.Request{Events: *packets, Pcap: *pcap, Bulk: l.Bulk}); done {
			return childExit(code)
		}
		defer wire.Close()
	}
	events, err := runLessonOn(ctx, l, wire)
	if err != nil {
		return err
	}
	if *record != "" {
		if err := saveRecording(*record, l.Number, events); err != nil {
			return err
		}
	}
	s := tui.NewShow(l.Number, "", events)
	s.Rerun = func(ctx context.Context) ([]trace.Event, error) { return runLessonOn(ctx, l, wire) }
	return present(ctx, io, fs.noColor, o, s)
}

// runLesson runs lesson l for real and returns its events. Ctrl-C (ctx
// cancelled) closes every socket of the run at once.
func runLesson(ctx context.Context, l *lessons.Lesson) ([]trace.Event, error) {
	return runLessonOn(ctx, l, nil)
}

// runLessonOn is runLesson with the packets that wire captures, if any.
func runLessonOn(ctx context.Context, l *lessons.Lesson, wire *capture.Wire) ([]trace.Event, error) {
	rec := trace.NewRecorder()
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			rec.Abort()
		case <-done:
		}
	}()
	err := wire.Run(rec, func() error { return l.Run(ctx, rec) })
	close(done)
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, errorf("lesson %d failed: %w", l.Number, err)
	}
	return rec.Events(), nil
}

// writeJSON writes the events of s as JSON lines, in the order the calls
// returned, each with the number of the step that shows it on screen
// ("step"; a packet has none), so that the two can be compared though the
// screen puts a cause before its effect (see trace.Causal).
func writeJSON(io *IO, s *tui.Show) error {
	steps := make(map[int]int, len(s.Ordered))
	for i, e := range s.Ordered {
		if e.Seq > 0 { // every recorded event has one
			steps[e.Seq] = i + 1
		}
	}
	enc := json.NewEncoder(io.Out)
	enc.SetEscapeHTML(false)
	for _, e := range s.Events {
		line := struct {
			trace.Event
			Step int `json:"step,omitempty"`
		}{e, steps[e.Seq]}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return nil
}

// checkStep refuses a --step past the end of the run, whether the run is
// to be played step by step or printed: only once the run is done are its
// steps known. The steps are numbered as the player numbers them.
func (o *playOptions) checkStep(s *tui.Show) error {
	if last := tui.LastStep(s); o.step > last {
		return usagef("--step %d is past the end: this run has steps 0 to %d", o.step, last)
	}
	return nil
}

// childExit is the error that ends this command with the exit code of
// the child that ran it, which has already said everything.
func childExit(code int) error {
	switch code {
	case exitOK:
		return nil
	case exitInterrupted:
		return errInterrupted
	case exitUsage:
		return errSilentUsage
	}
	return errSilent
}
