package lessons

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// TestServeFullKeepsTheNextClientWaiting: with MaxClients connected and
// silent, the next client is neither reset nor refused: it waits in the
// backlog, the server's screen says why, and it is answered as soon as a
// silent one leaves.
func TestServeFullKeepsTheNextClientWaiting(t *testing.T) {
	addr, events := startServe(t, 1)
	silent := make([]net.Conn, MaxClients)
	for i := range silent {
		silent[i] = dial(t, addr)
	}
	waiting := dial(t, addr)
	if _, err := waiting.Write([]byte("你好")); err != nil {
		t.Fatal(err)
	}
	// Wait until the server says it is full: it has accepted all the
	// silent clients and does not call accept for the next.
	for deadline := time.Now().Add(2 * time.Second); !saidFull(events()); {
		if time.Now().After(deadline) {
			t.Fatal("the server never said it was full")
		}
		time.Sleep(time.Millisecond) // polling the server's own events, not standing in for them
	}
	waiting.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, err := waiting.Read(make([]byte, 16)); n != 0 || !timedOut(err) {
		t.Fatalf("while full, the waiting client read %d bytes, %v; want nothing yet", n, err)
	}
	silent[0].Close()
	waiting.SetReadDeadline(time.Now().Add(2 * time.Second))
	got, err := io.ReadAll(waiting)
	if err != nil || string(got) != "欢迎" {
		t.Errorf("once a place freed, the waiting client got %q, %v; want 欢迎", got, err)
	}
}

func saidFull(events []trace.Event) bool {
	for _, e := range events {
		if e.Op == "note" && e.Key == "full" {
			return true
		}
	}
	return false
}

func timedOut(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}
