package relay

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const deadline = 10 * time.Second

// server listens on loopback and runs handle for each connection, with a
// deadline on each; errors come back on the returned channel.
func server(t *testing.T, handle func(*net.TCPConn) error) (string, chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 64)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer c.Close()
				c.SetDeadline(time.Now().Add(deadline))
				errs <- handle(c.(*net.TCPConn))
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String(), errs
}

// relay starts a relay to addr and returns its address and recorder.
func relay(t *testing.T, to string) (string, *trace.Recorder) {
	t.Helper()
	rec := trace.NewRecorder()
	addr, stop := startRelay(t, to, rec)
	t.Cleanup(stop)
	return addr, rec
}

// startRelay starts a relay to addr recording into rec, and returns its
// address and the function that stops it.
func startRelay(t testing.TB, to string, rec *trace.Recorder) (string, func()) {
	t.Helper()
	r := &Relay{Listen: "127.0.0.1:0", To: to, Rec: rec}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx, func(a string) { ready <- a }) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatal(err)
	}
	return addr, func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("relay: %v", err)
		}
	}
}

func dial(t *testing.T, addr string) *net.TCPConn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, deadline)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(deadline))
	t.Cleanup(func() { c.Close() })
	return c.(*net.TCPConn)
}

// relayed is what the relay recorded passing from side, joined.
func relayed(rec *trace.Recorder, side string) []byte {
	var b []byte
	for _, e := range rec.Events() {
		if e.Op == "send" && e.Side == side {
			if e.Key != Key || e.Off != int64(len(b)) || e.N != len(e.Hex)+e.Elided {
				panic(fmt.Sprintf("event %+v out of place", e))
			}
			b = append(b, e.Head()...)
			b = append(b, make([]byte, e.Elided)...) // the bytes not kept
			b = append(b, e.Tail()...)
		}
	}
	return b
}

func TestHalfClosePassesOn(t *testing.T) {
	// The server reads to the end of the stream, then answers: it works
	// only if the client's half-close arrives as a half-close.
	addr, errs := server(t, func(c *net.TCPConn) error {
		got, err := io.ReadAll(c)
		if err != nil {
			return err
		}
		if _, err := c.Write(append([]byte("got: "), got...)); err != nil {
			return err
		}
		return c.CloseWrite()
	})
	raddr, rec := relay(t, addr)
	c := dial(t, raddr)
	if _, err := c.Write([]byte("Hello, ")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write([]byte("world")); err != nil {
		t.Fatal(err)
	}
	c.CloseWrite()
	answer, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if string(answer) != "got: Hello, world" {
		t.Errorf("answer %q", answer)
	}
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	c.Close()
	waitFor(t, rec, "relay done")
	if got := relayed(rec, "client 1"); string(got) != "Hello, world" {
		t.Errorf("recorded client bytes %q", got)
	}
	if got := relayed(rec, "server 1"); string(got) != "got: Hello, world" {
		t.Errorf("recorded server bytes %q", got)
	}
	var ops []string
	for _, e := range rec.Events() {
		if e.Op == "shutdown" || e.Op == "connect" || e.Op == "accept" {
			ops = append(ops, e.Side+" "+e.Op)
		}
	}
	if fmt.Sprint(ops) != "[client 1 connect server 1 accept client 1 shutdown server 1 shutdown]" {
		t.Errorf("recorded %v", ops)
	}
}

func TestResetPassesOn(t *testing.T) {
	// The client sends a byte and resets; the server must see the reset.
	addr, errs := server(t, func(c *net.TCPConn) error {
		buf := make([]byte, 16)
		for {
			_, err := c.Read(buf)
			if errors.Is(err, syscall.ECONNRESET) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("server read %v, want a reset", err)
			}
		}
	})
	raddr, rec := relay(t, addr)
	c := dial(t, raddr)
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, rec, "send")
	c.SetLinger(0)
	c.Close()
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
	waitFor(t, rec, "relay done")
	found := false
	for _, e := range rec.Events() {
		if e.Op == "error" && e.Side == "client 1" && e.Err == "connection reset by peer" {
			found = true
		}
	}
	if !found {
		t.Errorf("the reset was not recorded: %+v", rec.Events())
	}
}

