package trace

// A large payload is not kept whole where memory must stay flat (a relay,
// a live server, a recording read back): of a payload longer than
// MaxKept bytes only the first and the last Edge bytes are kept, and the
// event's Elided counts the bytes in between that were left out.
const (
	MaxKept = 1024
	Edge    = 128
)

// Keep copies b for an event, whole if it is at most MaxKept bytes long,
// else only its first and last Edge bytes; elided is how many it left out.
func Keep(b []byte) (kept Bytes, elided int) {
	if len(b) <= MaxKept {
		return append(Bytes(nil), b...), 0
	}
	kept = make(Bytes, 0, 2*Edge)
	kept = append(kept, b[:Edge]...)
	kept = append(kept, b[len(b)-Edge:]...)
	return kept, len(b) - 2*Edge
}

// Elide keeps only the edges of e's payload if it is larger than MaxKept,
// as Keep does; a payload already elided is left as it is.
func (e *Event) Elide() {
	if e.Elided == 0 && len(e.Hex) > MaxKept {
		e.Hex, e.Elided = Keep(e.Hex)
	}
}

// Head is the first part of the payload: all of it, unless bytes were
// left out, then the first half of Hex, the bytes before the gap.
func (e Event) Head() []byte {
	if e.Elided <= 0 {
		return e.Hex
	}
	return e.Hex[:len(e.Hex)-len(e.Hex)/2]
}

// Tail is the bytes kept after the gap of an elided payload (the second
// half of Hex), or nil when the payload is whole.
func (e Event) Tail() []byte {
	if e.Elided <= 0 {
		return nil
	}
	return e.Hex[len(e.Hex)-len(e.Hex)/2:]
}

// payload sets e's bytes to b: a copy, elided if the recorder elides.
func (r *Recorder) payload(e *Event, b []byte) {
	if r.Elide {
		e.Hex, e.Elided = Keep(b)
		return
	}
	e.Hex = append(Bytes(nil), b...)
}

// The payloads of small calls are copied into slabs that the recorder
// shares among its events, one allocation for many calls instead of one
// each: a lesson's calls move a few bytes each, and an allocation costs
// more than the copy. A payload longer than slabCall gets its own copy.
const (
	slabCall = 256      // the largest payload copied into a slab
	slabMin  = 256      // the first slab, and the least of any
	slabMax  = 64 << 10 // slabs grow with the payloads kept, up to this
)

// small returns a copy of b (at most slabCall bytes) in the recorder's
// slab, with no room after it: an append to one event's bytes cannot
// reach into the next one's. The recorder must be locked.
func (r *Recorder) small(b []byte) Bytes {
	if len(b) == 0 {
		return nil
	}
	if cap(r.slab)-len(r.slab) < len(b) {
		// A quarter of what is kept already: the room left unused at
		// the end stays small beside what is used.
		size := min(max(slabMin, r.slabbed/4), slabMax)
		r.slab = make([]byte, 0, size)
	}
	r.slabbed += len(b)
	start := len(r.slab)
	r.slab = append(r.slab, b...)
	return Bytes(r.slab[start:len(r.slab):len(r.slab)])
}

// eventLog keeps events in chunks that are never moved once allocated:
// recording a call costs the same on the millionth event as on the first
// (a single growing slice copies all of them again at each growth, and
// leaves the old copies to the collector). Chunks grow with the log, an
// eighth of it at a time, from chunkMin to chunkMax events, so that the
// room allocated and not used stays small at every length.
type eventLog struct {
	chunks [][]Event
	n      int
}

const (
	chunkMin = 4
	chunkMax = 1024
)

// add appends e.
func (l *eventLog) add(e Event) {
	last := len(l.chunks) - 1
	if last < 0 || len(l.chunks[last]) == cap(l.chunks[last]) {
		if l.chunks == nil {
			l.chunks = make([][]Event, 0, 8)
		}
		l.chunks = append(l.chunks, make([]Event, 0, min(max(chunkMin, l.n/8), chunkMax)))
		last++
	}
	l.chunks[last] = append(l.chunks[last], e)
	l.n++
}

// all returns a copy of the events in order, in one slice.
func (l *eventLog) all() []Event {
	if l.n == 0 {
		return nil
	}
	out := make([]Event, 0, l.n)
	for _, c := range l.chunks {
		out = append(out, c...)
	}
	return out
}
