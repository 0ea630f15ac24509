//go:build linux

package capture

import (
	"bytes"
	"context"
	"errors"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/trace"
)

// inPrivateNet runs the calling test again, alone, in a private network
// of its own (this test binary started again through reexec, as `run
// --packets` starts socktour), and there returns a Wire capturing on its
// loopback (through a ring if ring is set); outside it returns nil once
// that run has passed, and skips where no such network can be made.
func inPrivateNet(t *testing.T, ring bool) *Wire {
	t.Helper()
	if fd := os.Getenv(envChild); fd != "" {
		tp, err := childSetup(fd, ring)
		if err != nil {
			t.Fatalf("set up the private network: %v", err)
		}
		w := &Wire{Events: true, tap: tp}
		t.Cleanup(w.Close)
		return w
	}
	var out bytes.Buffer
	code, err := reexec(context.Background(), Request{Out: &out, Err: &out,
		Args: []string{"-test.run=^" + t.Name() + "$", "-test.count=1", "-test.v"}})
	var no errNoNamespace
	if errors.As(err, &no) {
		t.Skipf("no private network here: %v", err)
	}
	if err != nil || code != 0 || !strings.Contains(out.String(), "--- PASS: "+t.Name()) {
		t.Errorf("in the private network: exit %d, %v\n%s", code, err, out.String())
	}
	return nil
}

// runCaptured runs lesson n with w capturing and returns its events.
func runCaptured(t *testing.T, n int, w *Wire) []trace.Event {
	t.Helper()
	l, ok := lessons.Get(n)
	if !ok {
		t.Fatalf("no lesson %d", n)
	}
	rec := trace.NewRecorder()
	if err := w.Run(rec, func() error { return l.Run(context.Background(), rec) }); err != nil {
		t.Fatalf("lesson %d: %v", n, err)
	}
	return rec.Events()
}

// packets returns the packets of the packet events, in time order.
func packets(events []trace.Event) []*trace.Segment {
	var out []*trace.Segment
	for _, e := range trace.Causal(events) {
		if e.Op == "packet" && e.Side == "wire" && e.Pkt != nil {
			out = append(out, e.Pkt)
		}
	}
	return out
}

// clientAddrs are the addresses the client's connects were made from.
func clientAddrs(events []trace.Event) map[string]bool {
	out := map[string]bool{}
	for _, e := range events {
		if e.Op == "connect" && strings.HasPrefix(e.Side, "client") {
			out[e.Local] = true
		}
	}
	return out
}

func TestLesson1BeginsWithTheHandshake(t *testing.T) {
	w := inPrivateNet(t, false)
	if w == nil {
		return
	}
	events := runCaptured(t, 1, w)
	pkts := packets(events)
	if len(pkts) < 3 {
		t.Fatalf("%d packets, want the handshake at least", len(pkts))
	}
	cli := clientAddrs(events)
	syn, synAck, ack := pkts[0], pkts[1], pkts[2]
	if syn.Flags != "S" || !cli[syn.Src] || synAck.Flags != "S." || synAck.Dst != syn.Src ||
		ack.Flags != "." || ack.Src != syn.Src || ack.Seq != 1 || ack.Ack != 1 {
		t.Errorf("the run begins %+v, %+v, %+v; want SYN, SYN-ACK, ACK", *syn, *synAck, *ack)
	}
	// After the handshake the window is in bytes, scaled as both SYNs
	// agreed (Linux's loopback sends a header value of 64 or so, with a
	// scale of 10): as Wireshark shows it, not the header's raw value.
	if ack.Win < 4096 {
		t.Errorf("the handshake's ACK advertises a window of %d: the header's value, unscaled", ack.Win)
	}
	// No packet counted twice: the payload each way adds up to the bytes
	// the calls sent, and no two packets are the same.
	sent := map[string]int{}
	for _, e := range events {
		if e.Op == "send" {
			sent[e.Local+">"+e.Remote] += e.N
		}
	}
	carried := map[string]int{}
	seen := map[trace.Segment]bool{}
	for _, p := range pkts {
		carried[p.Src+">"+p.Dst] += p.Len
		if seen[*p] {
			t.Errorf("packet %+v captured twice", *p)
		}
		seen[*p] = true
	}
	for dir, n := range sent {
		if carried[dir] != n {
			t.Errorf("%s: the calls sent %d bytes, the packets carried %d", dir, n, carried[dir])
		}
	}
}

func TestLesson3ClientResetsAndSendsNoFIN(t *testing.T) {
	w := inPrivateNet(t, false)
	if w == nil {
		return
	}
	events := runCaptured(t, 3, w)
	cli := clientAddrs(events)
	resets, fins := 0, 0
	for _, p := range packets(events) {
		if !cli[p.Src] || p.Proto != "tcp" {
			continue
		}
		if strings.Contains(p.Flags, "R") {
			resets++
		}
		if strings.Contains(p.Flags, "F") {
			fins++
		}
	}
	if resets == 0 || fins != 0 {
		t.Errorf("the client sent %d RST and %d FIN, want an RST and no FIN", resets, fins)
	}
}

