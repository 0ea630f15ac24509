// Package render draws recorded socket events for a terminal or a pipe:
// two lanes (clients left, servers right) with one row per call, arrows
// for data, then the details of a step (where its bytes sit in the stream,
// the bytes as text and as a hexdump -C dump, explainers, narration).
// The player and the transcript printers both draw with it.
package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// Renderer draws events at a given width.
type Renderer struct {
	Width int      // columns; lanes and wrapping follow it
	Pal   *Palette // colours; NewPalette(false) for none
	NoHex bool     // leave out hex dumps
}

const seqCol = 4 // "  12" before each row

// lanes returns the widths of the client lane, the gutter and the server lane.
func (r *Renderer) lanes() (left, gutter, right int) {
	w := r.Width
	if w < 60 {
		w = 60
	}
	left = (w - seqCol - 3) / 2
	return left, 3, w - seqCol - 3 - left
}

// LaneHeader names the two lanes.
func (r *Renderer) LaneHeader() string {
	left, gutter, _ := r.lanes()
	return strings.Repeat(" ", seqCol) + paint(r.Pal.Client, pad(t("lane client"), left)) +
		strings.Repeat(" ", gutter) + paint(r.Pal.Server, t("lane server"))
}

// lane tells where a side's rows go: -1 left (clients), 1 right (servers
// and their handlers), 0 across (the tutor's notes and measurements).
func lane(e trace.Event) int {
	switch {
	case e.Op == "measure" || Role(e.Side) == "tutor" || e.Side == wireSide:
		return 0
	case Role(e.Side) == "client":
		return -1
	}
	return 1
}

// Line is e's row in the lanes, numbered step: one line, at most Width
// columns. A marked row (the player's current step) starts with "›".
func (r *Renderer) Line(step int, e trace.Event, in Info, marked bool) string {
	left, gutter, right := r.lanes()
	seq := fmt.Sprintf("%*d ", seqCol-1, step)
	if marked {
		seq = "›" + seq[1:]
	}
	text := r.summary(e)
	if Role(e.Side) == "tutor" {
		text = "▸ " + headline(in.Narration)
	}
	if e.Side != "client" && e.Side != "server" && lane(e) != 0 {
		text = SideName(e.Side) + ": " + text
	}
	style := r.Pal.Server
	if lane(e) < 0 {
		style = r.Pal.Client
	}
	if e.Op == "error" {
		style = r.Pal.Error
	}
	switch {
	case lane(e) == 0:
		return r.Pal.Dim.Sprint(seq) + paint(r.Pal.Tutor, cut(text, left+gutter+right))
	case e.Op == "send" || e.Op == "sendto":
		if lane(e) < 0 { // client → server: the arrow runs right into the server lane
			text = cut(text, left-2) + " "
			arrow := strings.Repeat("─", left+gutter-Width(text)-1) + "▶"
			return r.Pal.Dim.Sprint(seq) + paint(style, text+arrow)
		}
		// server → client: the arrow runs left from the server lane
		text = " " + cut(text, right-2)
		arrow := "◀" + strings.Repeat("─", left+gutter-1)
		return r.Pal.Dim.Sprint(seq) + paint(style, arrow+text)
	case lane(e) < 0:
		return r.Pal.Dim.Sprint(seq) + paint(style, cut(text, left+gutter+right))
	}
	return r.Pal.Dim.Sprint(seq) + strings.Repeat(" ", left+gutter) + paint(style, cut(text, right))
}

// summary is the words of a row, without lane or colour.
func (r *Renderer) summary(e trace.Event) string {
	if e.Key == relayed {
		return relaySummary(e)
	}
	switch e.Op {
	case "socket":
		return "socket()"
	case "setsockopt":
		return fmt.Sprintf("setsockopt(%s, %s)", e.Vals["option"], e.Vals["value"])
	case "bind":
		if e.Key == "udp" {
			return "UDP bind(" + e.Local + ")"
		}
		return "bind(" + e.Local + ")"
	case "listen":
		size := strconv.Itoa(e.Size)
		if name := e.Vals["backlog"]; name != "" { // Windows' SOMAXCONN reads better than 2147483647
			size = name
		}
		return t("row listen", "size", size)
	case "accept":
		return "accept() ← " + e.Remote
	case "connect":
		return "connect(" + e.Remote + ")"
	case "send", "sendto":
		return e.Op + " " + plural(e.N, "byte")
	case "recv", "recvfrom":
		s := fmt.Sprintf("%s(%d) → %s", e.Op, e.Size, plural(e.N, "byte"))
		switch {
		case e.EOF:
			s += t("row eof")
		case e.Trunc:
			s += t("row cut")
		}
		return s
	case "shutdown":
		return "shutdown(SHUT_WR)"
	case "close":
		if e.Key == "listener" {
			return t("row close listener")
		}
		if e.Key == "udp" {
			return t("row close udp")
		}
		if e.Unread > 0 {
			return t("row close unread", "n", plural(e.Unread, "byte"))
		}
		return "close()"
	case "error":
		return "✗ " + e.Call + ": " + e.Err
	case "note":
		label := noteLabel(e.Key)
		if t, ok := e.Vals["text"]; ok {
			return "• " + label + ": " + strconv.Quote(t)
		}
		if t, ok := e.Vals["ms"]; ok {
			return "• " + label + " " + t + " ms"
		}
		return "• " + label
	case "packet": // a live view's packet, on its own row
		if e.Pkt != nil {
			return packetText(e.Pkt)
		}
	case "measure":
		return t("row measured", "size", plural(e.Size, "byte"), "reads", plural(e.Count, "read"), "speed", mbps(e))
	}
	return e.Op
}

