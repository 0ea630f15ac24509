package render

import (
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// maxTable is how many measurements of one kind a table shows: the
// latest ones.
const maxTable = 16

// span is what a read needs of a send: where its bytes sit in the stream.
type span struct {
	seq int
	off int64
	n   int
}

func (a *Analyzer) learn(e trace.Event) {
	if e.Key == relayed {
		return // the relay records no reads to match, and names no sockets
	}
	switch e.Op {
	case "send":
		if e.Key == "udp" || a.known[e.Seq] {
			return // a datagram is read whole, never matched with sends
		}
		a.known[e.Seq] = true
		k := e.Local + "→" + e.Remote
		a.sends[k] = append(a.sends[k], span{seq: e.Seq, off: e.Off, n: e.N})
	case "connect", "accept", "bind":
		a.names[e.Local] = e.Side
	}
}

// sendsIn returns the peer's sends whose bytes this read took.
func (a *Analyzer) sendsIn(e trace.Event) []span {
	var out []span
	lo, hi := e.Off, e.Off+int64(e.N)
	for _, s := range a.sends[e.Remote+"→"+e.Local] {
		if s.off < hi && s.off+int64(s.n) > lo {
			out = append(out, s)
		}
	}
	return out
}

// forget drops, after e, what no later event can need: the sends a read
// has taken all the bytes of (reads on a stream go forward), the sends of
// a connection closed, and the counts of a numbered side whose connection
// is over.
func (a *Analyzer) forget(e trace.Event) {
	switch {
	case e.Op == "recv" && e.Key == "":
		a.drop(e.Remote+"→"+e.Local, e.Off+int64(e.N))
	case e.Op == "close" && e.Key == "" && e.Remote != "":
		// This side reads no more; and a peer that records nothing of
		// its own (an outside client) reads nothing that is shown.
		a.drop(e.Remote+"→"+e.Local, -1)
		if _, named := a.names[e.Remote]; !named {
			a.drop(e.Local+"→"+e.Remote, -1)
		}
		if e.Side != Role(e.Side) {
			a.forgetSide(e.Side)
		}
	case e.Op == "note" && e.Key == "relay done":
		a.forgetSide("client " + e.Vals["conn"])
		a.forgetSide("server " + e.Vals["conn"])
	}
}

// drop forgets the sends of key that end at or before upTo; all of them
// when upTo is negative.
func (a *Analyzer) drop(key string, upTo int64) {
	ss, ok := a.sends[key]
	if !ok {
		return
	}
	keep := ss[:0]
	for _, s := range ss {
		if upTo >= 0 && s.off+int64(s.n) > upTo {
			keep = append(keep, s)
		} else {
			delete(a.known, s.seq)
		}
	}
	if len(keep) == 0 {
		delete(a.sends, key)
		return
	}
	a.sends[key] = keep
}

// forgetSide drops the counts of side's calls in this part: the side is
// done, and a numbered side's name is not used again.
func (a *Analyzer) forgetSide(side string) {
	for k := range a.inPart {
		if strings.HasPrefix(k, side+" ") {
			delete(a.inPart, k)
		}
	}
}
