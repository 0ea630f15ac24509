package trace

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

// ops lists the ops of events, in order.
func ops(events []Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Op)
	}
	return out
}

// reuseOf asks the system whether SO_REUSEADDR is set on l's socket.
func reuseOf(t *testing.T, l *Listener) int {
	t.Helper()
	rc, err := l.ln.(syscall.Conn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	v := -1
	rc.Control(func(fd uintptr) {
		v, err = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR)
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestListenWithoutReuse checks that ListenReuse(…, false) records
// socket, bind and listen and no setsockopt, that the option really is
// off, and that a second listener on the port fails at bind, with and
// without the option, recorded with the system's words.
func TestListenWithoutReuse(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").ListenReuse("127.0.0.1:0", 5, false)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if got := ops(rec.Events()); len(got) != 3 || got[0] != "socket" || got[1] != "bind" || got[2] != "listen" {
		t.Fatalf("recorded %v, want socket bind listen", got)
	}
	if v := reuseOf(t, ln); v != 0 {
		t.Errorf("SO_REUSEADDR is %d, want 0", v)
	}
	for _, reuse := range []bool{false, true} {
		_, err := rec.Side("server 2").ListenReuse(ln.Addr(), 5, reuse)
		if !errors.Is(err, syscall.EADDRINUSE) {
			t.Errorf("second listener (reuse %v): %v, want address already in use", reuse, err)
		}
	}
	var fails []Event
	for _, e := range rec.Events() {
		if e.Op == "error" {
			fails = append(fails, e)
		}
	}
	if len(fails) != 2 || fails[0].Call != "bind" || fails[0].Err != "address already in use" || fails[0].Local != ln.Addr() {
		t.Errorf("failures recorded: %+v, want two binds: address already in use", fails)
	}
	if rec.OpenSockets() != 1 {
		t.Errorf("%d sockets open, want only the first listener", rec.OpenSockets())
	}
}

// TestRestartOverTimeWait leaves a server's side of a connection in
// TIME_WAIT and listens again on its port: the restart binds only when
// the old listener and the new one both set SO_REUSEADDR.
func TestRestartOverTimeWait(t *testing.T) {
	for _, old := range []bool{false, true} {
		for _, nw := range []bool{false, true} {
			rec := NewRecorder()
			ln, err := rec.Side("server").ListenReuse("127.0.0.1:0", 5, old)
			if err != nil {
				t.Fatal(err)
			}
			c, err := net.Dial("tcp", ln.Addr())
			if err != nil {
				t.Fatal(err)
			}
			s, err := ln.Accept()
			if err != nil {
				t.Fatal(err)
			}
			// The server ends first; once it reads the client's FIN, its
			// side is in TIME_WAIT.
			s.CloseWrite()
			c.Read(make([]byte, 1))
			c.Close()
			if _, err := s.Read(make([]byte, 1)); !errors.Is(err, io.EOF) {
				t.Fatalf("server read %v, want the end of the stream", err)
			}
			s.Close()
			ln.Close()
			again, err := rec.Side("server").ListenReuse(ln.Addr(), 5, nw)
			if old && nw {
				if err != nil {
					t.Errorf("old %v new %v: %v, want a listener", old, nw, err)
				} else {
					again.Close()
				}
			} else if !errors.Is(err, syscall.EADDRINUSE) {
				t.Errorf("old %v new %v: %v, want address already in use", old, nw, err)
				if err == nil {
					again.Close()
				}
			}
		}
	}
}

// TestRecvOnListener checks that recv on a listening socket is a real
// call the system refuses with ENOTCONN, recorded as a failed recv.
func TestRecvOnListener(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if _, err := ln.Recv(1024); !errors.Is(err, syscall.ENOTCONN) {
		t.Fatalf("recv on the listener: %v, want transport endpoint is not connected", err)
	}
	ev := rec.Events()
	last := ev[len(ev)-1]
	if last.Op != "error" || last.Call != "recv" || last.Size != 1024 ||
		last.Err != "transport endpoint is not connected" || last.Local != ln.Addr() {
		t.Errorf("recorded %+v", last)
	}
}

// TestWaitReset checks that WaitReset returns once the peer's reset is
// in, so that the next read meets it after the bytes sent before it, and
// that without a reset it ends at its deadline.
func TestWaitReset(t *testing.T) {
	rec := NewRecorder()
	c, raw := pair(t, rec)
	c.Write([]byte("unread"))
	raw.Write([]byte("before"))
	if _, err := (&Conn{c: raw, side: rec.Side("peer")}).WaitUnread(6); err != nil {
		t.Fatal(err)
	}
	raw.Close() // 6 bytes unread: a reset
	if err := c.WaitReset(); err != nil {
		t.Fatalf("WaitReset: %v", err)
	}
	buf := make([]byte, 64)
	n, err := c.Read(buf)
	if string(buf[:n]) != "before" || err != nil {
		t.Errorf("first read after the reset: %q %v, want the bytes sent before it", buf[:n], err)
	}
	if _, err := c.Read(buf); !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("second read: %v, want connection reset by peer", err)
	}
	if _, err := c.Read(buf); !errors.Is(err, io.EOF) {
		t.Errorf("third read: %v, want the end of the stream", err)
	}

	quiet := NewRecorder()
	quiet.Timeout = 30 * time.Millisecond
	c2, _ := pair(t, quiet)
	start := time.Now()
	if err := c2.WaitReset(); err == nil {
		t.Error("WaitReset returned without a reset")
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("WaitReset took %v past a 30 ms deadline", d)
	}
}

// TestLookupRecordsTheName checks that a failed lookup is recorded with
// the resolver's words and the name, without the DNS server's address,
// and a literal address as resolved.
func TestLookupRecordsTheName(t *testing.T) {
	rec := NewRecorder()
	nowhere := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
	}}
	me := rec.Side("client")
	if _, err := me.LookupIP(context.Background(), nowhere, "nosuch.invalid."); err == nil {
		t.Fatal("nosuch.invalid. resolved")
	}
	if ips, err := me.LookupIP(context.Background(), nowhere, "127.0.0.1"); err != nil || len(ips) != 1 {
		t.Fatalf("127.0.0.1: %v %v", ips, err)
	}
	ev := rec.Events()
	if len(ev) != 2 || ev[0].Op != "error" || ev[0].Call != "lookup" || ev[0].Vals["host"] != "nosuch.invalid." || ev[0].Err == "" {
		t.Fatalf("recorded %+v", ev)
	}
	for _, bad := range []string{"53", "lookup nosuch"} {
		if strings.Contains(ev[0].Err, bad) {
			t.Errorf("the words %q carry %q", ev[0].Err, bad)
		}
	}
	if ev[1].Op != "note" || ev[1].Key != "resolved" || ev[1].Vals["addrs"] != "127.0.0.1" {
		t.Errorf("recorded %+v", ev[1])
	}
}
