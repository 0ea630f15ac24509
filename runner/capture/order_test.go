package capture

import (
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// TestTimeOrderKeepsEachConnectionsOwn: frames are put in the order of
// their stamps across connections, but a connection's own stay in the
// order they came in, whatever their stamps say (a stamp earlier than
// its connection's last is raised to it).
func TestTimeOrderKeepsEachConnectionsOwn(t *testing.T) {
	at := func(us int) time.Time { return time.Unix(0, int64(us)*1000) }
	seg := func(src, dst, flags string) trace.Segment {
		return trace.Segment{Proto: "tcp", Src: src, Dst: dst, Flags: flags}
	}
	const a, b, c = "127.0.0.1:1000", "127.0.0.1:2000", "127.0.0.1:3000"
	// As they came in: a's SYN, a's SYN-ACK stamped earlier than the
	// SYN, then c's SYN, stamped before both.
	kept := []Packet{{Time: at(50)}, {Time: at(30)}, {Time: at(10)}}
	segs := []trace.Segment{seg(a, b, "S"), seg(b, a, "S."), seg(c, b, "S")}
	inTimeOrder(kept, segs)
	want := []string{c + " S", a + " S", b + " S."}
	for i, s := range segs {
		if got := s.Src + " " + s.Flags; got != want[i] {
			t.Errorf("frame %d: %s, want %s", i, got, want[i])
		}
	}
	if !kept[2].Time.Equal(at(50)) || !kept[0].Time.Equal(at(10)) {
		t.Errorf("stamps %v, want the SYN-ACK raised to its SYN's 50 µs and c's left at 10", kept)
	}
}