func TestLesson8HalfCloseSendsOneFINBeforeTheLastData(t *testing.T) {
	w := inPrivateNet(t, false)
	if w == nil {
		return
	}
	events := runCaptured(t, 8, w)
	cli := clientAddrs(events)
	fin, lastData := -1, -1
	fins := 0
	for i, p := range packets(events) {
		switch {
		case cli[p.Src] && strings.Contains(p.Flags, "F"):
			fins++
			fin = i
		case cli[p.Dst] && p.Len > 0:
			lastData = i
		}
	}
	if fins != 1 || fin < 0 || lastData < fin {
		t.Errorf("the client sent %d FIN (at packet %d), the server's last data at %d: want one FIN before it", fins, fin, lastData)
	}
}

func TestPcapHoldsTheSamePackets(t *testing.T) {
	w := inPrivateNet(t, false)
	if w == nil {
		return
	}
	file := t.TempDir() + "/run.pcap"
	w.Pcap = file
	want := packets(runCaptured(t, 5, w))
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pkts, err := ReadPcap(f)
	if err != nil {
		t.Fatal(err)
	}
	d, short := newDecoder(), newDecoder()
	icmp := 0
	for i, p := range pkts {
		s, ok := d.segment(p)
		if !ok || i >= len(want) || s != *want[i] {
			t.Fatalf("pcap packet %d is %+v (%v), want %+v", i, s, ok, want[min(i, len(want)-1)])
		}
		// A run without a pcap file keeps HeaderSnap bytes of each frame:
		// they must say the same.
		cut := p
		cut.Data = p.Data[:min(len(p.Data), HeaderSnap)]
		if c, _ := short.segment(cut); c != s {
			t.Errorf("packet %d cut at %d bytes decodes as %+v, whole as %+v", i, HeaderSnap, c, s)
		}
		if s.ICMP == "port unreachable" {
			icmp++
		}
		if i > 0 && p.Time.Before(pkts[i-1].Time) {
			t.Errorf("pcap packet %d is stamped %v, before the one ahead of it (%v)", i, p.Time, pkts[i-1].Time)
		}
	}
	if len(pkts) != len(want) || icmp == 0 {
		t.Errorf("the pcap holds %d packets (%d ICMP port unreachable), the run %d", len(pkts), icmp, len(want))
	}
}

// TestLesson2RingMissesNothing runs lesson 2's bulk transfers through the
// ring, as `run 2 --packets` does, and checks that no packet was missed:
// the system dropped none, each direction's segments cover every byte up
// to its FIN, and each measured transfer is one connection's whole.
func TestLesson2RingMissesNothing(t *testing.T) {
	w := inPrivateNet(t, true)
	if w == nil {
		return
	}
	events := runCaptured(t, 2, w)
	if w.Dropped != 0 {
		t.Errorf("the system dropped %d packets", w.Dropped)
	}
	type span struct{ from, to uint32 }
	spans := map[string][]span{} // each direction's payloads, "src>dst"
	fin := map[string]uint32{}   // where its FIN stands
	for _, p := range packets(events) {
		if p.Proto != "tcp" {
			continue
		}
		dir := p.Src + ">" + p.Dst
		if p.Len > 0 {
			spans[dir] = append(spans[dir], span{p.Seq, p.Seq + uint32(p.Len)})
		}
		if strings.Contains(p.Flags, "F") {
			fin[dir] = p.Seq + uint32(p.Len)
		}
	}
	if len(spans) == 0 {
		t.Fatal("no TCP packets captured")
	}
	whole := map[int]bool{} // the payload sizes of the directions
	for dir, f := range fin {
		if spans[dir] == nil { // a FIN with no data before it
			spans[dir] = []span{{1, f}}
		}
	}
	for dir, ss := range spans {
		sort.Slice(ss, func(i, j int) bool { return ss[i].from < ss[j].from })
		end := uint32(1) // the first byte not yet seen
		for _, s := range ss {
			if s.from > end {
				t.Errorf("%s: bytes %d to %d are missing", dir, end, s.from-1)
			}
			end = max(end, s.to)
		}
		if f, ok := fin[dir]; !ok || f != end {
			t.Errorf("%s: payload up to %d, its FIN at %d (seen %v)", dir, end-1, f, ok)
		}
		whole[int(end-1)] = true
	}
	measured := 0
	for _, e := range events {
		if e.Op == "measure" {
			measured++
			if !whole[e.N] {
				t.Errorf("the %d-byte reads' transfer of %d bytes is not one connection's payload", e.Size, e.N)
			}
		}
	}
	if measured != 3 {
		t.Errorf("%d measurements, want 3", measured)
	}
}
