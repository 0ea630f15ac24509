package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// maxPacketRows is how many packets one place lists before it sums up
// the rest: a call that sent a megabyte shows its first segments, then
// how many more of which sizes.
const maxPacketRows = 8

// packetText is a packet's row without its arrow, as tcpdump would say
// it: flags, then sequence and acknowledgement numbers relative to the
// connection's start, the window and the payload's length.
func packetText(s *trace.Segment) string {
	switch s.Proto {
	case "udp":
		return "UDP len " + strconv.Itoa(s.Len)
	case "icmp":
		return t("packet icmp", "what", s.ICMP, "dst", s.Dst)
	}
	text := fmt.Sprintf("%-3s seq %d", s.Flags, s.Seq)
	if hasFlag(s, '.') {
		text += " ack " + strconv.FormatUint(uint64(s.Ack), 10)
	}
	return text + fmt.Sprintf(" win %d len %d", s.Win, s.Len)
}

// packetRow is one packet's row: under a call, indented as its details;
// on its own, at the step numbers' edge with a dotted mark, so that it
// never reads as the call's above.
func (r *Renderer) packetRow(w *Wire, p trace.Event, own bool) string {
	s := p.Pkt
	arrow, style := "─▶", r.Pal.Client
	if !w.fromLeft(s) {
		arrow, style = "◀─", r.Pal.Server
	}
	if hasFlag(s, 'R') || s.Proto == "icmp" {
		style = r.Pal.Error
	}
	ind := "      "
	if own {
		ind = "    " + r.Pal.Dim.Sprint("┊") + " "
	}
	text := cut(packetText(s), max(r.Width-Width(ind)-3, 10))
	head, rest, _ := strings.Cut(text, " ")
	return ind + paint(style, arrow+" "+head) + " " + r.Pal.Dim.Sprint(rest)
}

// rows lists packets, own rows or not, the first ones of a long list
// and a sum of the rest.
func (r *Renderer) rows(w *Wire, pkts []trace.Event, own bool) []string {
	var out []string
	shown := pkts
	if len(pkts) > maxPacketRows {
		shown = pkts[:maxPacketRows-2]
	}
	for _, p := range shown {
		out = append(out, r.packetRow(w, p, own))
	}
	if rest := pkts[len(shown):]; len(rest) > 0 {
		out = append(out, r.summaryLines(t("packets more", "packets", plural(len(rest), "packet")), rest, 0)...)
	}
	return out
}

// WireBefore are the rows of the packets that stand on their own before
// call i (0 from the first): captured after the call before it, with no
// call that certainly caused them.
func (r *Renderer) WireBefore(w *Wire, i int) []string {
	if w == nil || i >= len(w.steps) {
		return nil
	}
	return r.rows(w, w.steps[i].loose, true)
}

// WireUnder are the rows under call i: the packets it caused, in the
// order they were captured; under a measurement, the sum of its
// transfers' packets.
func (r *Renderer) WireUnder(w *Wire, i int) []string {
	if w == nil || i >= len(w.steps) {
		return nil
	}
	st := w.steps[i]
	out := r.rows(w, st.under, false)
	if len(st.bulk) > 0 {
		key := "packets summary"
		if st.conns > 1 { // the measured transfer, and the shorter ones that sized it
			key = "packets summary sized"
		}
		head := t(key, "packets", plural(len(st.bulk), "packet"), "conns", plural(st.conns, "connection"))
		dropped := 0
		if i == w.firstBulk() { // what the capture missed, said once, where the counts begin
			dropped = w.dropped
		}
		out = append(out, r.summaryLines(head, st.bulk, dropped)...)
	}
	return out
}

// WireNotes are the explainers of what step i's packets show (the
// handshake, a reset…), each the first time a run shows it.
func (r *Renderer) WireNotes(w *Wire, i int) []string {
	if w == nil || i >= len(w.steps) {
		return nil
	}
	st := w.steps[i]
	var out []string
	for _, key := range st.explain {
		text := assets.Fill(assets.Explainers().Section(key), map[string]string{"ack": st.ack})
		out = append(out, r.noteLines(text)...)
	}
	return out
}

