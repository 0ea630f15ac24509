package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// recordingWithPackets is lesson 1's recording with the packets a
// capture would have added: the handshake under the connect, each
// send's segment and its ACK, and the two FINs, stamped just before the
// calls that caused them returned.
func recordingWithPackets(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/recordings/lesson-1.rec")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	lines = lines[:len(lines)-1] // its closing line, written again at the end
	var events []trace.Event
	for _, l := range lines[1:] {
		var e trace.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		events = append(events, e)
	}
	find := func(side, op string) trace.Event {
		for _, e := range events {
			if e.Side == side && e.Op == op {
				return e
			}
		}
		t.Fatalf("no %s %s in lesson 1's recording", side, op)
		return trace.Event{}
	}
	conn := find("client", "connect")
	c, s := conn.Local, conn.Remote
	seg := func(at int64, src, dst, flags string, seq, ack uint32, n int) {
		b, _ := json.Marshal(trace.Event{Seq: len(lines), T: at - 1, Side: "wire", Op: "packet",
			Pkt: &trace.Segment{Proto: "tcp", Src: src, Dst: dst, Flags: flags, Seq: seq, Ack: ack, Win: 512, Len: n}})
		lines = append(lines, string(b))
	}
	cs, ss := find("client", "send"), find("server", "send")
	seg(conn.T-3, c, s, "S", 0, 0, 0)
	seg(conn.T-2, s, c, "S.", 0, 1, 0)
	seg(conn.T-1, c, s, ".", 1, 1, 0)
	seg(cs.T-1, c, s, "P.", 1, 1, cs.N)
	seg(cs.T, s, c, ".", 1, 1+uint32(cs.N), 0)
	seg(ss.T-1, s, c, "P.", 1, 1+uint32(cs.N), ss.N)
	seg(ss.T, c, s, ".", 1+uint32(cs.N), 1+uint32(ss.N), 0)
	lines = append(lines, fmt.Sprintf(`{"end":true,"events":%d}`, len(lines)-1))
	path := filepath.Join(t.TempDir(), "packets.rec")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// stepRows are a transcript's numbered rows.
var stepRows = regexp.MustCompile(`(?m)^ +\d+ .*$`)

// Packets are rows under the calls, never steps: a transcript with them
// numbers every call as the one without, and shows them under the calls.
func TestPacketsKeepTheStepsOfTheCalls(t *testing.T) {
	rec := recordingWithPackets(t)
	code, with, stderr := cli(t, "replay", rec, "--no-color")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	_, without, _ := cli(t, "replay", "testdata/recordings/lesson-1.rec", "--no-color")
	a, b := stepRows.FindAllString(without, -1), stepRows.FindAllString(with, -1)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("numbered rows without packets:\n%s\nwith:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
	for _, want := range []string{"connect(127.0.0.1:", "      ─▶ S   seq 0 win 512 len 0", "ⓘ The three-way handshake", "┄ S.  seq 0 ack 1"} {
		if !strings.Contains(with, want) {
			t.Errorf("no %q in the transcript:\n%s", want, with)
		}
	}
	for _, args := range [][]string{{"--diagram"}, {"--diagram=mermaid"}} {
		_, d, _ := cli(t, append([]string{"replay", rec, "--no-color"}, args...)...)
		if !strings.Contains(d, "S.  seq 0 ack 1") {
			t.Errorf("replay %s has no packet arrows:\n%s", args, d)
		}
	}
}

// In the player, p shows and hides the packets; its key is in the
// footer only for a run that has packets.
func TestPlayerPShowsAndHidesPackets(t *testing.T) {
	keys := strings.Repeat("\x1b[C", 7) + "p" + "q"
	var out bytes.Buffer
	o, _ := ttyIO(keys, &out)
	if code := Main(context.Background(), []string{"replay", recordingWithPackets(t), "--no-color", "--no-questions"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	ss := screens(out.String())
	before, after := ss[len(ss)-2], ss[len(ss)-1]
	if !strings.Contains(before, "─▶ S   seq 0") || !strings.Contains(before, "p packets") {
		t.Errorf("step 7 with packets:\n%s", before)
	}
	if strings.Contains(after, "seq 0") || !strings.Contains(after, "packets hidden") {
		t.Errorf("after p:\n%s", after)
	}
	for i, s := range ss {
		for _, l := range strings.Split(s, "\r\n") {
			if w := renderWidth(l); w > 80 {
				t.Errorf("screen %d: a line %d wide: %q", i, w, l)
			}
		}
	}

	out.Reset()
	o, _ = ttyIO("\x1b[Cq", &out)
	Main(context.Background(), []string{"replay", "testdata/recordings/lesson-1.rec", "--no-color", "--no-questions"}, o)
	if s := out.String(); strings.Contains(s, "p packets") {
		t.Errorf("a run without packets offers p:\n%s", s)
	}
}
