package render

import (
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// arrow is one row of a sequence diagram: an arrow between a client-side
// party and a server-side party, or a note on one side or across.
type arrow struct {
	left, right string // the parties at either end
	dir         int    // 1: left to right, -1: right to left, 0: a note
	label       string // on the arrow: "5 bytes "Hello"", "FIN", "connect"
	kind        string // "data", "end" (FIN), "reset", "fail", "note"
	got         string // how the receiving end read it: "read 7+7+7+7"
	side        int    // for a note: -1 client side, 1 server side, 0 across
}

// arrows turns a run's events (in display order) into diagram rows: one
// per connection opened, per send, per end of a direction of a stream, per
// failure and per measurement. Reads do not get rows of their own: they
// show at the receiving end of the arrow whose bytes they took.
//
// Captured packets among the events add a thin arrow each, after the
// call that caused them or, on their own, where they were captured.
func arrows(events []trace.Event) []arrow {
	events, wire := SplitWire(events)
	pk := MatchWire(events, wire)
	names := map[string]string{} // socket address → side
	for _, e := range events {
		switch e.Op {
		case "connect", "accept", "bind":
			names[e.Local] = e.Side
		}
	}
	peer := func(addr, fallback string) string {
		if n, ok := names[addr]; ok {
			return n
		}
		return fallback
	}
	// The side that reads each direction of a connection: a handler that
	// took over an accepted socket, rather than the server that accepted.
	reader := map[string]string{} // by "from→to"
	for _, e := range events {
		if e.Op == "recv" || e.Op == "error" && e.Call == "recv" {
			if _, ok := reader[e.Remote+"→"+e.Local]; !ok && e.Local != "" {
				reader[e.Remote+"→"+e.Local] = e.Side
			}
		}
	}
	ends := func(e trace.Event) (left, right string, dir int) {
		switch {
		case lane(e) < 0 && e.Op != "connect" && reader[e.Local+"→"+e.Remote] != "" && e.Key != relayed:
			return e.Side, reader[e.Local+"→"+e.Remote], 1
		case e.Key == relayed && lane(e) < 0:
			return e.Side, relayPeer(e.Side), 1
		case e.Key == relayed:
			return relayPeer(e.Side), e.Side, -1
		case lane(e) < 0:
			return e.Side, peer(e.Remote, "server"), 1
		}
		return peer(e.Remote, "client"), e.Side, -1
	}
	var rows []arrow
	ended := map[string]bool{} // directions already ended, by "from→to"
	// A connection that a reset tore down: a close on it afterwards sends
	// nothing, so it gets no row.
	reset := map[string]bool{} // by "from→to", both ways
	tear := func(e trace.Event) {
		reset[e.Local+"→"+e.Remote], reset[e.Remote+"→"+e.Local] = true, true
	}
	for i, e := range events {
		rows = append(rows, pk.diagramStep(i, names)...)
		if e.Op == "error" && strings.Contains(e.Err, "reset") && e.Local != "" {
			tear(e)
		}
		switch {
		case e.Op == "listen":
			rows = append(rows, arrow{right: e.Side, side: 1, kind: "note", label: t("diagram listening", "addr", e.Local)})
		case e.Op == "bind" && e.Key == "udp" && lane(e) > 0:
			rows = append(rows, arrow{right: e.Side, side: 1, kind: "note", label: t("diagram udp socket", "addr", e.Local)})
		case e.Op == "connect" && e.Key == relayed:
			// through the relay: client k's server is server k
			rows = append(rows, arrow{left: e.Side, right: relayPeer(e.Side), dir: 1, kind: "data", label: "connect (via the relay)"})
		case e.Op == "connect" && e.Key == "udp":
			// no handshake, no packet: only the peer's address remembered
			rows = append(rows, arrow{left: e.Side, side: lane(e), kind: "note", label: t("diagram udp connect", "addr", e.Remote)})
		case e.Op == "connect":
			l, r, d := ends(e)
			rows = append(rows, arrow{left: l, right: r, dir: d, kind: "data", label: "connect"})
		case e.Op == "error" && e.Key == relayed && e.Call == "recv":
			l, r, d := ends(e)
			rows = append(rows, arrow{left: l, right: r, dir: d, kind: "reset", label: t("diagram rst passed")})
		case e.Op == "shutdown" && e.Key == relayed:
			l, r, d := ends(e)
			rows = append(rows, arrow{left: l, right: r, dir: d, kind: "end", label: t("diagram fin passed")})
		case e.Op == "send" || e.Op == "sendto":
			l, r, d := ends(e)
			label := plural(e.N, "byte") + " " + strconv.Quote(string(e.Head()))
			rows = append(rows, arrow{left: l, right: r, dir: d, kind: "data", label: label, got: readsOf(events, e)})
		case e.Op == "shutdown" || (e.Op == "close" && e.Key == "" && e.Remote != ""):
			k := e.Local + "→" + e.Remote
			if ended[k] || reset[k] {
				continue
			}
			ended[k] = true
			l, r, d := ends(e)
			a := arrow{left: l, right: r, dir: d, kind: "end", label: t("diagram fin", "call", e.Op), got: eofOf(events, e)}
			if e.Op == "close" && e.Unread > 0 {
				a.kind, a.label = "reset", t("diagram rst unread", "n", plural(e.Unread, "byte"))
				a.got = ""
				tear(e)
			}
			rows = append(rows, a)
			if reader := stillReceives(events, e); e.Op == "shutdown" && reader != "" {
				// A half-closed connection is not a closed one: say so
				// where the side that shut down goes on reading.
				h := arrow{kind: "note", side: lane(e), label: t("diagram half-closed")}
				if h.side < 0 {
					h.left = reader
				} else {
					h.right = reader
				}
				rows = append(rows, h)
			}
		case e.Op == "error" && e.Call == "connect" && e.Key != relayed:
			l, r, d := ends(e)
			rows = append(rows, arrow{left: l, right: r, dir: d, kind: "fail", label: "connect ✗ " + e.Err})
		case e.Op == "error":
			a := arrow{kind: "fail", side: lane(e), label: e.Call + ": " + e.Err}
			if a.side < 0 {
				a.left = e.Side
			} else {
				a.right = e.Side
			}
			rows = append(rows, a)
		case e.Op == "note" && e.Vals["ms"] != "" && lane(e) != 0:
			// A time a side measured, such as a client's silence, where it
			// was measured.
			a := arrow{kind: "note", side: lane(e), label: e.Key + " " + e.Vals["ms"] + " ms"}
			if a.side < 0 {
				a.left = e.Side
			} else {
				a.right = e.Side
			}
			rows = append(rows, a)
		case e.Op == "measure":
			rows = append(rows, arrow{kind: "note", label: t("row measured", "size", plural(e.Size, "byte"),
				"reads", plural(e.Count, "read"), "speed", mbps(e))})
		}
	}
	return append(rows, pk.diagramStep(len(events), names)...)
}

// readsOf says how the receiving end read the bytes of send s: the part
// of each read that fell within them ("read 7+7+7+7"), a "…" where a read
// ran on into the next send, and what was never read.
func readsOf(events []trace.Event, s trace.Event) string {
	if s.Key == "relayed" {
		return ""
	}
	if s.Op == "sendto" {
		return datagramRead(events, s)
	}
	lo, hi := s.Off, s.Off+int64(s.N)
	var parts []string
	got := int64(0)
	for _, r := range events {
		if r.Op != "recv" || r.Local != s.Remote || r.Remote != s.Local || r.N == 0 {
			continue
		}
		a, b := max(lo, r.Off), min(hi, r.Off+int64(r.N))
		if a >= b {
			continue
		}
		p := strconv.FormatInt(b-a, 10)
		if r.Off+int64(r.N) > hi {
			p += "…"
		}
		parts = append(parts, p)
		got += b - a
	}
	switch {
	case got == 0 && s.N > 0:
		return t("diagram never read")
	case got < int64(s.N):
		return t("diagram read part", "reads", strings.Join(parts, "+"), "left", strconv.FormatInt(int64(s.N)-got, 10))
	}
	return t("diagram read", "reads", strings.Join(parts, "+"))
}

// datagramRead says how the k-th datagram from one socket to another was
// read: whole, cut, or never.
func datagramRead(events []trace.Event, s trace.Event) string {
	k := 0
	for _, e := range events {
		if e.Op == "sendto" && e.Local == s.Local && e.Remote == s.Remote {
			k++
			if e.Seq == s.Seq {
				break
			}
		}
	}
	for _, r := range events {
		if r.Op != "recvfrom" || r.Local != s.Remote || r.Remote != s.Local {
			continue
		}
		if k--; k == 0 {
			if r.Trunc {
				return t("diagram read cut", "n", strconv.Itoa(r.N), "of", strconv.Itoa(s.N))
			}
			return t("diagram read", "reads", strconv.Itoa(r.N))
		}
	}
	return t("diagram never received")
}

// stillReceives is the side that, after shutdown e of its socket's
// sending half, still reads data from the peer on it (the half-close as
// a state), or "".
func stillReceives(events []trace.Event, e trace.Event) string {
	after := false
	for _, r := range events {
		if r.Seq == e.Seq {
			after = true
			continue
		}
		if after && r.Op == "recv" && r.N > 0 && r.Local == e.Local && r.Remote == e.Remote {
			return r.Side
		}
	}
	return ""
}

// eofOf says whether the peer's reads found the end of the stream that e
// ended.
func eofOf(events []trace.Event, e trace.Event) string {
	for _, r := range events {
		if r.Op == "recv" && r.EOF && r.Local == e.Remote && r.Remote == e.Local {
			return t("diagram eof")
		}
	}
	return ""
}

// Diagram draws the whole exchange as a compact sequence diagram, at most
// rows lines tall (0 for no limit; to fit, packet arrows go first): clients left, servers right, one
// arrow per send with its byte count, and how the receiving end read it:
// against the arrow's head for a client, in a column at the right for a
// server.
func (r *Renderer) Diagram(events []trace.Event, rows int) []string {
	as := arrows(events)
	nl, nr, gw, col := Width(t("lane client")), Width(t("lane server")), Width(t("diagram received")), 0
	for _, a := range as {
		nl, nr = max(nl, Width(a.left)), max(nr, Width(a.right))
		if a.dir > 0 && a.got != "" { // the column holds what the server side read
			gw = max(gw, Width(a.got))
			col = 2
		}
	}
	nl, nr = min(nl, 12), min(nr, 12)
	w := max(r.Width, 60)
	gw = min(gw, w*3/10)
	if col > 0 {
		col += gw
	}
	aw := w - 2 - nl - 1 - 2 - 1 - nr - col // between ├ and ┤
	head := "  " + paint(r.Pal.Client, pad(t("lane client"), nl)) + " " + strings.Repeat(" ", aw+2) + " " +
		paint(r.Pal.Server, pad(t("lane server"), nr))
	if col > 0 {
		head += "  " + r.Pal.Dim.Sprint(t("diagram received"))
	}
	if rows > 0 {
		as = fit(as, rows-1)
	}
	out := []string{head}
	for _, a := range as {
		out = append(out, r.diagramRow(a, nl, nr, aw, gw, col))
	}
	if rows > 0 && len(out) > rows {
		keep := rows - 1
		top := keep / 2
		cutN := len(out) - keep
		more := r.Pal.Dim.Sprintf("  … %d more rows", cutN)
		out = append(append(out[:top:top], more), out[len(out)-(keep-top):]...)
	}
	return out
}

// fit leaves out rows, least telling first, until the diagram is at most
// rows tall or nothing more can go: first the listening notes, then the
// FIN rows (a reset stays).
func fit(as []arrow, rows int) []arrow {
	if len(as) > rows {
		as = dropPackets(as) // the packets first, said in a note
	}
	for _, drop := range []func(arrow) bool{
		func(a arrow) bool { return a.kind == "note" && a.side > 0 },
		func(a arrow) bool { return a.kind == "end" },
	} {
		if len(as) <= rows {
			return as
		}
		var kept []arrow
		for _, a := range as {
			if !drop(a) {
				kept = append(kept, a)
			}
		}
		as = kept
	}
	return as
}

// diagramRow draws one arrow or note.
func (r *Renderer) diagramRow(a arrow, nl, nr, aw, gw, col int) string {
	style := r.Pal.Client
	if a.dir < 0 {
		style = r.Pal.Server
	}
	if a.kind == "fail" || a.kind == "reset" {
		style = r.Pal.Error
	}
	if a.dir == 0 {
		style := r.Pal.Dim
		if a.kind == "fail" {
			style = r.Pal.Error
		}
		switch {
		case a.side > 0: // inside the arrows' room, against the server's lane
			label := cut(a.label, aw-1)
			text := pad("", aw-1-Width(label)) + label
			return "  " + strings.Repeat(" ", nl+2) + style.Sprint(text) + " ┤ " + paint(r.Pal.Server, a.right)
		case a.side < 0: // against the client's lane
			return "  " + paint(r.Pal.Client, pad(cut(a.left, nl), nl)) + " ├ " + style.Sprint(cut(a.label, aw-1))
		}
		if a.kind != "fail" {
			style = r.Pal.Tutor
		}
		return "  " + style.Sprint(cut("· "+a.label, nl+1+aw+2+1+nr+col))
	}
	line := "─"
	switch a.kind {
	case "end", "reset":
		line = "╌"
	case "packet":
		line, style = "┄", r.Pal.Dim
	}
	right := paint(r.Pal.Server, cut(a.right, nr))
	if a.dir > 0 {
		// How the server read it: in the column at its right.
		label := " " + cut(a.label, aw-6) + " "
		body := strings.Repeat(line, 2) + label + strings.Repeat(line, aw-Width(label)-3) + "▶"
		if a.got != "" {
			right = paint(r.Pal.Server, pad(cut(a.right, nr), nr)) + "  " + paint(r.Pal.Dim, cut(a.got, gw))
		}
		return "  " + paint(r.Pal.Client, pad(cut(a.left, nl), nl)) + " ├" + paint(style, body) + "┤ " + right
	}
	// How the client read it: against the arrow's head, on the client's
	// side, so that it never sits by the sender.
	got := ""
	if a.got != "" {
		got = " " + cut(a.got, max(aw/2-2, 8)) + " "
	}
	label := " " + cut(a.label, max(aw-6-Width(got), 6)) + " "
	fill := max(aw-Width(label)-3-Width(got), 1)
	body := paint(style, "◀") + paint(r.Pal.Dim, got) + paint(style, strings.Repeat(line, fill)+label+strings.Repeat(line, 2))
	return "  " + paint(r.Pal.Client, pad(cut(a.left, nl), nl)) + " ├" + body + "┤ " + right
}
