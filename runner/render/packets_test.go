package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// The addresses of the synthetic runs: a client's port the system
// picked and a lesson's server.
const cli, srv = "127.0.0.1:50000", "127.0.0.1:8000"

// call is a call event at time t (µs) on the connection cli↔srv.
func call(t int64, side, op string, n int, more ...func(*trace.Event)) trace.Event {
	e := trace.Event{T: t, Side: side, Op: op, N: n, Local: cli, Remote: srv}
	if side != "client" {
		e.Local, e.Remote = srv, cli
	}
	for _, f := range more {
		f(&e)
	}
	return e
}

// seg is a TCP segment captured at time t.
func seg(t int64, src, dst, flags string, seq, ack uint32, n int) trace.Event {
	win := uint32(65536)
	switch flags {
	case "S":
		win = 65495
	case "S.":
		win = 65483
	}
	return trace.Event{T: t, Side: "wire", Op: "packet", Pkt: &trace.Segment{
		Proto: "tcp", Src: src, Dst: dst, Flags: flags, Seq: seq, Ack: ack, Win: win, Len: n}}
}

// numbered gives events the sequence numbers of a recording, in order.
func numbered(events []trace.Event) []trace.Event {
	for i := range events {
		events[i].Seq = i + 1
	}
	return events
}

// exchange is a lesson-1-like run with the packets a capture sees under
// it, each stamped (as the system stamps it) before the call that caused
// it returned: the handshake, 6 bytes each way, the server's
// shutdown(SHUT_WR), a window update as the client reads, and the
// client's close, which completes the four-way close.
func exchange() (calls, pkts []trace.Event) {
	calls = []trace.Event{
		{T: 10, Side: "server", Op: "bind", Local: srv},
		{T: 20, Side: "server", Op: "listen", Local: srv, Size: 5},
		call(100, "client", "connect", 0),
		call(105, "server", "accept", 0),
		call(200, "client", "send", 6, func(e *trace.Event) { e.Hex = []byte("你好") }),
		call(210, "server", "recv", 6, func(e *trace.Event) { e.Size, e.Hex = 1024, []byte("你好") }),
		call(300, "server", "send", 28, func(e *trace.Event) { e.Hex = []byte("Socket Programming in Python") }),
		call(310, "server", "shutdown", 0),
		call(320, "client", "recv", 28, func(e *trace.Event) { e.Size, e.Hex = 1024, []byte("Socket Programming in Python") }),
		call(330, "client", "recv", 0, func(e *trace.Event) { e.Size, e.EOF, e.Off = 1024, true, 28 }),
		call(400, "client", "close", 0),
		call(410, "server", "close", 0),
	}
	pkts = []trace.Event{
		seg(95, cli, srv, "S", 0, 0, 0),
		seg(96, srv, cli, "S.", 0, 1, 0),
		seg(97, cli, srv, ".", 1, 1, 0),
		seg(198, cli, srv, "P.", 1, 1, 6),
		seg(199, srv, cli, ".", 1, 7, 0),
		seg(298, srv, cli, "P.", 1, 7, 28),
		seg(299, cli, srv, ".", 7, 29, 0),
		seg(308, srv, cli, "F.", 29, 7, 0),
		seg(309, cli, srv, ".", 7, 30, 0),
		seg(325, cli, srv, ".", 7, 30, 0), // the same ACK, a larger window: a window update
		seg(398, cli, srv, "F.", 7, 30, 0),
		seg(399, srv, cli, ".", 30, 8, 0),
	}
	pkts[9].Pkt.Win = 1024
	return calls, pkts
}

// under lists the flags of the packets placed under each call, "" for
// none, and of those on their own before each call, as "(flags)".
func placed(w *Wire) []string {
	var out []string
	for _, st := range w.steps {
		var fs []string
		for _, p := range st.loose {
			fs = append(fs, "("+p.Pkt.Flags+")")
		}
		for _, p := range st.under {
			fs = append(fs, p.Pkt.Flags)
		}
		out = append(out, strings.Join(fs, " "))
	}
	return out
}

