package lessons

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func lesson5(t *testing.T, ev []trace.Event) {
	for _, e := range ev {
		if e.Op == "listen" || e.Op == "accept" || e.Op == "connect" && e.Key != "udp" {
			t.Errorf("UDP lesson made a %s: %+v", e.Op, e)
		}
	}
	sends := calls(ev, "client", "sendto")
	got := calls(ev, "server", "recvfrom")
	if len(got) != 4 || len(sends) != 5 {
		t.Fatalf("%d client sendto, %d server recvfrom; want 5 and 4", len(sends), len(got))
	}
	clientAddrs := map[string]bool{}
	for _, b := range calls(ev, "client", "bind") {
		clientAddrs[b.Local] = true
	}
	for _, r := range got {
		if !clientAddrs[r.Remote] || r.Size != 1024 {
			t.Errorf("recvfrom %+v: want recvfrom(1024) reporting the client's address", r)
		}
	}
	// Two sendto calls, two datagrams: reads 2 and 3 are 你好 and 再见, apart.
	if string(got[1].Hex) != "你好" || string(got[2].Hex) != "再见" {
		t.Errorf("two datagrams read as %q and %q", got[1].Hex, got[2].Hex)
	}
	// Every answer goes back to the address recvfrom gave.
	for i, s := range calls(ev, "server", "sendto") {
		if s.Remote != got[i].Remote || string(s.Hex) != "欢迎" {
			t.Errorf("answer %d: %+v, want 欢迎 to %s", i, s, got[i].Remote)
		}
	}
	// The cut datagram: 4 of its 6 bytes, and the system said so.
	reads := calls(ev, "client", "recvfrom")
	cut := reads[len(reads)-1]
	if cut.Size != 4 || cut.N != 4 || !cut.Trunc || string(cut.Hex) != "欢\xe8" {
		t.Errorf("small-buffer read %+v, want 4 bytes reported cut", cut)
	}
	for _, r := range reads[:len(reads)-1] {
		if r.Trunc {
			t.Errorf("read %+v reported cut", r)
		}
	}
	// To nobody, unconnected: the sendto succeeded.
	last := sends[len(sends)-1]
	if last.N != 6 {
		t.Errorf("sendto to nobody: %+v", last)
	}
	// Connected: connect and send to the same port succeeded, and the
	// next recv failed at once with the refusal; then the unconnected
	// socket found nothing queued, without waiting. No deadline ran out.
	conn := calls(ev, "client", "connect")
	send := calls(ev, "client", "send")
	if len(conn) != 1 || conn[0].Key != "udp" || conn[0].Remote != last.Remote {
		t.Fatalf("connect %+v, want one UDP connect to %s", conn, last.Remote)
	}
	if len(send) != 1 || send[0].N != 6 || send[0].Remote != last.Remote || send[0].Local != conn[0].Local {
		t.Errorf("connected send %+v, want 6 bytes to %s", send, last.Remote)
	}
	errs := calls(ev, "client", "error")
	if len(errs) != 2 || errs[0].Call != "recv" || errs[0].Err != "connection refused" ||
		errs[0].Local != conn[0].Local || errs[0].Key != "udp" {
		t.Fatalf("client errors %+v, want the connected recv refused first", errs)
	}
	if errs[1].Call != "recvfrom" || errs[1].Err != "resource temporarily unavailable" || errs[1].Local != last.Local {
		t.Errorf("client errors %+v, want the unconnected socket's read to find nothing queued", errs)
	}
	if !(last.Seq < send[0].Seq && send[0].Seq < errs[0].Seq && errs[0].Seq < errs[1].Seq) {
		t.Errorf("order: sendto %d, send %d, refused %d, nothing queued %d", last.Seq, send[0].Seq, errs[0].Seq, errs[1].Seq)
	}
}
