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
