package lessons

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
)

// ask sends request on a new connection and reads to the end.
func ask(t *testing.T, addr, request string) string {
	t.Helper()
	c := dial(t, addr)
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("%q: %v", request, err)
	}
	return string(b)
}

// TestServe11 checks `serve 11` against the tutorial's request, the right
// one, and what every server must survive.
func TestServe11(t *testing.T) {
	addr, events := startServe(t, 11)

	// The tutorial's client: one send, one recv(4096).
	c := dial(t, addr)
	io.WriteString(c, tutorialRequest)
	buf := make([]byte, 4096)
	n, err := c.Read(buf)
	if err != nil || !strings.HasPrefix(string(buf[:n]), "HTTP/1.1 400 Bad Request") {
		t.Errorf("tutorial's request: %q, %v", buf[:n], err)
	}
	c.Close()

	if got := ask(t, addr, rightRequest("/")); !strings.HasPrefix(got, "HTTP/1.1 200 OK\r\n") ||
		!strings.Contains(got, "\r\nContent-Length: "+strconv.Itoa(len(page()))+"\r\n") || !strings.HasSuffix(got, "\r\n\r\n"+page()) {
		t.Errorf("the page: %.200q", got)
	}
	if got := ask(t, addr, rightRequest("/chunked")); !strings.Contains(got, "\r\nTransfer-Encoding: chunked\r\n") {
		t.Errorf("the chunked page: %.200q", got)
	}
	// Garbage gets a 400; a reset and a silent client are survived.
	if got := ask(t, addr, "\x00\xff\xfe\r\n\r\n"); !strings.HasPrefix(got, "HTTP/1.1 400 Bad Request") {
		t.Errorf("garbage answered %q", got)
	}
	survives(t, addr, 20, func(c net.Conn) string {
		io.WriteString(c, rightRequest("/"))
		if b, _ := io.ReadAll(c); !strings.HasSuffix(string(b), page()) {
			return fmt.Sprintf("crowd got %d bytes", len(b))
		}
		return ""
	})
	var accepts int
	for _, e := range events() {
		if e.Side == "server" && e.Op == "accept" {
			accepts++
		}
	}
	if accepts < 25 {
		t.Errorf("%d accepts recorded", accepts)
	}
}
