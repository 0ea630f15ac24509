package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// packetsIO is testIO with SOCKTOUR_CAPTURE set to mode.
func packetsIO(mode string, out *bytes.Buffer) *IO {
	o := testIO("", out)
	o.Getenv = func(k string) string {
		if k == "SOCKTOUR_CAPTURE" {
			return mode
		}
		return ""
	}
	return o
}

// TestPacketsRefusedSaysHowToAllowThem forces the fallback (neither a
// private network nor the host's loopback): one sentence with the command
// that allows capture, and the lesson runs, exit 0, without packets.
func TestPacketsRefusedSaysHowToAllowThem(t *testing.T) {
	var out bytes.Buffer
	o := packetsIO("off", &out)
	code := Main(context.Background(), []string{"run", "1", "--packets", "--no-questions"}, o)
	stderr := o.Err.(*bytes.Buffer).String()
	want := `sudo setcap cap_net_raw+ep "$(command -v socktour)"`
	if runtime.GOOS != "linux" {
		want = "Linux-only"
	}
	if code != 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q: want 0 and one sentence with %s", code, stderr, want)
	}
	if !strings.Contains(out.String(), "recv(") || strings.Contains(out.String(), "packet") {
		t.Errorf("the lesson did not run as without --packets:\n%s", out.String())
	}
}

// TestPacketsOnTheHostLoopback captures in this process on the host's
// loopback, as where no private network can be made but CAP_NET_RAW is
// held: the JSON holds the run's own packets, the handshake first.
func TestPacketsOnTheHostLoopback(t *testing.T) {
	var out bytes.Buffer
	o := packetsIO("host", &out)
	code := Main(context.Background(), []string{"run", "1", "--packets", "--json"}, o)
	if stderr := o.Err.(*bytes.Buffer).String(); code == 0 && strings.Contains(stderr, "No packets") {
		t.Skipf("no capture on the host's loopback here: %s", stderr)
	}
	if code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	var flags []string
	ports := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var e trace.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		if e.Local != "" {
			ports[e.Local] = true
		}
		if e.Op == "packet" {
			flags = append(flags, e.Pkt.Flags)
			if !ports[e.Pkt.Src] && !ports[e.Pkt.Dst] {
				t.Errorf("packet %+v is not the run's", *e.Pkt)
			}
		}
	}
	if len(flags) < 3 || strings.Join(flags[:3], " ") != "S S. ." {
		t.Errorf("packets %v: want the handshake first", flags)
	}
}
