package render

import (
	"sort"

	"github.com/socktour/socktour/runner/trace"
)

// matcher finds the call that caused each packet, by address pairs,
// sequence numbers and, for a measurement's quiet transfers, time.
type matcher struct {
	calls    []trace.Event
	runT     []int64           // the latest call time up to each call
	connects map[string][]int  // TCP connects by "local→remote"
	failed   map[string][]int  // failed connects by the address they tried
	sends    map[string][]span // TCP sends by "local→remote", by offset; span.seq is the call's index
	ends     map[string]int    // the first shutdown or close by "local→remote"
	dgrams   map[string][]int  // datagram sends by "local→remote", in order
	known    map[string]bool   // address pairs that calls name, both ways
	conns    map[string]*conn
	// synTo counts, by the address a SYN went to, the connections opened
	// to it with no connect of their own: a failed connect gets its SYN
	// only when it is the only one.
	synTo     map[string]int
	dgramSeen map[string]int // datagrams captured so far, by pair
	lastDgram map[string]int // the call under which a pair's latest datagram went, -1 for none
	lastLoose int            // where the latest packet on its own row went
	floor     int            // the least place for the packet being placed: after the calls whose bytes it carries
}

// conn is what the matcher knows of one connection (or, for UDP, one
// address pair) so far.
type conn struct {
	n       int    // its packets so far
	syn     string // "src→dst" of its SYN, "" when none was seen
	synCall int    // the call its SYN went under, -1 for none
	synack  bool
	hsDone  bool
	bulk    int             // the measure its packets are summarised under, -1 none
	base    map[string]bool // directions whose first sequence number was seen
	acked   map[string]uint32
	win     map[string]uint32
	fin     map[string]int64 // the stream offset of a direction's FIN
	finCall map[string]int   // the call a direction's FIN went under, -1 none
	sent    map[string]int64 // how far each direction's data has gone
	rst     map[string]bool
}

func newMatcher(calls []trace.Event) *matcher {
	m := &matcher{
		calls: calls, runT: make([]int64, len(calls)),
		connects: map[string][]int{}, failed: map[string][]int{}, sends: map[string][]span{},
		ends: map[string]int{}, dgrams: map[string][]int{}, known: map[string]bool{},
		conns: map[string]*conn{}, synTo: map[string]int{}, dgramSeen: map[string]int{},
		lastDgram: map[string]int{},
	}
	var latest int64
	for i, e := range calls {
		latest = max(latest, e.T)
		m.runT[i] = latest
		if e.Key == relayed {
			continue // the relay's own sockets: what it passed on, never a cause
		}
		k := e.Local + "→" + e.Remote
		if e.Local != "" && e.Remote != "" {
			m.known[k], m.known[e.Remote+"→"+e.Local] = true, true
		}
		switch {
		case e.Op == "connect" && e.Key == "":
			m.connects[k] = append(m.connects[k], i)
		case e.Op == "error" && e.Call == "connect":
			m.failed[e.Remote] = append(m.failed[e.Remote], i)
		case e.Op == "send" && e.Key == "":
			m.sends[k] = append(m.sends[k], span{seq: i, off: e.Off, n: e.N})
		case e.Op == "sendto" || e.Op == "send" && e.Key == "udp":
			m.dgrams[k] = append(m.dgrams[k], i)
		case (e.Op == "shutdown" || e.Op == "close") && e.Key == "" && e.Remote != "":
			if _, ok := m.ends[k]; !ok {
				m.ends[k] = i
			}
		}
	}
	for _, ss := range m.sends {
		sort.SliceStable(ss, func(a, b int) bool { return ss[a].off < ss[b].off })
	}
	return m
}

// prepare counts, before matching, the connections opened to each
// address that no connect names.
func (m *matcher) prepare(pkts []trace.Event) {
	seen := map[string]bool{}
	for _, p := range pkts {
		s := p.Pkt
		k := s.Src + "→" + s.Dst
		if s.Proto == "tcp" && s.Flags == "S" && len(m.connects[k]) == 0 && !seen[k] {
			seen[k] = true
			m.synTo[s.Dst]++
		}
	}
}

