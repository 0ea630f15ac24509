package lessons

import (
	"context"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// startServe runs lesson n's Serve on a free loopback port until the test
// ends, with a short deadline per call, and returns its address and the
// live events.
func startServe(t *testing.T, n int) (string, func() []trace.Event) {
	t.Helper()
	l, _ := Get(n)
	var mu sync.Mutex
	var events []trace.Event
	rec := trace.NewRecorder()
	rec.Timeout = 300 * time.Millisecond
	rec.Discard = true
	rec.Live = func(e trace.Event) { mu.Lock(); events = append(events, e); mu.Unlock() }
	ctx, cancel := context.WithCancel(context.Background())
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- l.Serve(ctx, rec, "127.0.0.1:0", func(a string) { addrs <- a }) }()
	var addr string
	select {
	case addr = <-addrs:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		rec.Abort()
		if err := <-done; err != nil {
			t.Errorf("serve ended with %v", err)
		}
	})
	return addr, func() []trace.Event {
		mu.Lock()
		defer mu.Unlock()
		return append([]trace.Event(nil), events...)
	}
}

// survives puts a served lesson through what a class does to it: a client
// that resets (SO_LINGER 0 makes its close send RST), one that connects
// and says nothing (the server's deadline must end it while it answers
// others, so it then finds its connection closed), and a crowd of n at
// once, each doing exchange on a connection with a deadline; exchange
// says what went wrong, or "".
func survives(t *testing.T, addr string, n int, exchange func(c net.Conn) string) {
	t.Helper()
	r := dial(t, addr)
	r.SetLinger(0)
	r.Close()
	silent := dial(t, addr)
	var wg sync.WaitGroup
	for range n {
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
			if wrong := exchange(c); wrong != "" {
				t.Error(wrong)
			}
		}()
	}
	wg.Wait()
	silent.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("silent client read %v, want the server to time it out and close (EOF)", err)
	}
}

func dial(t *testing.T, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(3 * time.Second))
	t.Cleanup(func() { c.Close() })
	return c.(*net.TCPConn)
}

// hello does lesson 1's exchange as the classic Python client would.
func hello(t *testing.T, addr string) {
	t.Helper()
	c := dial(t, addr)
	if _, err := c.Write([]byte("你好")); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(c)
	if err != nil || string(got) != "欢迎" {
		t.Fatalf("reply %q, %v; want 欢迎", got, err)
	}
}

// TestServeSurvivesAnyClient sends lesson 1's server garbage, a reset, a
// client that never speaks and a crowd, and checks that it still answers.
func TestServeSurvivesAnyClient(t *testing.T) {
	addr, events := startServe(t, 1)

	// Garbage: not UTF-8. The server still answers.
	g := dial(t, addr)
	g.Write([]byte{0x00, 0xff, 0xfe, '\n'})
	if reply, _ := io.ReadAll(g); string(reply) != "欢迎" {
		t.Errorf("garbage got %q", reply)
	}

	survives(t, addr, 20, func(c net.Conn) string {
		c.Write([]byte("你好"))
		if reply, _ := io.ReadAll(c); string(reply) != "欢迎" {
			return fmt.Sprintf("crowd got %q", reply)
		}
		return ""
	})
	hello(t, addr)

	var timeouts int
	for _, e := range events() {
		if e.Op == "error" && e.Err == "i/o timeout" {
			timeouts++
		}
	}
	if timeouts == 0 {
		t.Error("no timeout recorded for the silent client")
	}
}

// TestServeLesson4ToPythonLoop checks `serve 4` against the classic
// looping client: reads of 7 until b”.
func TestServeLesson4ToPythonLoop(t *testing.T) {
	addr, _ := startServe(t, 4)
	c := dial(t, addr)
	var whole []byte
	buf := make([]byte, 7)
	for {
		n, err := c.Read(buf)
		whole = append(whole, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if string(whole) != message {
		t.Errorf("got %q", whole)
	}
}

// TestServe6AnswersWhileOneIsSilent: a second client is answered at once
// while a first one is connected and silent.
func TestServe6AnswersWhileOneIsSilent(t *testing.T) {
	addr, events := startServe(t, 6)
	silent := dial(t, addr)
	hello(t, addr)
	silent.SetReadDeadline(time.Now().Add(10 * time.Millisecond))
	if _, err := silent.Read(make([]byte, 1)); err == nil || err == io.EOF {
		t.Errorf("the silent client's connection ended (%v) before the other was answered", err)
	}
	named := false
	for _, e := range events() {
		if e.Side == "handler 2" && e.Op == "send" {
			named = true
		}
	}
	if !named {
		t.Error("the second client's handler is not named handler 2")
	}
}
