package trace

import "time"

// RecordAt records e as having happened at the time at, not now: for an
// observation made after the fact, such as a packet that the capture
// stamped as it crossed the loopback and read only later. T is at on the
// recorder's clock (never before its start); Seq is the next number, so
// an event recorded late keeps a later Seq than the calls recorded before
// it, and Causal puts it back in time order. Payload bytes are not
// copied: e should carry none in Hex that its caller may reuse.
func (r *Recorder) RecordAt(e Event, at time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stamp(&e, at)
	r.keepEvent(e)
}
