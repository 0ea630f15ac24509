package render

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// TestFailuresAreExplainedByTheirSystemError: a failure's explainer comes
// from its system error where the event names one, whatever the words
// (Windows says them in its own language); from the words for a
// recording that names none; and a refusal on a UDP socket, which
// Windows reports as WSAECONNRESET, gets the datagram's explainer.
func TestFailuresAreExplainedByTheirSystemError(t *testing.T) {
	for _, c := range []struct {
		e    trace.Event
		want string
	}{
		{trace.Event{Op: "error", Err: "由于目标计算机积极拒绝，无法连接。", Errno: "WSAECONNREFUSED"}, "refused"},
		{trace.Event{Op: "error", Err: "connection refused", Errno: "ECONNREFUSED"}, "refused"},
		{trace.Event{Op: "error", Err: "connection reset by peer"}, "reset"},
		{trace.Event{Op: "error", Err: "远程主机强迫关闭了一个现有的连接。", Errno: "WSAECONNRESET"}, "reset"},
		{trace.Event{Op: "error", Key: "udp", Err: "远程主机强迫关闭了一个现有的连接。", Errno: "WSAECONNRESET"}, "refused-udp"},
		{trace.Event{Op: "error", Key: "udp", Err: "connection refused", Errno: "ECONNREFUSED"}, "refused-udp"},
		{trace.Event{Op: "error", Err: "i/o timeout"}, "timeout"},
		{trace.Event{Op: "error", Err: "something else", Errno: "EIO"}, ""},
	} {
		if got := failureKey(c.e); got != c.want {
			t.Errorf("%s %q (%s): %q, want %q", c.e.Key, c.e.Err, c.e.Errno, got, c.want)
		}
	}
}

// TestTallyCountsRetransmissions: a data segment seen a second time, the
// same direction, sequence number and length, is counted as sent again;
// one that only came out of order is not.
func TestTallyCountsRetransmissions(t *testing.T) {
	seg := func(seq uint32, n int) trace.Event {
		return trace.Event{Op: "packet", Pkt: &trace.Segment{Proto: "tcp", Src: "a", Dst: "b", Flags: ".", Seq: seq, Len: n}}
	}
	c := tallyOf([]trace.Event{seg(1, 100), seg(201, 100), seg(101, 100), seg(201, 100)})
	if c.data != 4 || c.again != 1 {
		t.Errorf("data %d, again %d: want 4 and 1", c.data, c.again)
	}
}