func TestTenMiBBothWaysAndSeveralAtOnce(t *testing.T) {
	// An echo server: every byte comes back, in order, unchanged.
	addr, errs := server(t, func(c *net.TCPConn) error {
		if _, err := io.Copy(c, c); err != nil {
			return err
		}
		return c.CloseWrite()
	})
	raddr, rec := relay(t, addr)
	sizes := []int{10 << 20, 1, 1000, 70000, 3 << 20, 5, 64 << 10, 12345}
	var wg sync.WaitGroup
	fail := make(chan error, len(sizes))
	for _, n := range sizes {
		data := make([]byte, n)
		rand.Read(data)
		c := dial(t, raddr)
		wg.Add(1)
		go func() {
			defer wg.Done()
			go func() {
				c.Write(data)
				c.CloseWrite()
			}()
			back, err := io.ReadAll(c)
			switch {
			case err != nil:
				fail <- err
			case !bytes.Equal(back, data):
				fail <- fmt.Errorf("%d bytes sent, %d came back, equal: %v", n, len(back), bytes.Equal(back, data))
			}
		}()
	}
	wg.Wait()
	close(fail)
	for err := range fail {
		t.Error(err)
	}
	for range sizes {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	for range sizes {
		waitFor(t, rec, "relay done")
	}
	total := 0
	for i := range sizes {
		total += len(relayed(rec, fmt.Sprintf("client %d", i+1)))
	}
	if want := 10<<20 + 1 + 1000 + 70000 + 3<<20 + 5 + 64<<10 + 12345; total != want {
		t.Errorf("recorded %d bytes from clients, want %d", total, want)
	}
}

func TestNoServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gone := ln.Addr().String()
	ln.Close()
	raddr, rec := relay(t, gone)
	// The reset may come so fast that the client's connect reports it.
	c, err := net.DialTimeout("tcp", raddr, deadline)
	if err == nil {
		defer c.Close()
		c.SetDeadline(time.Now().Add(deadline))
		_, err = c.Read(make([]byte, 1))
	}
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("client read %v, want a reset like a refused connection", err)
	}
	waitFor(t, rec, "error")
	if e := last(rec, "error"); e.Call != "connect" || e.Err != "connection refused" || e.Side != "server 1" {
		t.Errorf("recorded %+v", e)
	}
}

func TestRefusesToRelayToItself(t *testing.T) {
	r := &Relay{Listen: "127.0.0.1:0", To: "127.0.0.1:0", Rec: trace.NewRecorder()}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r.Listen = fmt.Sprintf("127.0.0.1:%d", port)
	r.To = fmt.Sprintf("localhost:%d", port)
	if err := r.Run(context.Background(), nil); err == nil {
		t.Error("relaying to itself was not refused")
	}
}

// waitFor waits until rec has one more event with op (or note key) than
// it had at the last call for that op.
func waitFor(t *testing.T, rec *trace.Recorder, what string) {
	t.Helper()
	start := time.Now()
	for time.Since(start) < deadline {
		n := 0
		for _, e := range rec.Events() {
			if e.Op == what || e.Key == what {
				n++
			}
		}
		if n > seen[rec][what] {
			if seen[rec] == nil {
				seen[rec] = map[string]int{}
			}
			seen[rec][what]++
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("no %s event within %v", what, deadline)
}

var seen = map[*trace.Recorder]map[string]int{}

func last(rec *trace.Recorder, op string) trace.Event {
	ev := rec.Events()
	for i := len(ev) - 1; i >= 0; i-- {
		if ev[i].Op == op {
			return ev[i]
		}
	}
	return trace.Event{}
}
