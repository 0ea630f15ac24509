package lessons

import (
	"fmt"
	"net"
	"strings"
	"testing"
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
	survives(t, addr, 20, func(c net.Conn) string {
		if got := pyEcho(t, c, "hello python"); !isStamped(got[0], "hello python") {
			return fmt.Sprintf("crowd got %q", got)
		}
		return ""
	})
	named := map[string]bool{}
	for _, e := range events() {
		named[e.Side] = true
	}
	if !named["handler 1"] || !named["handler 2"] {
		t.Errorf("handlers not named: %v", named)
	}
}