func TestPacketsGoUnderTheCallsThatCausedThem(t *testing.T) {
	calls, pkts := exchange()
	w := MatchWire(calls, pkts)
	got := placed(w)
	want := []string{"", "", "S S. .", "", "P. .", "", "P. .", "F. .", "", "(.)", "F. .", "", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("placed:\n got %q\nwant %q", got, want)
	}
	for i, keys := range map[int]string{2: "packet handshake", 4: "packet bare ack", 9: "packet window update", 10: "packet four-way close"} {
		if strings.Join(w.steps[i].explain, ",") != keys {
			t.Errorf("step %d explains %q, want %q", i, w.steps[i].explain, keys)
		}
	}
	if w.steps[4].ack != "7" {
		t.Errorf("the bare ACK's explainer names ack %q, want 7", w.steps[4].ack)
	}
}

func TestResetUnderTheCloseThatLeftBytesUnread(t *testing.T) {
	calls := []trace.Event{
		call(100, "client", "connect", 0),
		call(105, "server", "accept", 0),
		call(120, "server", "send", 28),
		call(150, "client", "recv", 7, func(e *trace.Event) { e.Size = 7 }),
		call(200, "client", "close", 0, func(e *trace.Event) { e.Unread = 21 }),
		call(210, "server", "error", 0, func(e *trace.Event) { e.Call, e.Err = "recv", "connection reset by peer" }),
		call(220, "server", "close", 0),
	}
	pkts := []trace.Event{
		seg(95, cli, srv, "S", 0, 0, 0), seg(96, srv, cli, "S.", 0, 1, 0), seg(97, cli, srv, ".", 1, 1, 0),
		seg(118, srv, cli, "P.", 1, 1, 28), seg(119, cli, srv, ".", 1, 29, 0),
		seg(199, cli, srv, "R.", 1, 29, 0),
	}
	w := MatchWire(calls, pkts)
	if got := placed(w)[4]; got != "R." {
		t.Errorf("under the close: %q, want the RST", got)
	}
	if strings.Join(w.steps[4].explain, ",") != "packet reset" {
		t.Errorf("the close explains %q", w.steps[4].explain)
	}
	for i, s := range placed(w) {
		if i != 4 && strings.Contains(s, "R") {
			t.Errorf("an RST at %d too: %q", i, s)
		}
	}
}

func TestICMPUnderTheDatagramItAnswers(t *testing.T) {
	const closed = "127.0.0.1:9"
	udp := func(e *trace.Event) { e.Key, e.Remote = "udp", closed }
	calls := []trace.Event{
		call(100, "client", "connect", 0, udp),
		call(110, "client", "send", 6, udp),
		call(150, "client", "error", 0, udp, func(e *trace.Event) { e.Call, e.Err = "recv", "connection refused" }),
	}
	pkts := []trace.Event{
		{T: 108, Side: "wire", Op: "packet", Pkt: &trace.Segment{Proto: "udp", Src: cli, Dst: closed, Len: 6}},
		{T: 109, Side: "wire", Op: "packet", Pkt: &trace.Segment{Proto: "icmp", Src: cli, Dst: closed, ICMP: "port unreachable"}},
	}
	w := MatchWire(calls, pkts)
	if len(w.steps[1].under) != 2 {
		t.Fatalf("under the send: %d packets, want the datagram and the ICMP answer", len(w.steps[1].under))
	}
	r := &Renderer{Width: 80, Pal: NewPalette(false)}
	rows := r.WireUnder(w, 1)
	if !strings.HasPrefix(rows[0], "      ─▶ UDP len 6") || !strings.Contains(rows[1], "◀─ ICMP port unreachable") {
		t.Errorf("rows:\n%s", strings.Join(rows, "\n"))
	}
}

