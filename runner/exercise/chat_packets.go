package exercise

import (
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

func init() { packetChecks["chat"] = chatPackets }

// chatPackets judges lesson 8's chat client by its packets, where they
// make it certain: a half-close is a FIN that comes alone, before the
// server's, after which the client's system still takes the server's
// last words and acknowledges them; a close shows a reset from the
// client's system; a client that never ends its side sends no FIN before
// the server's own.
func chatPackets(t *Trial, pkts []trace.Event) {
	var cli, srv string
	for _, e := range t.Rec.Events() {
		if e.Op == "accept" && e.Side == "server" {
			cli, srv = e.Remote, e.Local
			break
		}
	}
	if cli == "" {
		return
	}
	cliFin, srvFin, cliRst := -1, -1, -1
	var after int         // the server's bytes sent after the client's FIN
	var end, acked uint32 // the end of those bytes, and the client's last ACK after its FIN
	for i, p := range pkts {
		s := p.Pkt
		if s.Proto != "tcp" {
			continue
		}
		switch {
		case s.Src == cli && s.Dst == srv:
			if strings.Contains(s.Flags, "R") && cliRst < 0 {
				cliRst = i
			}
			if strings.Contains(s.Flags, "F") && cliFin < 0 {
				cliFin = i
			}
			if cliFin >= 0 && strings.Contains(s.Flags, ".") {
				acked = max(acked, s.Ack)
			}
		case s.Src == srv && s.Dst == cli:
			if cliFin >= 0 && srvFin < 0 && s.Len > 0 {
				after += s.Len
				end = max(end, s.Seq+uint32(s.Len))
			}
			if strings.Contains(s.Flags, "F") && srvFin < 0 {
				srvFin = i
			}
		}
	}
	switch {
	case cliRst >= 0 && cliFin >= 0 && cliFin < cliRst:
		t.fail("chat packets fin reset")
	case cliRst >= 0:
		t.fail("chat packets reset")
	case cliFin < 0 || srvFin >= 0 && srvFin < cliFin:
		t.fail("chat packets no fin")
	case after > 0 && acked >= end:
		t.pass("chat packets lone fin", "n", strconv.Itoa(after))
	}
}
