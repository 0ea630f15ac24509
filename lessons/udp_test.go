package lessons

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func lesson5(t *testing.T, ev []trace.Event) {
	for _, e := range ev {
		if e.Op == "listen" || e.Op == "accept" || e.Op == "connect" {
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
	// To nobody: the sendto succeeded; the wait for an answer timed out.
	last := sends[len(sends)-1]
	if last.N != 6 {
		t.Errorf("sendto to nobody: %+v", last)
	}
	errs := calls(ev, "client", "error")
	if len(errs) != 1 || errs[0].Call != "recvfrom" || errs[0].Err != "i/o timeout" {
		t.Errorf("client errors %+v, want only the unanswered recvfrom's timeout", errs)
	}
}
