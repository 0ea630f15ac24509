package tui

import (
	"context"

	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// Show is one run to present, live or replayed.
type Show struct {
	N       int    // the lesson, or 0 for traffic recorded by watch
	Heading string // for N == 0: what was watched
	// Events are in the order they were recorded; Ordered is the order
	// the calls are shown in, one step each. Packets are the packets a
	// capture recorded among them (and its notes), in that order: never
	// steps, they are shown under the calls (render.MatchWire).
	Events, Ordered, Packets []trace.Event
	// Rerun runs the lesson again for real (the player's r key); nil for
	// a replay, where r goes back to the start.
	Rerun func(ctx context.Context) ([]trace.Event, error)
	// ReplayOf, for a replay, says so in the player's heading: "replay of
	// class.rec, recorded 2026-11-23 12:35". A piped transcript of a
	// replay stays the same as the live run's.
	ReplayOf string
}

// NewShow orders a run's events for display: a lesson's in causal order;
// watched traffic as the relay saw it, which is already a true order.
func NewShow(n int, heading string, events []trace.Event) *Show {
	s := &Show{N: n, Heading: heading}
	s.Set(events)
	return s
}

// Set shows events from the start: a new run of the same lesson.
func (s *Show) Set(events []trace.Event) {
	calls, wire := render.SplitWire(events)
	s.Events, s.Ordered, s.Packets = events, calls, wire
	if s.N > 0 {
		s.Ordered = trace.Causal(calls)
	}
}

// Shown is what to draw: the calls in display order, then the packets,
// which the drawing puts under the calls. Without packets it is Ordered.
func (s *Show) Shown() []trace.Event {
	if len(s.Packets) == 0 {
		return s.Ordered
	}
	return append(append(make([]trace.Event, 0, len(s.Ordered)+len(s.Packets)), s.Ordered...), s.Packets...)
}

// Infos analyses the shown events in order.
func (s *Show) Infos() []render.Info {
	a := render.NewAnalyzer(s.N)
	a.Know(s.Events)
	infos := make([]render.Info, len(s.Ordered))
	for i, e := range s.Ordered {
		infos[i] = a.Info(e)
	}
	return infos
}

// Title is the heading line, coloured.
func (s *Show) Title(r *render.Renderer) string {
	if s.N > 0 {
		return r.Title(s.N)
	}
	return r.Pal.Title.Sprint(s.Heading)
}

// playerTitle is the heading line of the player, which says when it
// plays a replay.
func (s *Show) playerTitle(r *render.Renderer) string {
	if s.ReplayOf == "" {
		return s.Title(r)
	}
	return s.Title(r) + "  " + r.Pal.Dim.Sprint(s.ReplayOf)
}