// WireEnd is what follows the last call: the packets on their own after
// it, and how many packets the capture missed, when it missed any.
func (r *Renderer) WireEnd(w *Wire) []string {
	if w == nil {
		return nil
	}
	out := r.WireBefore(w, len(w.steps)-1)
	if w.dropped > 0 && w.firstBulk() < 0 { // else said with the first sum
		out = append(out, r.noteLines(t("packets missed", "n", strconv.Itoa(w.dropped)))...)
	}
	return out
}

// noteLines are an explainer's lines, as the details show them.
func (r *Renderer) noteLines(text string) []string {
	const ind = "      "
	var out []string
	for i, l := range Wrap(text, r.Width-len(ind)-2) {
		mark := "  "
		if i == 0 {
			mark = "ⓘ "
		}
		out = append(out, ind+paint(r.Pal.Note, mark+l))
	}
	return out
}

// tally counts packets by kind: data segments by size, bare ACKs,
// handshakes, FINs and resets.
type tally struct {
	sizes                            map[int]int
	data, acks, syn, fin, rst, other int
	again                            int // data segments seen before: sent a second time
}

func tallyOf(pkts []trace.Event) tally {
	c := tally{sizes: map[int]int{}}
	seen := map[trace.Segment]bool{} // data segments by direction, sequence number and length
	for _, p := range pkts {
		s := p.Pkt
		switch {
		case s.Proto != "tcp":
			c.other++
		case s.Len > 0:
			c.data++
			c.sizes[s.Len]++
			key := trace.Segment{Src: s.Src, Dst: s.Dst, Seq: s.Seq, Len: s.Len}
			if seen[key] {
				c.again++
			}
			seen[key] = true
		case hasFlag(s, 'R'):
			c.rst++
		case hasFlag(s, 'S'):
			c.syn++
		case hasFlag(s, 'F'):
			c.fin++
		default:
			c.acks++
		}
		if s.Len > 0 && hasFlag(s, 'F') {
			c.fin++
		}
	}
	return c
}

// sizes says how many data segments had which size, the commonest first,
// at most three sizes and the rest together.
func (c tally) sizesText() string {
	type n struct{ size, count int }
	var ns []n
	for s, k := range c.sizes {
		ns = append(ns, n{s, k})
	}
	sort.Slice(ns, func(a, b int) bool {
		if ns[a].count != ns[b].count {
			return ns[a].count > ns[b].count
		}
		return ns[a].size > ns[b].size
	})
	var parts []string
	rest := c.data
	for i, x := range ns {
		if i == 3 && len(ns) > 4 {
			parts = append(parts, t("packets other sizes", "n", strconv.Itoa(rest)))
			break
		}
		parts = append(parts, t("packets size", "n", strconv.Itoa(x.count), "size", plural(x.size, "byte")))
		rest -= x.count
	}
	return strings.Join(parts, ", ")
}

// summaryLines sum packets up under a heading: how many segments of
// which sizes, how many ACKs, handshakes, FINs and resets, and what the
// capture missed.
func (r *Renderer) summaryLines(head string, pkts []trace.Event, dropped int) []string {
	c := tallyOf(pkts)
	texts := []string{"▸ " + head}
	if c.data > 0 {
		texts = append(texts, t("packets segments", "segments", plural(c.data, "segment"), "sizes", c.sizesText()))
	}
	if c.again > 0 {
		texts = append(texts, t("packets again", "segments", plural(c.again, "segment")))
	}
	texts = append(texts, t("packets acks", "acks", plural(c.acks, "ack"),
		"syn", strconv.Itoa(c.syn), "fin", strconv.Itoa(c.fin), "rst", strconv.Itoa(c.rst)))
	if c.other > 0 {
		texts = append(texts, t("packets other", "n", plural(c.other, "packet")))
	}
	if dropped > 0 {
		texts = append(texts, t("packets missed", "n", strconv.Itoa(dropped)))
	}
	const ind = "      "
	var out []string
	for j, text := range texts {
		in := ind
		if j > 0 {
			in += "  "
		}
		for _, l := range Wrap(text, r.Width-len(in)) {
			out = append(out, in+r.Pal.Dim.Sprint(l))
		}
	}
	return out
}

// firstBulk is the first call with a sum of packets under it, -1 for
// none.
func (w *Wire) firstBulk() int {
	for i, st := range w.steps {
		if len(st.bulk) > 0 {
			return i
		}
	}
	return -1
}