// relayed marks the events of socktour watch's relay.
const relayed = "relayed"

// relayPeer is the program at the other end of a relayed connection
// from side: "client 2" and "server 2" are the two ends of connection 2.
// (Addresses cannot tell: every connection's server end has the server's
// one address.)
func relayPeer(side string) string {
	if n, ok := strings.CutPrefix(side, "client"); ok {
		return "server" + n
	}
	return "client" + strings.TrimPrefix(side, "server")
}

// relaySummary is the words of a row the relay recorded: what it saw
// pass, never a call the programs made.
func relaySummary(e trace.Event) string {
	switch e.Op {
	case "connect":
		return t("row relay connect")
	case "accept":
		return t("row relay accept")
	case "send":
		return t("row relayed", "n", plural(e.N, "byte"))
	case "shutdown":
		return t("row relay fin")
	case "error":
		if e.Call == "recv" {
			return t("row relay rst")
		}
		return "✗ " + e.Call + ": " + e.Err
	}
	return e.Op
}

// headline is the first sentence of text, up to a colon or a full stop
// that ends a clause (followed by a space or a line's end, or a
// full-width one): never inside "127.0.0.2" or "recv(7).".
func headline(text string) string {
	end := len(text)
	for _, stop := range []string{": ", ". ", ".\n", "\n", "：", "。"} {
		if i := strings.Index(text, stop); i > 0 && i < end {
			end = i
		}
	}
	if strings.HasSuffix(text[:end], ".") || strings.HasSuffix(text[:end], ":") {
		end--
	}
	return text[:end]
}

// plural writes "1 byte", "6 bytes".
func plural(n int, unit string) string {
	key := "unit " + unit + "s"
	if n == 1 {
		key = "unit " + unit
	}
	return t(key, "n", strconv.Itoa(n))
}

// SideName is a side as the learner reads it: "client 2" is "客户端 2"
// in Chinese. Events keep the English name, which recordings and --json
// carry.
func SideName(side string) string {
	role := Role(side)
	w := t("side " + role)
	if w == "" {
		return side
	}
	return w + side[len(role):]
}

// t is an interface text of ui.md in the learner's language.
func t(key string, kv ...string) string { return assets.UI(key, kv...) }

// mbps is a measurement's throughput in MB/s (10⁶ bytes per second).
func mbps(e trace.Event) string {
	if e.Dur <= 0 {
		return t("row too fast")
	}
	return strconv.FormatFloat(float64(e.N)/float64(e.Dur), 'f', 1, 64) + " MB/s"
}

// Details are the lines under a step: the stream position, the bytes as
// text and as a dump, a measurement table, explainers and narration.
func (r *Renderer) Details(e trace.Event, in Info) []string {
	const ind = "      "
	w := r.Width - len(ind)
	var out []string
	if in.Stream != "" {
		for _, l := range Wrap(in.Stream, w) { // a long path or address wraps
			out = append(out, ind+r.Pal.Dim.Sprint(l))
		}
	}
	if e.Data() && e.N > 0 {
		out = append(out, ind+quoteEvent(e, w))
		if !r.NoHex {
			out = append(out, r.dumpEvent(e)...)
		}
	}
	if len(in.Table) > 0 {
		out = append(out, r.table(in.Table)...)
	}
	for _, x := range in.Explain {
		for i, l := range Wrap(x, w-2) {
			mark := "  "
			if i == 0 {
				mark = "ⓘ "
			}
			out = append(out, ind+paint(r.Pal.Note, mark+l))
		}
	}
	if in.Narration != "" {
		for _, l := range Wrap(in.Narration, w) {
			out = append(out, ind+l)
		}
	}
	return out
}

// maxDump is how many bytes a dump shows before it says how many more.
const maxDump = 256

// dump is b in the layout of hexdump -C, indented by two.
func (r *Renderer) dump(b []byte) []string {
	more := 0
	if len(b) > maxDump {
		b, more = b[:maxDump], len(b)-maxDump
	}
	lines := r.dumpAt(b, 0)
	if more > 0 {
		lines = append(lines, "  "+r.Pal.Dim.Sprintf("… %s more", plural(more, "byte")))
	}
	return lines
}

// quoteBytes is b as a quoted string with escapes (\n, \x00, \xe5 for a
// byte that is not part of a whole character), cut to w columns.
func quoteBytes(b []byte, w int) string {
	return cut(strconv.Quote(string(b)), w)
}

// table lines up measurements of one kind side by side.
func (r *Renderer) table(ms []trace.Event) []string {
	out := []string{"      " + r.Pal.Title.Sprintf("%8s %9s %11s %11s %10s", "buffer", "reads", "bytes", "time", "MB/s")}
	for _, m := range ms {
		out = append(out, fmt.Sprintf("      %8d %9d %11d %8.1f ms %10s",
			m.Size, m.Count, m.N, float64(m.Dur)/1000, strings.TrimSuffix(mbps(m), " MB/s")))
	}
	return out
}

// noteLabel is the words a note's row shows for its key: steps.md's
// "label <key>" when it has one ("bytes-vs-chars" is "bytes and
// characters"), else the key with its dashes as spaces, never a key as
// such.
func noteLabel(key string) string {
	if l := assets.Steps().Section("label " + key); l != "" {
		return l
	}
	return strings.ReplaceAll(key, "-", " ")
}
