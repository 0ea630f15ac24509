package render

import (
	"strconv"

	"github.com/socktour/socktour/runner/trace"
)

// packetArrows are the diagram's rows for packets: one thin arrow each,
// between the parties at their addresses (named by names, else by
// their lane), the first ones of a long list and a note for the rest.
func (w *Wire) packetArrows(pkts []trace.Event, names map[string]string) []arrow {
	var out []arrow
	shown := pkts
	if len(pkts) > maxPacketRows {
		shown = pkts[:maxPacketRows-2]
	}
	for _, p := range shown {
		s := p.Pkt
		src, dst := s.Src, s.Dst
		if s.Proto == "icmp" {
			src, dst = dst, src // the answer travels back to the datagram's sender
		}
		a := arrow{kind: "packet", label: packetText(s), dir: 1, left: src, right: dst}
		if !w.fromLeft(s) {
			a.dir, a.left, a.right = -1, dst, src
		}
		a.left, a.right = nameOr(names, a.left, "client"), nameOr(names, a.right, "server")
		out = append(out, a)
	}
	if rest := pkts[len(shown):]; len(rest) > 0 {
		out = append(out, arrow{kind: "note", label: t("packets more", "packets", plural(len(rest), "packet"))})
	}
	return out
}

// nameOr is the side at addr, or fallback.
func nameOr(names map[string]string, addr, fallback string) string {
	if n, ok := names[addr]; ok {
		return n
	}
	return fallback
}

// diagramStep are the diagram's packet rows that go with call i: those
// of the call before it (under it), then those on their own before it.
// i = len(calls) gives the last call's and those after it.
func (w *Wire) diagramStep(i int, names map[string]string) []arrow {
	if w == nil {
		return nil
	}
	var out []arrow
	if i > 0 {
		st := w.steps[i-1]
		out = append(out, w.packetArrows(st.under, names)...)
		if len(st.bulk) > 0 {
			c := tallyOf(st.bulk)
			out = append(out, arrow{kind: "note", label: t("diagram packets",
				"packets", plural(len(st.bulk), "packet"), "conns", plural(st.conns, "connection"),
				"segments", plural(c.data, "segment"), "acks", plural(c.acks, "ack"))})
		}
	}
	return append(out, w.packetArrows(w.steps[i].loose, names)...)
}

// dropPackets leaves the packet arrows out of as, with a note saying
// how many, for a diagram that must fit a screen.
func dropPackets(as []arrow) []arrow {
	var kept []arrow
	n := 0
	for _, a := range as {
		if a.kind == "packet" {
			n++
			continue
		}
		kept = append(kept, a)
	}
	if n == 0 {
		return as
	}
	return append(kept, arrow{kind: "note", label: t("diagram packets left out", "n", strconv.Itoa(n))})
}
