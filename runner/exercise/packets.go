package exercise

import (
	"context"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// Around runs a check's play (fn, which records on rec) with the
// packets under it captured: capture.Wire's Run, which records them on
// rec once fn has returned.
type Around func(rec *trace.Recorder, fn func() error) error

// packetChecks judge an exercise by its packets too, keyed by its Text:
// each adds a finding only where the packets make it certain. An
// exercise without one is judged by endPackets. They run
// once the capture has recorded the packets on the trial's recorder.
var packetChecks = map[string]func(t *Trial, pkts []trace.Event){}

// RunWith is Run with the packets captured around socktour's side
// (around, nil for none), and the exercise's packet findings added
// after its own. A capture that missed packets adds none: they would
// not be certain.
func RunWith(ctx context.Context, ex *Exercise, args []string, limit time.Duration, around Around) (*Trial, error) {
	if around == nil {
		return Run(ctx, ex, args, limit)
	}
	wrapped := *ex
	wrapped.play = func(ctx context.Context, t *Trial) error {
		t.Ex = ex
		err := around(t.Rec, func() error { return ex.play(ctx, t) })
		if err != nil || ctx.Err() != nil {
			return err
		}
		var pkts []trace.Event
		for _, e := range trace.Causal(t.Rec.Events()) {
			switch {
			case e.Side != "wire":
			case e.Op == "packet" && e.Pkt != nil:
				pkts = append(pkts, e)
			case e.Op == "note": // the capture missed some: nothing is certain
				return nil
			}
		}
		check := packetChecks[ex.Text]
		if check == nil {
			check = endPackets
		}
		if len(pkts) > 0 {
			check(t, pkts)
		}
		return nil
	}
	return Run(ctx, &wrapped, args, limit)
}
