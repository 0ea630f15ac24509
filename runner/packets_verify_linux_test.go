//go:build linux

package runner

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// built builds socktour and lesson 8's Go solution, for the tests that
// run the command in a private network of its own (it starts itself
// again: the test binary cannot stand in for it).
func built(t *testing.T) (socktour, chat string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds socktour")
	}
	dir := t.TempDir()
	for _, b := range [][2]string{{"..", "socktour"}, {"../assets/solutions/chat", "chat"}} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, b[1]), ".")
		cmd.Dir = b[0]
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building %s: %v\n%s", b[0], err, out)
		}
	}
	return filepath.Join(dir, "socktour"), filepath.Join(dir, "chat")
}

// TestVerifyPacketsKeepsTheVerdict: lesson 8's solution passes with
// --packets as without, its packets show under the calls, the packets
// add their one certain finding, and the pcap file holds them.
func TestVerifyPacketsKeepsTheVerdict(t *testing.T) {
	bin, chat := built(t)
	pcap := filepath.Join(t.TempDir(), "verify.pcap")
	for _, args := range [][]string{{"verify", "8", "--", chat}, {"verify", "8", "--packets", "--pcap", pcap, "--", chat}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir(), "XDG_STATE_HOME="+t.TempDir())
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		err := cmd.Run()
		if err != nil || !strings.Contains(out.String(), "Verdict: passed ✓") {
			t.Fatalf("%v: %v %s\n%s", args, err, errOut.String(), out.String())
		}
		with := strings.Contains(args[2], "packets")
		if strings.Contains(errOut.String(), "No packets") {
			t.Skipf("no capture here: %s", errOut.String())
		}
		if got := strings.Contains(out.String(), "the packets agree") && strings.Contains(out.String(), "─▶ F."); got != with {
			t.Errorf("%v: packets shown and judged %v, want %v\n%s", args, got, with, out.String())
		}
	}
	if st, err := os.Stat(pcap); err != nil || st.Size() < 24+10*40 {
		t.Errorf("the pcap file: %v %v", st, err)
	}
}

// TestSIGINTEndsVerifyWithPacketsAtOnce: with --packets, verify runs
// again in the private network, and SIGINT still ends it at once, exit
// 130, with nothing of the learner's left running.
func TestSIGINTEndsVerifyWithPacketsAtOnce(t *testing.T) {
	bin, _ := built(t)
	learner, ready, mark := hangingLearner(t)
	cmd := exec.Command(bin, append([]string{"verify", "1", "--packets", "--timeout", "10s", "--"}, learner...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() {
		cmd.Wait()
		close(ended)
	}()
	awaitConnected(t, ready, ended)
	signalled := time.Now()
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-ended:
	case <-time.After(8 * time.Second):
		cmd.Process.Kill()
		<-ended
		t.Fatalf("socktour went on after SIGINT\n%s", out.String())
	}
	took := time.Since(signalled)
	if code := cmd.ProcessState.ExitCode(); code != 130 || took > 3*time.Second {
		t.Errorf("exit %d, %v after SIGINT; want 130, at once\n%s", code, took, out.String())
	}
	if pids := leftRunning(mark); len(pids) > 0 {
		t.Errorf("the program or its child is still running: pids %v", pids)
	}
}

// TestServePacketsWithoutCapture: where capture is not allowed, serve
// --packets says so in one sentence and serves without packets, ending
// on SIGINT as without (130).
func TestServePacketsWithoutCapture(t *testing.T) {
	bin, _ := built(t)
	cmd := exec.Command(bin, "serve", "1", "--packets")
	cmd.Env = append(os.Environ(), "SOCKTOUR_CAPTURE=off")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	listening := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		ok := false
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "listening on ") && !ok {
				ok = true
				listening <- true
			}
		}
		if !ok {
			listening <- false
		}
	}()
	select {
	case ok := <-listening:
		if !ok {
			t.Fatalf("serve never listened: %s", errOut.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve never listened")
	}
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	if code := cmd.ProcessState.ExitCode(); code != 130 || len(lines) != 1 ||
		!strings.Contains(lines[0], "CAP_NET_RAW") || !strings.Contains(lines[0], "sudo setcap cap_net_raw+ep") {
		t.Errorf("exit %d (%v), stderr %q: want 130 and one sentence", code, err, errOut.String())
	}
}
