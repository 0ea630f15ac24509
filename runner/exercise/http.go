package exercise

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

func init() {
	All = append(All, &Exercise{Lesson: 11, Part: "client", Text: "http", play: httpClient})
}

// httpPage is what socktour's web server answers: a page longer than one
// recv(4096), so that a client that reads once prints only part of it.
var httpPage = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><title>socktour</title></head>\n<body>\n")
	for i := 1; i <= 100; i++ {
		fmt.Fprintf(&b, "<p>Line %03d of 100: you read the whole body.</p>\n", i)
	}
	b.WriteString("</body></html>\n")
	return b.String()
})

// httpClient is socktour's web server for the HTTP client: net/http's
// own, on the traced connection the program made.
func httpClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient(httpPage(), "200")
	if !ok {
		return err
	}
	nc := conn.NetConn()
	defer nc.Close() // net/http closes it too: once is enough
	var mu sync.Mutex
	var conns sync.WaitGroup
	var req *http.Request
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			req = r
			mu.Unlock()
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(httpPage())))
			io.WriteString(w, httpPage())
		}),
		ErrorLog: log.New(io.Discard, "", 0),
		ConnState: func(c net.Conn, s http.ConnState) {
			switch s {
			case http.StateNew:
				conns.Add(1)
			case http.StateClosed, http.StateHijacked:
				conns.Done()
			}
		},
	}
	ln := newOneConn(nc)
	served := make(chan struct{})
	go func() {
		srv.Serve(ln)
		close(served)
	}()
	exited := t.Prog.WaitUntil(t.ctx, t.end)
	srv.Close()
	<-served
	conns.Wait()
	mu.Lock()
	r := req
	mu.Unlock()
	if !t.judgeRequest(r) {
		t.Prog.Stop()
		return nil
	}
	if !exited {
		t.Prog.Stop()
		if r.Close {
			t.fail("hung", "limit", t.Limit.String())
		} else {
			t.fail("http kept open")
		}
		return nil
	}
	out := t.Prog.Output()
	if out.Contains("200") {
		t.pass("http printed status")
	} else {
		t.fail("http no status", "out", quoteOut(out.Head()))
	}
	switch n := out.Prefix(httpPage()); {
	case n == len(httpPage()):
		t.pass("http printed body", "n", strconv.Itoa(n))
	case n > 0:
		t.fail("http printed part", "n", strconv.Itoa(n), "total", strconv.Itoa(len(httpPage())))
	default:
		t.fail("http no body", "out", quoteOut(out.Head()))
	}
	if code, _ := t.Prog.ExitCode(); code != 0 {
		t.fail("exit status", "code", strconv.Itoa(code), "err", quoteOut(lastLine(t.Prog.Errors().Tail())))
	} else {
		t.pass("exit ok")
	}
	return nil
}

// judgeRequest judges the request the program sent: r is what net/http
// made of it, nil when net/http refused it or none came.
func (t *Trial) judgeRequest(r *http.Request) bool {
	var sent []byte
	for _, e := range t.Rec.Events() {
		if e.Side == "server" && e.Op == "recv" {
			sent = append(sent, e.Hex...)
		}
	}
	line, _, _ := bytes.Cut(sent, []byte("\r\n"))
	switch {
	case r != nil:
		t.pass("http request", "line", strconv.Quote(string(line)), "host", r.Host)
		return true
	case len(sent) == 0:
		t.fail("sent nothing", "how", t.how())
	case !bytes.Contains(sent, []byte("\r\n\r\n")):
		t.fail("http no end", "got", strconv.Quote(string(sent)))
	case !bytes.Contains(bytes.ToLower(sent), []byte("\r\nhost:")):
		t.fail("http no host", "got", strconv.Quote(string(sent)))
	default:
		t.fail("http bad request", "got", strconv.Quote(string(sent)))
	}
	return false
}

// oneConn is a listener that hands out one connection it already has,
// then waits until it is closed.
type oneConn struct {
	conn   net.Conn
	once   sync.Once
	closed chan struct{}
	done   sync.Once
}

func newOneConn(c net.Conn) *oneConn { return &oneConn{conn: c, closed: make(chan struct{})} }

func (l *oneConn) Accept() (net.Conn, error) {
	var c net.Conn
	l.once.Do(func() { c = l.conn })
	if c != nil {
		return c, nil
	}
	<-l.closed
	return nil, net.ErrClosed
}

func (l *oneConn) Close() error {
	l.done.Do(func() { close(l.closed) })
	return nil
}

func (l *oneConn) Addr() net.Addr { return l.conn.LocalAddr() }
