package capture

import (
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// Wire is a capture that Begin set up: Run captures around each run of
// the lesson.
type Wire struct {
	Events bool   // record each packet as a "packet" event
	Pcap   string // the pcap file to write, from the first run; "" for none
	tap    tap    // the capture, open while the command runs
	host   bool   // on the host's loopback: keep only the run's own ports
	wrote  bool
	// Dropped counts, after a run, the packets the capture missed: the
	// system dropped them because the capture could not keep up, or they
	// came past MaxPackets. With Events, a note (Side "wire", Key
	// "packets dropped", Vals["dropped"]) says it in the run.
	Dropped int
}

// Run runs the lesson (fn, which records on rec) with the capture on,
// then records the packets it caused on rec, each at the time it was
// captured, and writes the pcap file. A nil Wire just runs fn.
func (w *Wire) Run(rec *trace.Recorder, fn func() error) error {
	if w == nil || w.tap == nil {
		return fn()
	}
	var pcap *os.File
	if w.Pcap != "" && !w.wrote {
		f, err := os.Create(w.Pcap)
		if err != nil {
			return fmt.Errorf("pcap: %w", err)
		}
		pcap = f
		defer pcap.Close()
	}
	keep := HeaderSnap // what the segments are decoded from
	if pcap != nil {
		keep = SnapLen
	}
	w.tap.begin(keep)
	runErr := fn()
	pkts, drops, err := w.tap.cut()
	if runErr != nil {
		return runErr
	}
	if err != nil {
		return fmt.Errorf("capture: %w", err)
	}
	w.Dropped = drops
	kept, segs := w.decode(pkts, rec.Events())
	inTimeOrder(kept, segs)
	if w.Events {
		for i, s := range segs {
			rec.RecordAt(trace.Event{Side: "wire", Op: "packet", Pkt: &s}, kept[i].Time)
		}
		if drops > 0 { // never a silent gap
			rec.Add(trace.Event{Side: "wire", Op: "note", Key: "packets dropped",
				Vals: map[string]string{"dropped": strconv.Itoa(drops)}})
		}
	}
	if pcap != nil {
		w.wrote = true
		if err := WritePcap(pcap, kept); err != nil {
			return fmt.Errorf("pcap: %w", err)
		}
		return pcap.Close()
	}
	return nil
}

// inTimeOrder puts the frames (and their segments), which come in the
// order they reached the capture, in the order of their stamps, as
// tcpdump's file would have them. On a machine of several CPUs frames of
// different connections reach the capture a little out of their stamps'
// order. Within one connection the order they came in is the order they
// were sent in (each is taken before the system answers it), and it is
// kept whatever the stamps say: a stamp earlier than the one before it in
// its connection is raised to that one's, so that no sort can put a
// connection's data before its SYN.
func inTimeOrder(kept []Packet, segs []trace.Segment) {
	last := map[string]time.Time{} // by connection, either direction
	for i, s := range segs {
		conn := s.Src + " " + s.Dst
		if s.Dst < s.Src {
			conn = s.Dst + " " + s.Src
		}
		if t, ok := last[conn]; ok && kept[i].Time.Before(t) {
			kept[i].Time = t
		}
		last[conn] = kept[i].Time
	}
	order := make([]int, len(kept))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return kept[a].Time.Compare(kept[b].Time) })
	k, sg := slices.Clone(kept), slices.Clone(segs)
	for to, from := range order {
		kept[to], segs[to] = k[from], sg[from]
	}
}

// decode turns the frames into segments, keeping those of the run: on
// the host's loopback, those whose two ports the run's calls used.
func (w *Wire) decode(pkts []Packet, events []trace.Event) ([]Packet, []trace.Segment) {
	var ports map[string]bool
	if w.host {
		ports = map[string]bool{}
		for _, e := range events {
			for _, a := range []string{e.Local, e.Remote} {
				if _, p, err := net.SplitHostPort(a); err == nil && p != "0" {
					ports[p] = true
				}
			}
		}
	}
	d := newDecoder()
	var kept []Packet
	var segs []trace.Segment
	for _, p := range pkts {
		s, ok := d.segment(p)
		if !ok || ports != nil && !(ports[port(s.Src)] && ports[port(s.Dst)]) {
			continue
		}
		kept = append(kept, p)
		segs = append(segs, s)
	}
	return kept, segs
}

func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}

// Close stops the capture. A nil Wire has none.
func (w *Wire) Close() {
	if w != nil && w.tap != nil {
		w.tap.close()
		w.tap = nil
	}
}

// tap is a running capture: begin starts keeping a run's packets (the
// first keep bytes of each), cut
// ends it and returns them with how many were missed; stream hands each
// packet on as it comes instead, until unstream.
type tap interface {
	begin(keep int)
	cut() (pkts []Packet, missed int, err error)
	stream(fn func(Packet))
	unstream() (missed int)
	close()
}