func TestRefusedConnectGetsItsSYNAndTheReset(t *testing.T) {
	calls := []trace.Event{{T: 100, Side: "client", Op: "error", Call: "connect", Remote: srv, Err: "connection refused"}}
	pkts := []trace.Event{seg(95, cli, srv, "S", 0, 0, 0), seg(96, srv, cli, "R.", 1, 1, 0)}
	pkts[1].Pkt.Win = 0
	if got := placed(MatchWire(calls, pkts)); got[0] != "S R." {
		t.Errorf("under the failed connect: %q", got[0])
	}
}

// Where one segment carries the bytes of two sends, neither caused it
// alone: it stands on its own row, after both.
func TestASegmentOfTwoSendsStandsOnItsOwn(t *testing.T) {
	calls := []trace.Event{
		call(100, "client", "connect", 0),
		call(200, "client", "send", 3),
		call(201, "client", "send", 4, func(e *trace.Event) { e.Off = 3 }),
		call(300, "server", "recv", 7),
	}
	pkts := []trace.Event{
		seg(95, cli, srv, "S", 0, 0, 0), seg(96, srv, cli, "S.", 0, 1, 0), seg(97, cli, srv, ".", 1, 1, 0),
		seg(199, cli, srv, "P.", 1, 1, 7), seg(199, srv, cli, ".", 1, 8, 0),
	}
	got := placed(MatchWire(calls, pkts))
	if got[1] != "" || got[2] != "" || got[3] != "(P.) (.)" {
		t.Errorf("placed %q: the segment and its ACK belong to no one send", got)
	}
}

// bulk is a lesson-2-like run: a measure recorded after quiet transfers
// (no calls of their own) on connections no call names.
func bulk() (calls, pkts []trace.Event) {
	calls = []trace.Event{
		{T: 50, Side: "client", Op: "note", Key: "bytes-vs-chars"},
		{T: 10000, Side: "client", Op: "measure", Key: "bulk", Size: 1024, Count: 2000, N: 2000000, Dur: 8000},
	}
	for c, port := range []string{"127.0.0.1:40001", "127.0.0.1:40002"} {
		at := int64(100 + 5000*c)
		pkts = append(pkts, seg(at, port, srv, "S", 0, 0, 0), seg(at+1, srv, port, "S.", 0, 1, 0), seg(at+2, port, srv, ".", 1, 1, 0))
		for i := 0; i < 15; i++ {
			pkts = append(pkts, seg(at+10+int64(i), srv, port, ".", 1+uint32(i)*65483, 1, 65483),
				seg(at+10+int64(i), port, srv, ".", 1, 1+uint32(i+1)*65483, 0))
		}
		pkts = append(pkts, seg(at+100, srv, port, "P.", 1+15*65483, 1, 1000))
	}
	return calls, pkts
}

