package render

import (
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// TestUDPRefusalIsNotAHandshake checks that "connection refused" on a
// UDP socket is explained as the ICMP answer to a datagram, that a read
// with nothing queued is explained, and that a connected UDP socket's
// send is shown as a datagram, not as bytes of a stream.
func TestUDPRefusalIsNotAHandshake(t *testing.T) {
	a := NewAnalyzer(0)
	send := a.Info(trace.Event{Seq: 1, Side: "client", Op: "send", N: 6, Local: "A", Remote: "B", Key: "udp", Hex: []byte("你好")})
	if !strings.HasPrefix(send.Stream, "one datagram to") {
		t.Errorf("a connected UDP send is shown as %q", send.Stream)
	}
	udp := a.Info(trace.Event{Seq: 2, Side: "client", Op: "error", Call: "recv", Err: "connection refused", Local: "A", Remote: "B", Key: "udp"})
	if len(udp.Explain) != 1 || !strings.Contains(udp.Explain[0], "ICMP") || strings.Contains(udp.Explain[0], "handshake with a reset") {
		t.Errorf("a UDP refusal is explained as %q", udp.Explain)
	}
	tcp := a.Info(trace.Event{Seq: 3, Side: "client", Op: "error", Call: "connect", Err: "connection refused", Remote: "B"})
	if len(tcp.Explain) != 1 || !strings.Contains(tcp.Explain[0], "handshake with a reset") {
		t.Errorf("a refused connect is explained as %q", tcp.Explain)
	}
	none := a.Info(trace.Event{Seq: 4, Side: "client", Op: "error", Call: "recvfrom", Err: "resource temporarily unavailable", Local: "C", Key: "udp"})
	if len(none.Explain) != 1 || !strings.Contains(none.Explain[0], "BlockingIOError") {
		t.Errorf("a read with nothing queued is explained as %q", none.Explain)
	}
}
