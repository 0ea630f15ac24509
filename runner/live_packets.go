package runner

import (
	"fmt"
	"net"
	"strconv"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/capture"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// livePackets shows the packets of serve's and watch's connections as
// they come, each on a row of its own (┊) between the calls: nothing can
// wait for a call to be over to put its packets under it. anchor is the
// address serve or the relay listens on, drawn in the server's lane.
type livePackets struct {
	out    *live
	anchor trace.Event
	also   func(trace.Event) // when set, each packet goes there too: watch's recording
}

// packet is the stream's hook: one packet's row, printed between the
// live view's lines, never inside one.
func (p *livePackets) packet(e trace.Event) {
	if p.also != nil {
		p.also(e)
	}
	e.T = p.anchor.T + 1
	w := render.MatchWire([]trace.Event{p.anchor}, []trace.Event{e})
	l := p.out
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.started {
		return
	}
	for _, lines := range [][]string{l.r.WireBefore(w, 0), l.r.WireUnder(w, 0), l.r.WireEnd(w)} {
		for _, x := range lines {
			fmt.Fprintln(l.w, x)
		}
	}
}

// streamPackets starts streaming wire's packets to and from ports (the
// server's or relay's own) into out, listening at listen, and to also
// when it is not nil. It returns the
// function that stops the stream and says, on io.Err, what it could not
// do: the pcap file's error, the packets the system dropped.
func streamPackets(io *IO, wire *capture.Wire, out *live, listen string, also func(trace.Event), ports ...string) func() {
	if wire == nil {
		return func() {}
	}
	own := map[string]bool{}
	for _, p := range ports {
		own[p] = true
	}
	keep := func(src, dst string) bool { return own[portOf(src)] || own[portOf(dst)] }
	lp := &livePackets{out: out, anchor: trace.Event{Side: "server", Op: "listen", Local: listen}, also: also}
	st, err := wire.Stream(keep, lp.packet)
	if err != nil {
		fmt.Fprintf(io.Err, "socktour: %v\n", err)
		return func() {}
	}
	return func() {
		_, dropped, err := st.Stop()
		if err != nil {
			fmt.Fprintf(io.Err, "socktour: %v\n", err)
		}
		if dropped > 0 { // never a silent gap
			fmt.Fprintln(io.Err, assets.UI("packets missed", "n", strconv.Itoa(dropped)))
		}
	}
}

// portOf is the port of an ip:port address, "" if it has none.
func portOf(addr string) string {
	_, p, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	return p
}
