package lessons

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/socktour/socktour/runner/trace"
)

// httpByHand is lesson 11: HTTP spoken by hand to the standard library's
// own HTTP server, every call of which is traced.
var httpByHand = &Lesson{
	Number:  11,
	Network: "tcp",
	Client: func(ctx context.Context, me *trace.Side, addr string) error {
		return fetch(ctx, me, addr, rightRequest("/"), false)
	},
	ServeFunc: serveHTTP,
	Run:       runHTTP,
	Code:      []string{"servePage", "servePageInChunks", "fetch", "takeApart", "dechunk"},
}

func init() { register(httpByHand) }

// tutorialRequest is the tutorial's request: a request line and the
// empty line that ends the head, and no Host header.
const tutorialRequest = "GET / HTTP/1.1\r\n\r\n"

// rightRequest is a request HTTP/1.1 accepts: Host names the site, and
// Connection: close asks the server to hang up after its answer, so that
// the end of the stream is the end of the answer.
func rightRequest(path string) string {
	return "GET " + path + " HTTP/1.1\r\n" +
		"Host: 127.0.0.1\r\n" +
		"Connection: close\r\n" +
		"\r\n"
}

// page is what lesson 11's server serves: an HTML page of a few
// kilobytes, more than the tutorial's one recv(4096) can hold. It is made
// the first time it is served, not at every start of the program.
var page = sync.OnceValue(func() string { return makePage(100) })

func makePage(lines int) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><title>socktour</title></head>\n<body>\n")
	for i := 1; i <= lines; i++ {
		fmt.Fprintf(&b, "<p>Line %03d of %d: on the wire, HTTP is bytes.</p>\n", i, lines)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// servePage is the handler of "/": it says how long the body is, as
// lesson 7's length header did, then sends it.
func servePage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page())))
	io.WriteString(w, page())
}

// servePageInChunks is the handler of "/chunked": the same page with no
// length said, so net/http chooses how to mark where the body ends.
func servePageInChunks(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(page()))
}

// maxAnswer is the most fetch reads: a server is not trusted to stop.
const maxAnswer = 1 << 20

// errNoHead: the answer has no empty line where its head would end.
var errNoHead = errors.New("http: the answer has no blank line ending its head")

// fetch sends request on a connection of its own, reads the answer to
// the end of the stream 4096 bytes at a time, and takes it apart. With
// waitFirst it reads only once the server has sent all and hung up.
func fetch(ctx context.Context, me *trace.Side, addr, request string, waitFirst bool) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	// The request is text: lines that end in \r\n, then an empty line.
	if _, err := conn.Write([]byte(request)); err != nil {
		return err
	}
	if waitFirst {
		// (So that this lesson's reads are the same every run, wait
		// until the whole answer is in and the server has hung up, as
		// lesson 9's setup did. A real client simply reads.)
		if err := conn.WaitHangUp(); err != nil {
			return err
		}
	}
	// Read until recv returns b'': one recv(4096) is not the answer.
	var answer []byte
	buf := make([]byte, 4096)
	for len(answer) <= maxAnswer {
		n, err := conn.Read(buf)
		answer = append(answer, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	if err := takeApart(conn, answer); err != nil {
		return err
	}
	return conn.Close()
}

// takeApart splits an HTTP answer into its status line, its headers and
// its body, and notes each.
func takeApart(conn *trace.Conn, answer []byte) error {
	// The head ends at the first empty line: \r\n\r\n.
	head, body, found := bytes.Cut(answer, []byte("\r\n\r\n"))
	if !found {
		return errNoHead
	}
	lines := strings.Split(string(head), "\r\n")
	// The status line: the version, the code, the reason.
	version, status, _ := strings.Cut(lines[0], " ")
	code, reason, _ := strings.Cut(status, " ")
	conn.Note("status", "text", lines[0], "version", version, "code", code, "reason", reason)

	// Then one header a line, "Name: value"; names ignore case.
	headers := map[string]string{}
	for _, line := range lines[1:] {
		name, value, _ := strings.Cut(line, ":")
		headers[strings.ToLower(name)] = strings.TrimSpace(value)
	}
	conn.Note("headers", "text", strings.Join(lines[1:], "\r\n"), "n", strconv.Itoa(len(lines)-1), "head", strconv.Itoa(len(head)+4),
		"length", headers["content-length"], "encoding", headers["transfer-encoding"])

	// The body: as many bytes as Content-Length says, or chunks.
	if headers["transfer-encoding"] == "chunked" {
		data, sizes, err := dechunk(body)
		if err != nil {
			return err
		}
		conn.Note("chunks", "text", joinInts(sizes, 10), "hex", joinInts(sizes, 16), "n", strconv.Itoa(len(sizes)),
			"wire", strconv.Itoa(len(body)), "data", strconv.Itoa(len(data)))
		body = data
	}
	first, _, _ := strings.Cut(string(body), "\n")
	conn.Note("body", "text", first, "n", strconv.Itoa(len(body)))
	return nil
}

// errBadChunk: the chunked body does not follow the rules.
var errBadChunk = errors.New("http: a malformed chunk")

// dechunk undoes Transfer-Encoding: chunked. Each chunk is its size in
// hex digits, \r\n, that many bytes, \r\n; a chunk of size 0 ends the
// body. It returns the body and the size of each chunk.
func dechunk(b []byte) (data []byte, sizes []int, err error) {
	crlf := []byte("\r\n")
	for {
		line, rest, ok := bytes.Cut(b, crlf)
		if !ok {
			return nil, nil, errBadChunk
		}
		// The size, in hex; anything after a ";" is an extension.
		digits, _, _ := bytes.Cut(line, []byte(";"))
		size, err := strconv.ParseUint(string(bytes.TrimSpace(digits)), 16, 31)
		if err != nil || int(size) > maxAnswer {
			return nil, nil, errBadChunk
		}
		if size == 0 {
			return data, sizes, nil
		}
		n := int(size)
		if len(rest) < n+2 || !bytes.Equal(rest[n:n+2], crlf) {
			return nil, nil, errBadChunk
		}
		data = append(data, rest[:n]...)
		sizes = append(sizes, n)
		b = rest[n+2:]
	}
}

// joinInts writes numbers in a base: 2048, 2048, 1024 (or 800, 800, 400).
func joinInts(ns []int, base int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.FormatInt(int64(n), base)
	}
	return strings.Join(s, ", ")
}
