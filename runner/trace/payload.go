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