func TestBulkTransferSummedUpNotListed(t *testing.T) {
	calls, pkts := bulk()
	pkts = append(pkts, trace.Event{T: 10001, Side: "wire", Op: "note", Key: "packets dropped", Vals: map[string]string{"dropped": "12"}})
	w := MatchWire(calls, pkts)
	if n := len(w.steps[1].bulk); n != len(pkts)-1 {
		t.Fatalf("the measure sums up %d packets, want %d", n, len(pkts)-1)
	}
	r := &Renderer{Width: 80, Pal: NewPalette(false)}
	text := strings.Join(r.WireUnder(w, 1), "\n")
	for _, want := range []string{"68 packets of 2 connections", "32 segments with data: 30 of 65483 bytes, 2 of 1000 bytes",
		"32 ACKs with no data; SYN 4", "missed 12 packets"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	if rows := r.WireBefore(w, 1); len(rows) != 0 {
		t.Errorf("packets listed on their own too:\n%s", strings.Join(rows, "\n"))
	}
}

// stepRow matches a step's row in a transcript: its number, then text.
var stepRow = regexp.MustCompile(`(?m)^ +(\d+) (.*)$`)

func TestPacketsShiftNoStepNumber(t *testing.T) {
	calls, pkts := exchange()
	calls = numbered(calls)
	all := append(append([]trace.Event(nil), calls...), pkts...)
	r := &Renderer{Width: 80, Pal: NewPalette(false), NoHex: true}
	var without, with bytes.Buffer
	r.Transcript(&without, 0, "watched", calls, nil)
	r.Transcript(&with, 0, "watched", all, nil)
	rows := func(s string) (out []string) {
		for _, m := range stepRow.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1]+" "+m[2])
		}
		return out
	}
	if a, b := rows(without.String()), rows(with.String()); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("steps without packets:\n%s\nwith:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	for _, want := range []string{
		"  3 connect(127.0.0.1:8000)\n      ─▶ S   seq 0 win 65495 len 0\n      ◀─ S.  seq 0 ack 1 win 65483 len 0\n      ─▶ .   seq 1 ack 1 win 65536 len 0\n      ⓘ The three-way handshake",
		"    ┊ ─▶ .   seq 7 ack 30 win 1024 len 0\n", "ⓘ A window update",
		"◀─ F.  seq 29 ack 7 win 65536 len 0",
	} {
		if !strings.Contains(with.String(), want) {
			t.Errorf("no %q in:\n%s", want, with.String())
		}
	}
	if testing.Verbose() {
		t.Log("\n" + with.String())
	}
}

func TestWithoutPacketsNothingChanges(t *testing.T) {
	calls, _ := exchange()
	if c, w := SplitWire(calls); &c[0] != &calls[0] || w != nil || MatchWire(c, w) != nil {
		t.Error("a run without packets is split or matched")
	}
	r := &Renderer{Width: 80, Pal: NewPalette(false)}
	if r.WireBefore(nil, 0) != nil || r.WireUnder(nil, 0) != nil || r.WireNotes(nil, 0) != nil || r.WireEnd(nil) != nil {
		t.Error("rows without packets")
	}
}

func TestDiagramGainsPacketArrows(t *testing.T) {
	calls, pkts := exchange()
	all := append(numbered(calls), pkts...)
	r := &Renderer{Width: 80, Pal: NewPalette(false)}
	plain := strings.Join(r.Diagram(calls, 0), "\n")
	text := strings.Join(r.Diagram(all, 0), "\n")
	if strings.Contains(plain, "┄") || strings.Count(text, "┄ S.  seq 0") != 1 || !strings.Contains(text, "◀┄") {
		t.Errorf("diagram:\n%s", text)
	}
	small := r.Diagram(all, 12)
	if len(small) > 12 || !strings.Contains(strings.Join(small, "\n"), "12 packet arrows left out") {
		t.Errorf("a diagram to fit 12 rows:\n%s", strings.Join(small, "\n"))
	}
	var m bytes.Buffer
	Mermaid(&m, "", all)
	if !strings.Contains(m.String(), "client-->>server: S   seq 0 win 65495 len 0") || !strings.Contains(m.String(), "server-->>client: S.") {
		t.Errorf("mermaid:\n%s", m.String())
	}
	if testing.Verbose() {
		t.Log("\n" + text + "\n" + m.String())
	}
}

func TestPacketRowsFitTheWidth(t *testing.T) {
	calls, pkts := exchange()
	b1, b2 := bulk()
	for _, width := range []int{60, 80} {
		r := &Renderer{Width: width, Pal: NewPalette(false)}
		for _, run := range [][2][]trace.Event{{calls, pkts}, {b1, b2}} {
			w := MatchWire(run[0], run[1])
			for i := range w.steps {
				for _, l := range append(append(r.WireBefore(w, i), r.WireUnder(w, i)...), r.WireNotes(w, i)...) {
					if Width(l) > width {
						t.Errorf("%d columns: %q is %d wide", width, l, Width(l))
					}
				}
			}
		}
	}
}
