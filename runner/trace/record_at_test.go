package trace

import (
	"testing"
	"time"
)

// TestRecordAtStampsTheGivenTime records a packet seen before the call
// recorded last: it keeps its own time and the next sequence number, and
// Causal puts it back before the call.
func TestRecordAtStampsTheGivenTime(t *testing.T) {
	rec := NewRecorder()
	at := time.Now()
	time.Sleep(2 * time.Millisecond) // a clock that moves, not a synchronisation
	var live []Event
	rec.Live = func(e Event) { live = append(live, e) }
	rec.Side("client").Note("later")
	rec.RecordAt(Event{Side: "wire", Op: "packet", Pkt: &Segment{Proto: "tcp", Flags: "S"}}, at)
	rec.RecordAt(Event{Side: "wire", Op: "packet"}, at.Add(-time.Hour)) // before the start: at 0
	ev := rec.Events()
	if len(ev) != 3 || len(live) != 3 {
		t.Fatalf("got %d events, %d live, want 3", len(ev), len(live))
	}
	note, pkt, early := ev[0], ev[1], ev[2]
	if pkt.Seq != 2 || early.Seq != 3 {
		t.Errorf("seqs %d, %d, want 2, 3", pkt.Seq, early.Seq)
	}
	if want := at.Sub(rec.start).Microseconds(); pkt.T != want || pkt.T >= note.T {
		t.Errorf("packet at %d µs, want %d, before the note's %d", pkt.T, want, note.T)
	}
	if early.T != 0 {
		t.Errorf("an event before the start is at %d µs, want 0", early.T)
	}
	if c := Causal(ev); c[0].Op != "packet" || c[len(c)-1].Op != "note" {
		t.Errorf("Causal order %v, %v, %v: the packets come first", c[0].Op, c[1].Op, c[2].Op)
	}
	d := NewRecorder()
	d.Discard = true
	d.RecordAt(Event{Op: "packet"}, time.Now())
	if n := len(d.Events()); n != 0 {
		t.Errorf("a discarding recorder kept %d events", n)
	}
}
