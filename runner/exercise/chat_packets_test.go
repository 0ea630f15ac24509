package exercise

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// chatTrial is a trial of lesson 8's exercise whose server accepted the
// client at cli.
func chatTrial(t *testing.T) *Trial {
	tr := &Trial{Ex: find(t, 8, "client"), Rec: trace.NewRecorder()}
	tr.Rec.Add(trace.Event{Side: "server", Op: "accept", Local: srvAddr, Remote: cliAddr})
	return tr
}

const cliAddr, srvAddr = "127.0.0.1:40000", "127.0.0.1:5000"

func pkt(from, flags string, seq, ack uint32, n int) trace.Event {
	s := &trace.Segment{Proto: "tcp", Src: cliAddr, Dst: srvAddr, Flags: flags, Seq: seq, Ack: ack, Len: n}
	if from == "srv" {
		s.Src, s.Dst = srvAddr, cliAddr
	}
	return trace.Event{Side: "wire", Op: "packet", Pkt: s}
}

// TestChatPacketFindings: each chat client's packets give their one
// certain finding, and packets that show nothing certain give none.
func TestChatPacketFindings(t *testing.T) {
	greet := []trace.Event{pkt("cli", "S", 0, 0, 0), pkt("srv", "S.", 0, 1, 0), pkt("cli", ".", 1, 1, 0),
		pkt("srv", "P.", 1, 1, 15), pkt("cli", "P.", 1, 16, 6)}
	for _, c := range []struct {
		name string
		tail []trace.Event
		want string // "pass KEY", "fail KEY" or "" for no finding
	}{
		{"half-close", []trace.Event{pkt("cli", "F.", 7, 16, 0), pkt("srv", "P.", 16, 8, 6),
			pkt("cli", ".", 8, 22, 0), pkt("srv", "F.", 22, 8, 0), pkt("cli", ".", 8, 23, 0)}, "pass chat packets lone fin"},
		{"close", []trace.Event{pkt("cli", "F.", 7, 16, 0), pkt("srv", "P.", 16, 8, 6),
			pkt("cli", "R", 8, 0, 0)}, "fail chat packets fin reset"},
		{"close unread", []trace.Event{pkt("cli", "R.", 7, 16, 0)}, "fail chat packets reset"},
		{"never ends", []trace.Event{pkt("srv", "F.", 16, 7, 0), pkt("cli", "F.", 7, 17, 0)}, "fail chat packets no fin"},
		{"farewell unacknowledged", []trace.Event{pkt("cli", "F.", 7, 16, 0), pkt("srv", "P.", 16, 8, 6)}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := chatTrial(t)
			chatPackets(tr, append(append([]trace.Event(nil), greet...), c.tail...))
			got := ""
			for _, ch := range tr.Checks {
				got = map[bool]string{true: "pass ", false: "fail "}[ch.OK] + ch.Key
			}
			if len(tr.Checks) > 1 || got != c.want {
				t.Errorf("findings %+v, want %q", tr.Checks, c.want)
			}
		})
	}
}

// TestEndPacketFindings: an exercise without packet checks of its own is
// judged by how the learner's system ended its connections: a reset
// fails, FINs with no reset pass, and socktour's own packets count for
// nothing.
func TestEndPacketFindings(t *testing.T) {
	trial := func() *Trial {
		tr := &Trial{Ex: find(t, 4, "client"), Rec: trace.NewRecorder()}
		tr.Rec.Add(trace.Event{Side: "server", Op: "accept", Local: srvAddr, Remote: cliAddr})
		return tr
	}
	open := []trace.Event{pkt("cli", "S", 0, 0, 0), pkt("srv", "S.", 0, 1, 0), pkt("cli", ".", 1, 1, 0),
		pkt("srv", "P.", 1, 1, 28)}
	for _, c := range []struct {
		name string
		tail []trace.Event
		want string
	}{
		{"read all, then close", []trace.Event{pkt("srv", "F.", 29, 1, 0), pkt("cli", "F.", 1, 30, 0)}, "pass packets fin"},
		{"close with bytes unread", []trace.Event{pkt("cli", "R.", 1, 8, 0)}, "fail packets reset"},
		{"only socktour's side ends", []trace.Event{pkt("srv", "F.", 29, 1, 0), pkt("srv", "R", 30, 0, 0)}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := trial()
			endPackets(tr, append(append([]trace.Event(nil), open...), c.tail...))
			got := ""
			for _, ch := range tr.Checks {
				got = map[bool]string{true: "pass ", false: "fail "}[ch.OK] + ch.Key
			}
			if len(tr.Checks) > 1 || got != c.want {
				t.Errorf("findings %+v, want %q", tr.Checks, c.want)
			}
		})
	}
}