// conn is the state of p's connection, made on its first packet.
func (m *matcher) conn(s *trace.Segment) *conn {
	key := connKey(s)
	c := m.conns[key]
	if c == nil {
		c = &conn{synCall: -1, bulk: -1, base: map[string]bool{}, acked: map[string]uint32{},
			win: map[string]uint32{}, fin: map[string]int64{}, finCall: map[string]int{},
			sent: map[string]int64{}, rst: map[string]bool{}}
		m.conns[key] = c
	}
	return c
}

// place says where packet p goes: under call i (i ≥ 0) or on its own
// row (i < 0), and why: "handshake", "data", "fin", "close" (the
// second FIN of a connection), "ack", "window", "reset", "refused",
// "datagram", "icmp", "bulk" (i is then the measure), or "".
func (m *matcher) place(p trace.Event) (i int, why string) {
	s := p.Pkt
	k, back := s.Src+"→"+s.Dst, s.Dst+"→"+s.Src
	m.floor = 0
	switch s.Proto {
	case "udp":
		j := m.dgramSeen[k]
		m.dgramSeen[k]++
		m.lastDgram[k] = -1
		if ds := m.dgrams[k]; j < len(ds) && m.calls[ds[j]].N == s.Len {
			m.lastDgram[k] = ds[j]
			return ds[j], "datagram"
		}
		return -1, ""
	case "icmp":
		if i, ok := m.lastDgram[k]; ok && i >= 0 {
			return i, "icmp"
		}
		return -1, ""
	case "tcp":
	default:
		return -1, ""
	}
	c := m.conn(s)
	c.n++
	defer m.track(c, s, k)
	if s.Flags == "S" && c.syn == "" {
		c.syn = k
		c.synCall = m.synCall(s, k)
	}
	if c.n == 1 && !m.known[k] && c.synCall < 0 {
		c.bulk = m.measureFor(p.T)
	}
	if c.bulk >= 0 {
		return c.bulk, "bulk"
	}
	switch {
	case s.Flags == "S":
		c.base[k] = true
		if c.syn == k && c.synCall >= 0 {
			return c.synCall, "handshake"
		}
		return -1, ""
	case s.Flags == "S.":
		c.base[k], c.synack = true, true
		if c.syn == back && c.synCall >= 0 {
			return c.synCall, "handshake"
		}
		return -1, ""
	case hasFlag(s, 'R'):
		return m.reset(c, k, back)
	case c.syn == k && c.synack && !c.hsDone && s.Flags == "." && s.Len == 0:
		c.hsDone = true
		if c.synCall >= 0 && s.Seq == 1 && s.Ack == 1 {
			return c.synCall, "handshake"
		}
		return -1, ""
	case !c.base[k]:
		return -1, "" // its sequence numbers count from an unknown start
	case s.Len > 0:
		return m.data(c, s, k)
	case hasFlag(s, 'F'):
		return m.fin(c, s, k, back)
	}
	return m.ack(c, s, k, back)
}

// track notes what segment s, in direction k, tells of its connection.
func (m *matcher) track(c *conn, s *trace.Segment, k string) {
	if hasFlag(s, '.') {
		c.acked[k], c.win[k] = max(c.acked[k], s.Ack), s.Win
	}
	if hasFlag(s, 'R') {
		c.rst[k] = true
	}
	if s.Len > 0 && c.base[k] {
		c.sent[k] = max(c.sent[k], int64(s.Seq)-1+int64(s.Len))
	}
}

// synCall is the connect that sent the SYN on pair k: its own connect,
// or a failed connect to the same address when it is the only one and
// the only connection opened there without a connect.
func (m *matcher) synCall(s *trace.Segment, k string) int {
	if cs := m.connects[k]; len(cs) == 1 {
		return cs[0]
	}
	if fs := m.failed[s.Dst]; len(fs) == 1 && len(m.connects[k]) == 0 && m.synTo[s.Dst] == 1 {
		if l := m.calls[fs[0]].Local; l == "" || l == s.Src {
			return fs[0]
		}
	}
	return -1
}

