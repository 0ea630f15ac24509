package lessons

import (
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// pyEcho is the tutorial's socketserver client: each request, then its
// answer, on one connection; it returns the answers.
func pyEcho(t *testing.T, c net.Conn, requests ...string) []string {
	t.Helper()
	var answers []string
	buf := make([]byte, 1024)
	for _, r := range requests {
		if _, err := c.Write([]byte(r)); err != nil {
			t.Fatal(err)
		}
		n, err := c.Read(buf)
		if err != nil {
			t.Fatalf("answer to %q: %v", r, err)
		}
		answers = append(answers, string(buf[:n]))
	}
	return answers
}

// TestServe9 checks `serve 9` against the tutorial's client, two clients
// at once, and what every server must survive.
func TestServe9(t *testing.T) {
	addr, events := startServe(t, 9)

	// A first client, connected and between requests, does not hold up a
	// second: each has its own handler.
	first := dial(t, addr)
	a := pyEcho(t, first, "hello python")
	second := dial(t, addr)
	b := pyEcho(t, second, "hello python", "hello pythontab")
	a = append(a, pyEcho(t, first, "hello pythontab")...)
	for _, got := range [][]string{a, b} {
		if len(got) != 2 || !isStamped(got[0], "hello python") || !isStamped(got[1], "hello pythontab") {
			t.Errorf("answers %q", got)
		}
	}
	first.Close()
	second.Close()

	// Garbage is answered too; a reset and a silent client are survived.
	g := dial(t, addr)
	if got := pyEcho(t, g, "\x00\xff\n"); !strings.HasSuffix(got[0], " \x00\ufffd\n") {
		t.Errorf("garbage answered %q", got)
	}
	g.Close()
	r := dial(t, addr)
	r.SetLinger(0)
	r.Close()
	silent := dial(t, addr)
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.DialTimeout("tcp", addr, 3*time.Second)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(3 * time.Second))
			if got := pyEcho(t, c, "hello python"); !isStamped(got[0], "hello python") {
				t.Errorf("crowd got %q", got)
			}
		}()
	}
	wg.Wait()
	silent.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("silent client read %v, want the server to time it out and close", err)
	}
	named := map[string]bool{}
	for _, e := range events() {
		named[e.Side] = true
	}
	if !named["handler 1"] || !named["handler 2"] {
		t.Errorf("handlers not named: %v", named)
	}
}
