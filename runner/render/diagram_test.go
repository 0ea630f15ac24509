package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// resetRun is lesson 3's exchange: the server sends 28 bytes, the client
// reads 7 and closes with 21 unread (a reset), the server's read fails
// with the reset and it closes.
func resetRun() []trace.Event {
	c, s := "127.0.0.1:2", "127.0.0.1:1"
	return []trace.Event{
		{Seq: 1, Side: "server", Op: "listen", Local: s},
		{Seq: 2, Side: "client", Op: "connect", Local: c, Remote: s},
		{Seq: 3, Side: "server", Op: "accept", Local: s, Remote: c},
		{Seq: 4, Side: "server", Op: "send", Local: s, Remote: c, N: 28, Hex: []byte("Socket Programming in Python")},
		{Seq: 5, Side: "client", Op: "recv", Local: c, Remote: s, N: 7, Size: 7, Hex: []byte("Socket ")},
		{Seq: 6, Side: "client", Op: "close", Local: c, Remote: s, Unread: 21},
		{Seq: 7, Side: "server", Op: "error", Call: "recv", Local: s, Remote: c, Err: "read: connection reset by peer"},
		{Seq: 8, Side: "server", Op: "close", Local: s, Remote: c},
	}
}

func plainRenderer() *Renderer { return &Renderer{Width: 80, Pal: NewPalette(false)} }

// TestDiagramNoFINAfterReset: once a reset tore the connection down, the
// server's close sends nothing, and neither diagram draws a FIN for it.
func TestDiagramNoFINAfterReset(t *testing.T) {
	lines := plainRenderer().Diagram(resetRun(), 0)
	text := strings.Join(lines, "\n")
	if !strings.Contains(text, "RST") {
		t.Fatalf("no reset drawn:\n%s", text)
	}
	if strings.Contains(text, "FIN") {
		t.Errorf("a FIN drawn after the reset:\n%s", text)
	}
	var m bytes.Buffer
	Mermaid(&m, "", resetRun())
	if strings.Contains(m.String(), "FIN") {
		t.Errorf("Mermaid draws a FIN after the reset:\n%s", m.String())
	}
}

// TestDiagramLabelsClearOfLanes: a note against a lane (the server's
// failed read, the listening address) is set off from the lane's name,
// never run into it.
func TestDiagramLabelsClearOfLanes(t *testing.T) {
	lines := plainRenderer().Diagram(resetRun(), 0)
	found := 0
	for _, l := range lines {
		for _, label := range []string{"reset by peer", "listening on 127.0.0.1:1"} {
			if !strings.Contains(l, label) {
				continue
			}
			found++
			if !strings.Contains(l, label+" ┤ server") {
				t.Errorf("label not set off from the lane: %q", l)
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of 2 notes:\n%s", found, strings.Join(lines, "\n"))
	}
}

// TestDiagramReceivedAtTheReceiver: how a send was read is written at the
// end that read it: the client's reads against the client's arrow head,
// the server's in the column by the server.
func TestDiagramReceivedAtTheReceiver(t *testing.T) {
	c, s := "127.0.0.1:2", "127.0.0.1:1"
	events := []trace.Event{
		{Seq: 1, Side: "client", Op: "connect", Local: c, Remote: s},
		{Seq: 2, Side: "server", Op: "accept", Local: s, Remote: c},
		{Seq: 3, Side: "client", Op: "send", Local: c, Remote: s, N: 5, Hex: []byte("hello")},
		{Seq: 4, Side: "server", Op: "recv", Local: s, Remote: c, N: 5, Size: 1024, Hex: []byte("hello")},
		{Seq: 5, Side: "server", Op: "send", Local: s, Remote: c, N: 28, Hex: []byte("Socket Programming in Python")},
		{Seq: 6, Side: "client", Op: "recv", Local: c, Remote: s, N: 7, Size: 7, Hex: []byte("Socket ")},
	}
	var toServer, toClient string
	for _, l := range plainRenderer().Diagram(events, 0) {
		switch {
		case strings.Contains(l, `"hello"`):
			toServer = l
		case strings.Contains(l, "28 bytes"):
			toClient = l
		}
	}
	if i, j := strings.Index(toServer, "┤ server"), strings.Index(toServer, "read 5"); i < 0 || j < i {
		t.Errorf("the server's read is not by the server: %q", toServer)
	}
	head, got, label := strings.Index(toClient, "◀"), strings.Index(toClient, "read 7, 21 never read"), strings.Index(toClient, "28 bytes")
	if head < 0 || got < head || label < got || strings.Contains(toClient[strings.Index(toClient, "┤"):], "read") {
		t.Errorf("the client's read is not at the client's end: %q", toClient)
	}
}

// TestDiagramShowsTheHalfClose: after a side shuts down its sending half
// and still reads, the diagram says it is half-closed; after a plain
// close it says nothing of the kind.
func TestDiagramShowsTheHalfClose(t *testing.T) {
	c, s := "127.0.0.1:2", "127.0.0.1:1"
	events := []trace.Event{
		{Seq: 1, Side: "client", Op: "connect", Local: c, Remote: s},
		{Seq: 2, Side: "server", Op: "accept", Local: s, Remote: c},
		{Seq: 3, Side: "client", Op: "shutdown", Local: c, Remote: s},
		{Seq: 4, Side: "server", Op: "recv", Local: s, Remote: c, Size: 1024, EOF: true},
		{Seq: 5, Side: "server", Op: "send", Local: s, Remote: c, N: 6, Hex: []byte("再见")},
		{Seq: 6, Side: "client", Op: "recv", Local: c, Remote: s, N: 6, Size: 1024, Hex: []byte("再见")},
	}
	text := strings.Join(plainRenderer().Diagram(events, 0), "\n")
	if !strings.Contains(text, "half-closed") {
		t.Errorf("no half-close shown:\n%s", text)
	}
	if text := strings.Join(plainRenderer().Diagram(resetRun(), 0), "\n"); strings.Contains(text, "half-closed") {
		t.Errorf("a close shown as a half-close:\n%s", text)
	}
}
