package trace

import (
	"errors"
	"os"
	"testing"
	"time"
)

// TestWaitUnreadMakesSendsMergeInOneRead: three writes from another
// goroutine, a wait for all their bytes, then one read that holds them
// all, every time, with no sleep.
func TestWaitUnreadMakesSendsMergeInOneRead(t *testing.T) {
	for i := range 200 {
		rec := NewRecorder()
		conn, peer := pair(t, rec)
		go func() {
			for _, m := range []string{"hello", "world", "!"} {
				peer.Write([]byte(m))
			}
		}()
		if q, err := conn.WaitUnread(11); err != nil || q < 11 {
			t.Fatalf("run %d: WaitUnread: %d, %v", i, q, err)
		}
		buf := make([]byte, 1024)
		n, err := conn.Read(buf)
		if err != nil || string(buf[:n]) != "helloworld!" {
			t.Fatalf("run %d: read %q, %v", i, buf[:n], err)
		}
		conn.Close()
		peer.Close()
	}
}

// TestWaitUnreadEndsAtTheEndOfTheStream: a peer that sends less and
// hangs up does not leave the wait hanging; a silent one meets the
// deadline.
func TestWaitUnreadEndsAtTheEndOfTheStream(t *testing.T) {
	rec := NewRecorder()
	conn, peer := pair(t, rec)
	peer.Write([]byte("hi"))
	peer.Close()
	if q, err := conn.WaitUnread(11); err != nil || q != 2 {
		t.Errorf("after a short message and a close: %d, %v; want 2, nil", q, err)
	}
	conn.Close()

	rec = NewRecorder()
	rec.Timeout = 50 * time.Millisecond
	conn, peer = pair(t, rec)
	defer peer.Close()
	defer conn.Close()
	start := time.Now()
	if _, err := conn.WaitUnread(1); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("silent peer: %v, want a deadline", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("waited %v", d)
	}
	// The wait leaves no deadline behind for the next read.
	peer.Write([]byte("x"))
	if n, err := conn.Read(make([]byte, 4)); n != 1 || err != nil {
		t.Errorf("read after the wait: %d, %v", n, err)
	}
}

func TestNoDelayIsGosDefault(t *testing.T) {
	conn, peer := pair(t, NewRecorder())
	defer peer.Close()
	defer conn.Close()
	if on, err := conn.NoDelay(); !on || err != nil {
		t.Errorf("NoDelay: %v, %v; Go sets TCP_NODELAY on every connection", on, err)
	}
}
