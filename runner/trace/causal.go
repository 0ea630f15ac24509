package trace

import "strings"

// Causal returns the events in an order that respects what caused what,
// for display: each side's calls in the order it made them; an accept
// after its connect; a read after the sends whose bytes it took; an end of
// stream or a reset after the peer's shutdown or close; the tutor's notes
// where they were made. Among events free to go next, the side that
// started first goes first, so the order does not depend on how the
// goroutines happened to be scheduled: the same run always reads the same.
func Causal(events []Event) []Event {
	n := len(events)
	after := make([][]int, n) // after[i]: indexes that must come before i
	roles := map[string]int{} // by first appearance
	last := map[string]int{}
	// The first shutdown or close of each socket: what ends the stream
	// its peer reads.
	ended := map[string]int{}
	for i, e := range events {
		if e.Op == "shutdown" || e.Op == "close" {
			if _, ok := ended[e.Local+"→"+e.Remote]; !ok {
				ended[e.Local+"→"+e.Remote] = i
			}
		}
	}
	// The k-th datagram a socket reads from a sender is the k-th that
	// sender sent it (on loopback none is lost or reordered).
	sent := map[string][]int{}
	for i, e := range events {
		if e.Op == "sendto" {
			k := e.Local + "→" + e.Remote
			sent[k] = append(sent[k], i)
		}
	}
	read := map[string]int{}
	for i, e := range events {
		if e.Op == "recvfrom" {
			k := e.Remote + "→" + e.Local
			if q := sent[k]; read[k] < len(q) {
				after[i] = append(after[i], q[read[k]])
			}
			read[k]++
		}
		if _, ok := roles[role(e.Side)]; !ok {
			roles[role(e.Side)] = len(roles)
		}
		if j, ok := last[e.Side]; ok {
			after[i] = append(after[i], j)
		}
		last[e.Side] = i
		for j, p := range events {
			if causes(p, e) || (j < i && (e.Side == "tutor" || p.Side == "tutor")) {
				after[i] = append(after[i], j)
			}
		}
		if k, ok := ended[e.Remote+"→"+e.Local]; ok && (e.EOF || e.Op == "error" && e.Call == "recv") {
			after[i] = append(after[i], k)
		}
	}
	done := make([]bool, n)
	out := make([]Event, 0, n)
	for len(out) < n {
		best := -1
		for i := range events {
			if done[i] || !ready(after[i], done) {
				continue
			}
			if best < 0 || before(events[i].Side, events[best].Side, roles) {
				best = i
			}
		}
		if best < 0 { // a cycle cannot happen with real events; keep the rest as recorded
			for i := range events {
				if !done[i] {
					out = append(out, events[i])
					done[i] = true
				}
			}
			break
		}
		done[best] = true
		out = append(out, events[best])
	}
	return out
}

// before orders sides: by the first appearance of their role ("client",
// "server", "handler"…), then by number within a role ("client 2" before
// "client 10"), so that the order never depends on scheduling.
func before(a, b string, roles map[string]int) bool {
	if ra, rb := roles[role(a)], roles[role(b)]; ra != rb {
		return ra < rb
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// role is the first word of a side's name.
func role(side string) string {
	if i := strings.IndexByte(side, ' '); i > 0 {
		return side[:i]
	}
	return side
}

func ready(deps []int, done []bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}

// causes reports whether p must have happened before e: p is on the peer
// socket of e's connection and e could not have returned without it. (The
// end of a stream is matched in Causal: only the first shutdown or close
// of the peer causes it.)
func causes(p, e Event) bool {
	if p.Local == "" || p.Local != e.Remote || p.Remote != e.Local {
		return false
	}
	switch e.Op {
	case "accept":
		return p.Op == "connect"
	case "recv":
		return p.Op == "send" && p.Off < e.Off+int64(e.N)
	}
	return false
}
