package lessons

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func init() { moreFacts[11] = lesson11 }

// notes returns side's notes with key, in order.
func notes(ev []trace.Event, side, key string) []trace.Event {
	var out []trace.Event
	for _, e := range calls(ev, side, "note") {
		if e.Key == key {
			out = append(out, e)
		}
	}
	return out
}

func lesson11(t *testing.T, ev []trace.Event) {
	sends := calls(ev, "client", "send")
	if len(sends) != 3 || string(sends[0].Hex) != tutorialRequest || !strings.Contains(string(sends[1].Hex), "\r\nHost: ") {
		t.Fatalf("client sends %+v, want the tutorial's request, then two with Host", sends)
	}
	// net/http reads each request with its own 4096-byte buffer.
	for _, r := range calls(ev, "server", "recv") {
		if r.Size != 4096 {
			t.Errorf("server recv(%d), want 4096", r.Size)
		}
	}
	// The 400, exactly as Go's net/http words it.
	answer := calls(ev, "server", "send")[0]
	if a := string(answer.Hex); !strings.HasPrefix(a, "HTTP/1.1 400 Bad Request: missing required Host header\r\n") ||
		!strings.HasSuffix(a, "\r\n\r\n400 Bad Request: missing required Host header") {
		t.Errorf("answer to the tutorial's request: %q", a)
	}
	status := notes(ev, "client", "status")
	if len(status) != 3 || status[0].Vals["code"] != "400" || status[1].Vals["code"] != "200" || status[2].Vals["code"] != "200" {
		t.Errorf("status notes %+v, want 400, 200, 200", status)
	}
	// The page is more than one recv(4096): the client reads it in a loop.
	if len(page()) <= 4096 {
		t.Fatalf("the page is %d bytes, not more than 4096", len(page()))
	}
	var reads []int
	var whole []byte
	for _, r := range calls(ev, "client", "recv") {
		if r.Size != 4096 {
			t.Errorf("client recv(%d), want 4096", r.Size)
		}
		reads = append(reads, r.N)
		whole = append(whole, r.Hex...)
	}
	if len(reads) < 7 || reads[2] != 4096 || !bytes.Contains(whole, []byte(page())) {
		t.Errorf("client reads %v, want the second answer's first read full", reads)
	}
	headers := notes(ev, "client", "headers")
	if len(headers) != 3 || headers[1].Vals["length"] != strconv.Itoa(len(page())) || headers[1].Vals["encoding"] != "" ||
		headers[2].Vals["length"] != "" || headers[2].Vals["encoding"] != "chunked" {
		t.Errorf("headers %+v, want Content-Length on /, chunked on /chunked", headers)
	}
	chunks := notes(ev, "client", "chunks")
	if len(chunks) != 1 || chunks[0].Vals["data"] != strconv.Itoa(len(page())) {
		t.Errorf("chunks %+v", chunks)
	}
	body := notes(ev, "client", "body")
	if len(body) != 3 || body[0].Vals["text"] != "400 Bad Request: missing required Host header" ||
		body[1].Vals["n"] != strconv.Itoa(len(page())) || body[2].Vals["n"] != strconv.Itoa(len(page())) {
		t.Errorf("bodies %+v", body)
	}
	// net/http's background reads end as stopped, never as errors.
	if s := notes(ev, "server", "stopped"); len(s) != 2 || s[0].Size != 1 {
		t.Errorf("stopped reads %+v, want net/http's one-byte read on each 200", s)
	}
	if e := calls(ev, "server", "error"); len(e) != 0 {
		t.Errorf("server errors %+v", e)
	}
	if p := notes(ev, "tutor", "part-ports"); len(p) != 1 || p[0].Vals["http"] != "80" || p[0].Vals["https"] != "443" {
		t.Errorf("ports %+v", p)
	}
}

func TestDechunk(t *testing.T) {
	data, sizes, err := dechunk([]byte("5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n"))
	if err != nil || string(data) != "hello 0123456789" || joinInts(sizes, 10) != "5, 1, 10" {
		t.Errorf("got %q %v %v", data, sizes, err)
	}
	for _, bad := range []string{"", "5\r\nhell", "5\r\nhelloXX", "zz\r\n", "-1\r\n", "7fffffff\r\n"} {
		if _, _, err := dechunk([]byte(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// FuzzDechunk: whatever arrives, dechunk returns a body no longer than
// its input, or an error; never a panic.
func FuzzDechunk(f *testing.F) {
	for _, s := range []string{"5\r\nhello\r\n0\r\n\r\n", "0\r\n", "ffffffff\r\n", "1\r\n", "3;x\r\nabc\r\n0\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		data, sizes, err := dechunk(b)
		if err != nil {
			return
		}
		total := 0
		for _, n := range sizes {
			total += n
		}
		if total != len(data) || len(data) > len(b) {
			t.Fatalf("%q: %d bytes from chunks %v", b, len(data), sizes)
		}
	})
}

func TestTakeApartRefusesAnAnswerWithoutHead(t *testing.T) {
	if err := takeApart(nil, []byte("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n")); err != errNoHead {
		t.Errorf("%v", err)
	}
}
