package trace

import (
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// TestNetListenerServesNetHTTP: net/http's own server, on a traced
// listener, answers a request, and every call on its connection is
// recorded: the request read, the answer sent, the close. Its background
// read, stopped by net/http with a deadline in the past, ends at once.
func TestNetListenerServesNetHTTP(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	var nl net.Listener = ln.NetListener()
	if nl.Addr().String() != ln.Addr() {
		t.Errorf("Addr %v, want %s", nl.Addr(), ln.Addr())
	}
	srv := &http.Server{
		Handler:  http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hi") }),
		ErrorLog: log.New(io.Discard, "", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(nl) }()

	c, err := net.Dial("tcp", ln.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	answer, err := io.ReadAll(c)
	c.Close()
	if err != nil || !strings.HasPrefix(string(answer), "HTTP/1.1 200 OK\r\n") || !strings.HasSuffix(string(answer), "\r\n\r\nhi") {
		t.Errorf("answer %q, %v", answer, err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("the answer took %v: a deadline set through the adapter was lost", d)
	}
	srv.Close()
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
	var sent, got string
	var closed, accepted bool
	for _, e := range rec.Events() {
		switch {
		case e.Op == "recv":
			got += string(e.Hex)
		case e.Op == "send":
			sent += string(e.Hex)
		case e.Op == "close" && e.Key == "":
			closed = true
		case e.Op == "accept":
			accepted = true
		}
	}
	if !accepted || !closed || !strings.HasPrefix(got, "GET / HTTP/1.1\r\n") || sent != string(answer) {
		t.Errorf("recorded: accept %v, close %v, read %q, sent %q", accepted, closed, got, sent)
	}
}

// TestNetConnDeadlines: a deadline set while a read waits ends it; a
// deadline in the past ends the next read at once (both recorded as a
// stopped read, not an error); Close twice is one close.
func TestNetConnDeadlines(t *testing.T) {
	rec := NewRecorder()
	c, raw := pair(t, rec)
	defer raw.Close()
	nc := c.NetConn()
	if _, ok := nc.(CloseWriter); !ok {
		t.Error("a NetConn is not a CloseWriter")
	}
	done := make(chan error, 1)
	go func() {
		_, err := nc.Read(make([]byte, 1))
		done <- err
	}()
	time.AfterFunc(20*time.Millisecond, func() { nc.SetReadDeadline(time.Unix(1, 0)) })
	select {
	case err := <-done:
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("read ended with %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a deadline set during a read did not end it")
	}
	if _, err := nc.Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read after a past deadline: %v", err)
	}
	nc.SetReadDeadline(time.Time{})
	raw.Write([]byte("x"))
	if n, err := nc.Read(make([]byte, 4)); n != 1 || err != nil {
		t.Errorf("read with the deadline cleared: %d, %v", n, err)
	}
	if err := nc.Close(); err != nil {
		t.Error(err)
	}
	if err := nc.Close(); err != nil {
		t.Errorf("second close: %v", err)
	}
	closes, stopped := 0, 0
	for _, e := range rec.Events() {
		switch {
		case e.Op == "close" && e.Key == "":
			closes++
		case e.Op == "note" && e.Key == "stopped" && e.Size == 1:
			stopped++
		case e.Op == "error":
			t.Errorf("a read its caller stopped is recorded as an error: %+v", e)
		}
	}
	if closes != 1 || stopped != 2 {
		t.Errorf("%d closes and %d stopped reads recorded, want 1 and 2", closes, stopped)
	}

	// The recorder's own timeout is still an error.
	rec = NewRecorder()
	rec.Timeout = 20 * time.Millisecond
	c, raw = pair(t, rec)
	defer raw.Close()
	if _, err := c.NetConn().Read(make([]byte, 1)); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("read past the recorder's timeout: %v", err)
	}
	if ev := rec.Events(); len(ev) == 0 || ev[len(ev)-1].Op != "error" || ev[len(ev)-1].Err != "i/o timeout" {
		t.Errorf("the recorder's timeout was not recorded as an error: %+v", ev)
	}
}
