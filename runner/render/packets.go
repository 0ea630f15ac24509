package render

import (
	"sort"
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// The packets under the calls: a run captured with --packets carries,
// among its calls, "packet" events (Side "wire") for what the system
// sent because of them. They are never steps of their own, so that
// packets shift no step number, narration key or question: each call
// shows the packets it caused as rows under it, and a packet whose cause
// is not certain stands on its own row between the calls, at its time.

// wireSide is the side of the capture's own events.
const wireSide = "wire"

// IsWire reports whether e is the capture's (a packet, or a note of the
// capture such as its count of packets not captured), not a call.
func IsWire(e trace.Event) bool { return e.Side == wireSide }

// SplitWire separates the capture's events from the calls, keeping the
// order of each. Without capture events calls is events itself, so that
// a run without packets is shown exactly as before.
func SplitWire(events []trace.Event) (calls, wire []trace.Event) {
	n := 0
	for _, e := range events {
		if IsWire(e) {
			n++
		}
	}
	if n == 0 {
		return events, nil
	}
	calls = make([]trace.Event, 0, len(events)-n)
	wire = make([]trace.Event, 0, n)
	for _, e := range events {
		if IsWire(e) {
			wire = append(wire, e)
		} else {
			calls = append(calls, e)
		}
	}
	return calls, wire
}

// Wire is a run's captured packets laid out against its calls (in
// display order): under the call that caused each, where that is
// certain; else on a row of its own before the first call after it.
type Wire struct {
	steps   []wireStep     // one per call, and one more for after the last
	dropped int            // packets the capture counted as not captured
	total   int            // packets captured
	lanes   map[string]int // address → the lane of the side at it: -1 clients, 1 servers
}

// wireStep is what goes with one call.
type wireStep struct {
	loose   []trace.Event // before the call: packets no call certainly caused
	under   []trace.Event // the packets the call caused, in capture order
	bulk    []trace.Event // on a measure: the packets of the transfers it measured
	conns   int           // how many connections bulk spans
	explain []string      // explainer keys fired here, each once in a run
	ack     string        // the acknowledgement a bare-ACK explainer names
}

// Total is how many packets the capture saw.
func (w *Wire) Total() int {
	if w == nil {
		return 0
	}
	return w.total
}

// MatchWire lays wire (the capture's events) out against calls, in
// display order. It returns nil when wire holds no packet and no note.
//
// A packet goes under a call only when ports and sequence numbers say
// it is that call's: the SYN of a connect's own address pair and the
// SYN-ACK and ACK that complete it; a data segment whose bytes all lie
// within one send's; the FIN at the end of a direction under its first
// shutdown or close; the RST of a close that left bytes unread; an ACK
// with no data that acknowledges bytes (or the FIN) of one call alone;
// the k-th datagram of an address pair under its k-th datagram send, and
// an ICMP answer under the call that sent the datagram it answers. The
// packets of connections with no calls at all (a measurement's quiet
// transfers) go to the measure recorded after them. Everything else
// stands on its own row, at its time.
func MatchWire(calls, wire []trace.Event) *Wire {
	if len(wire) == 0 {
		return nil
	}
	w := &Wire{steps: make([]wireStep, len(calls)+1)}
	var pkts []trace.Event
	for _, e := range wire {
		switch {
		case e.Op == "packet" && e.Pkt != nil:
			pkts = append(pkts, e)
		case e.Op == "note":
			w.dropped += droppedOf(e)
		}
	}
	sort.SliceStable(pkts, func(a, b int) bool { return pkts[a].T < pkts[b].T })
	w.total = len(pkts)
	m := newMatcher(calls)
	m.prepare(pkts)
	w.lanes = lanesOf(calls, pkts)
	fired := map[string]bool{}
	fire := func(i int, key string) {
		if !fired[key] {
			fired[key] = true
			w.steps[i].explain = append(w.steps[i].explain, key)
		}
	}
	bulkConns := map[int]map[string]bool{}
	for _, p := range pkts {
		i, why := m.place(p)
		switch {
		case why == "bulk":
			w.steps[i].bulk = append(w.steps[i].bulk, p)
			if bulkConns[i] == nil {
				bulkConns[i] = map[string]bool{}
			}
			bulkConns[i][connKey(p.Pkt)] = true
			w.steps[i].conns = len(bulkConns[i])
			continue
		case i >= 0:
			w.steps[i].under = append(w.steps[i].under, p)
			m.lastLoose = max(m.lastLoose, i+1) // a packet captured later never shows above it
		default:
			i = m.after(p)
			w.steps[i].loose = append(w.steps[i].loose, p)
		}
		switch why {
		case "handshake":
			if hasFlag(p.Pkt, '.') && !hasFlag(p.Pkt, 'S') {
				fire(i, "packet handshake")
			}
		case "close":
			fire(i, "packet four-way close")
		case "ack":
			if !fired["packet bare ack"] {
				w.steps[i].ack = strconv.FormatUint(uint64(p.Pkt.Ack), 10)
			}
			fire(i, "packet bare ack")
		case "window":
			fire(i, "packet window update")
		}
		if hasFlag(p.Pkt, 'R') && why != "refused" { // a refused connect has its own explainer
			fire(i, "packet reset")
		}
	}
	return w
}

// droppedOf is how many packets a note of the capture says it missed:
// its "dropped" value, else its count.
func droppedOf(e trace.Event) int {
	if v, ok := e.Vals["dropped"]; ok {
		n, _ := strconv.Atoi(v)
		return n
	}
	if strings.Contains(e.Key, "drop") || strings.Contains(e.Key, "not captured") {
		return e.Count
	}
	return 0
}

// hasFlag reports whether a TCP segment carries flag f ('S', 'F', 'R',
// 'P' or '.' for ACK), as tcpdump writes them.
func hasFlag(s *trace.Segment, f byte) bool {
	return s.Proto == "tcp" && strings.IndexByte(s.Flags, f) >= 0
}

// connKey names a packet's connection whatever its direction.
func connKey(s *trace.Segment) string {
	a, b := s.Src, s.Dst
	if a > b {
		a, b = b, a
	}
	return s.Proto + " " + a + " " + b
}

// lanesOf tells, for every address the packets name, which lane the
// side at it is drawn in: the lane of the calls made on it, else the
// other lane from its peer's, else the client's for the one that sent
// a SYN, else the client's for the higher port (the system's pick).
func lanesOf(calls, pkts []trace.Event) map[string]int {
	lanes := map[string]int{}
	for _, e := range calls {
		if l := lane(e); l != 0 && e.Local != "" && e.Key != relayed {
			lanes[e.Local] = l
		}
	}
	for _, e := range calls {
		if l := lane(e); l != 0 && e.Remote != "" && e.Key != relayed {
			if _, ok := lanes[e.Remote]; !ok {
				lanes[e.Remote] = -l
			}
		}
	}
	for _, p := range pkts {
		s := p.Pkt
		_, a := lanes[s.Src]
		_, b := lanes[s.Dst]
		switch {
		case a && !b:
			lanes[s.Dst] = -lanes[s.Src]
		case b && !a:
			lanes[s.Src] = -lanes[s.Dst]
		case !a && !b && s.Flags == "S":
			lanes[s.Src], lanes[s.Dst] = -1, 1
		case !a && !b && port(s.Src) > port(s.Dst):
			lanes[s.Src], lanes[s.Dst] = -1, 1
		case !a && !b:
			lanes[s.Src], lanes[s.Dst] = 1, -1
		}
	}
	return lanes
}

// port is the port of an ip:port address, 0 if it has none.
func port(addr string) int {
	i := strings.LastIndexByte(addr, ':')
	n, _ := strconv.Atoi(addr[i+1:])
	return n
}

// fromLeft reports whether packet s travels from the client lane to the
// server lane. An ICMP answer travels back to the datagram's sender.
func (w *Wire) fromLeft(s *trace.Segment) bool {
	if s.Proto == "icmp" {
		return w.lanes[s.Dst] < 0
	}
	return w.lanes[s.Src] < 0
}