// measureFor is the measure recorded next after time t, when nothing but
// the measurement's own quiet transfers can have run between the step
// before it and it; -1 when there is none.
func (m *matcher) measureFor(t int64) int {
	j := sort.Search(len(m.runT), func(i int) bool { return m.runT[i] >= t })
	if j < len(m.calls) && m.calls[j].Op == "measure" {
		return j
	}
	return -1
}

// data places a segment that carries bytes: under the one send they all
// came from.
func (m *matcher) data(c *conn, s *trace.Segment, k string) (int, string) {
	lo, hi := int64(s.Seq)-1, int64(s.Seq)-1+int64(s.Len)
	if hi <= c.sent[k] || hasFlag(s, 'F') {
		return -1, "" // sent again, or carrying the end as well: more than one cause
	}
	ss := m.sends[k]
	j := sort.Search(len(ss), func(i int) bool { return ss[i].off+int64(ss[i].n) > lo })
	if j < len(ss) && ss[j].off <= lo && hi <= ss[j].off+int64(ss[j].n) {
		return ss[j].seq, "data"
	}
	for ; j < len(ss) && ss[j].off < hi; j++ {
		m.floor = max(m.floor, ss[j].seq+1)
	}
	return -1, ""
}

// fin places a FIN under the shutdown or close that ended its direction.
func (m *matcher) fin(c *conn, s *trace.Segment, k, back string) (int, string) {
	c.fin[k], c.finCall[k] = int64(s.Seq)-1, -1
	i, ok := m.ends[k]
	if !ok || m.calls[i].Op == "close" && m.calls[i].Unread > 0 {
		return -1, ""
	}
	c.finCall[k] = i
	if _, other := c.fin[back]; other {
		return i, "close"
	}
	return i, "fin"
}

// reset places an RST: under the close that left bytes unread, or under
// the connect whose SYN it answered.
func (m *matcher) reset(c *conn, k, back string) (int, string) {
	if c.syn == back && !c.synack && c.synCall >= 0 {
		return c.synCall, "refused"
	}
	if i, ok := m.ends[k]; ok && !c.rst[k] && m.calls[i].Op == "close" && m.calls[i].Unread > 0 {
		return i, "reset"
	}
	return -1, ""
}

// ack places a segment with no data and no flag but ACK: under the one
// call whose bytes (or FIN) it is the first to acknowledge; a window
// update, or an ACK of several calls' bytes, stands on its own.
func (m *matcher) ack(c *conn, s *trace.Segment, k, back string) (int, string) {
	prev, ok := c.acked[k]
	if !ok || !c.base[back] {
		return -1, ""
	}
	if s.Ack <= prev {
		if s.Win != c.win[k] {
			return -1, "window"
		}
		return -1, ""
	}
	lo, hi := int64(prev)-1, int64(s.Ack)-1 // offsets of the peer's stream newly acknowledged
	causes := map[int]bool{}
	if f, ok := c.fin[back]; ok && f < hi {
		if f >= lo {
			if c.finCall[back] < 0 {
				return -1, ""
			}
			causes[c.finCall[back]] = true
		}
		hi = f
	}
	ss := m.sends[back]
	covered := lo
	for j := sort.Search(len(ss), func(i int) bool { return ss[i].off+int64(ss[i].n) > lo }); j < len(ss) && ss[j].off < hi; j++ {
		if ss[j].off > covered {
			return -1, "" // bytes no recorded send sent
		}
		causes[ss[j].seq] = true
		covered = ss[j].off + int64(ss[j].n)
	}
	for i := range causes {
		m.floor = max(m.floor, i+1)
	}
	if covered < hi || len(causes) != 1 {
		return -1, ""
	}
	for i := range causes {
		return i, "ack"
	}
	return -1, ""
}

// after is where a packet on its own row goes: before the first call
// that returned after it was captured, never before an earlier one's
// and never before a call whose bytes it carries or acknowledges.
func (m *matcher) after(p trace.Event) int {
	i := sort.Search(len(m.runT), func(i int) bool { return m.runT[i] > p.T })
	i = max(i, m.lastLoose, m.floor)
	m.lastLoose = i
	return i
}
