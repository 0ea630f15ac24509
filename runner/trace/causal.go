package trace

import (
	"container/heap"
	"sort"
)

// Causal returns the events in the order to show them: the order they
// happened in (their recorded time, then their sequence number), except
// where that would show an effect before its cause. The causes kept are:
// each side's calls in the order it made them; an accept after its
// connect; a read after the sends whose bytes it took (a datagram after
// the one sent); an end of stream or a reset after the peer's shutdown or
// close; the tutor's notes where they were made, between what came before
// and what came after.
//
// A recorded time can put a read before the send it read from: a call is
// stamped when it returns, and the reader may return before the sender.
// Then the read waits for its send, and so on down the chain; everything
// else keeps its recorded place. Events stamped at the same microsecond
// keep their recorded order too: the recorder stamps and numbers a call
// in one step, so the sequence number is the finer clock.
//
// It takes O(n log n) time for n events.
func Causal(events []Event) []Event {
	deps := constraints(events)
	n := len(events)
	waiting := make([]int, n) // causes not yet shown, per event
	next := make([][]int, n)  // next[j]: events j is a cause of
	for i, ds := range deps {
		waiting[i] = len(ds)
		for _, j := range ds {
			next[j] = append(next[j], i)
		}
	}
	q := &ready{events: events}
	for i := range events {
		if waiting[i] == 0 {
			q.idx = append(q.idx, i)
		}
	}
	heap.Init(q)
	out := make([]Event, 0, n)
	shown := make([]bool, n)
	for q.Len() > 0 {
		i := heap.Pop(q).(int)
		shown[i] = true
		out = append(out, events[i])
		for _, k := range next[i] {
			if waiting[k]--; waiting[k] == 0 {
				heap.Push(q, k)
			}
		}
	}
	// A cycle cannot happen with real events; keep the rest as recorded.
	for i := range events {
		if !shown[i] {
			out = append(out, events[i])
		}
	}
	return out
}

// ready is the heap of events whose causes have all been shown, earliest
// first.
type ready struct {
	events []Event
	idx    []int
}

func (q *ready) Len() int { return len(q.idx) }
func (q *ready) Less(a, b int) bool {
	x, y := q.events[q.idx[a]], q.events[q.idx[b]]
	if x.T != y.T {
		return x.T < y.T
	}
	return q.idx[a] < q.idx[b]
}
func (q *ready) Swap(a, b int) { q.idx[a], q.idx[b] = q.idx[b], q.idx[a] }
func (q *ready) Push(x any)    { q.idx = append(q.idx, x.(int)) }
func (q *ready) Pop() any {
	last := q.idx[len(q.idx)-1]
	q.idx = q.idx[:len(q.idx)-1]
	return last
}

// constraints lists, for each of the events (in recorded order), the
// indexes of the events that must be shown before it: the causes Causal
// keeps. Only the nearest cause of each kind is listed; the rest follow
// through the chains. It takes time linear in the number of events, but
// for a binary search per read.
func constraints(events []Event) [][]int {
	n := len(events)
	deps := make([][]int, n)
	type stream struct {
		sends []int // indexes of the sends on one direction, by offset
	}
	var (
		last     = map[string]int{}     // each side's latest call so far
		connects = map[string]int{}     // connect by "local→remote"
		streams  = map[string]*stream{} // sends by "from→to"
		ended    = map[string]int{}     // first shutdown or close by "from→to"
		dgrams   = map[string][]int{}   // sendto by "from→to", in order
		dread    = map[string]int{}     // datagrams read so far, by "from→to"
		sides    []string               // in order of appearance
		tutor    = -1                   // the latest tutor's note
	)
	for i, e := range events {
		k := e.Local + "→" + e.Remote
		switch {
		case e.Op == "connect":
			connects[k] = i
		case e.Op == "send" && e.Local != "":
			s := streams[k]
			if s == nil {
				s = &stream{}
				streams[k] = s
			}
			s.sends = append(s.sends, i)
		case e.Op == "sendto":
			dgrams[k] = append(dgrams[k], i)
		case e.Op == "shutdown" || e.Op == "close":
			if _, ok := ended[k]; !ok && e.Local != "" {
				ended[k] = i
			}
		}
	}
	// The sends of one direction, ordered by offset, each after the one
	// before (a socket handed from one side to another keeps its order).
	for _, s := range streams {
		sort.SliceStable(s.sends, func(a, b int) bool {
			return events[s.sends[a]].Off < events[s.sends[b]].Off
		})
		for a := 1; a < len(s.sends); a++ {
			deps[s.sends[a]] = append(deps[s.sends[a]], s.sends[a-1])
		}
	}
	for i, e := range events {
		back := e.Remote + "→" + e.Local // the direction this side reads
		j, seen := last[e.Side]
		if seen {
			deps[i] = append(deps[i], j)
		} else {
			sides = append(sides, e.Side)
		}
		switch {
		case e.Side == "tutor":
			// Between what came before and what comes after.
			for _, s := range sides {
				if j, ok := last[s]; ok && s != "tutor" {
					deps[i] = append(deps[i], j)
				}
			}
			tutor = i
		case tutor >= 0 && (!seen || j < tutor):
			deps[i] = append(deps[i], tutor)
		}
		last[e.Side] = i
		switch e.Op {
		case "accept":
			if j, ok := connects[back]; ok {
				deps[i] = append(deps[i], j)
			}
		case "recv":
			// The last send that began before this read's end.
			if s := streams[back]; s != nil {
				end := e.Off + int64(e.N)
				a := sort.Search(len(s.sends), func(a int) bool { return events[s.sends[a]].Off >= end })
				if a > 0 {
					deps[i] = append(deps[i], s.sends[a-1])
				}
			}
		case "recvfrom":
			// The k-th datagram a socket reads from a sender is the k-th
			// that sender sent it (on loopback none is lost or reordered).
			if q := dgrams[back]; dread[back] < len(q) {
				deps[i] = append(deps[i], q[dread[back]])
			}
			dread[back]++
		}
		if j, ok := ended[back]; ok && (e.EOF || e.Reset()) {
			deps[i] = append(deps[i], j)
		}
	}
	return deps
}
