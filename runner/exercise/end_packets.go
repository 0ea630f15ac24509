package exercise

import (
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// endPackets judges how the learner's program ended its TCP connections,
// by the packets its system sent, for the exercises that have no packet
// checks of their own: a reset (R) from its system means bytes were lost
// (it closed with bytes unread, or bytes came after it had closed);
// FINs and no reset mean every connection ended in order. Its
// connections are the other ends of socktour's: where socktour's server
// accepted and where socktour's client connected.
func endPackets(t *Trial, pkts []trace.Event) {
	learner := map[string]bool{}
	for _, e := range t.Rec.Events() {
		if (e.Op == "accept" || e.Op == "connect") && e.Remote != "" && e.Err == "" {
			learner[e.Remote] = true
		}
	}
	resets, fins := 0, 0
	for _, p := range pkts {
		s := p.Pkt
		if s.Proto != "tcp" || !learner[s.Src] {
			continue
		}
		switch {
		case strings.Contains(s.Flags, "R"):
			resets++
		case strings.Contains(s.Flags, "F"):
			fins++
		}
	}
	switch {
	case resets > 0:
		t.fail("packets reset", "n", strconv.Itoa(resets))
	case fins > 0:
		t.pass("packets fin", "n", strconv.Itoa(fins))
	}
}
