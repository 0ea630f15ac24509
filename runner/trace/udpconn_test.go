//go:build unix

package trace

import (
	"errors"
	"net"
	"syscall"
	"testing"
)

// closedUDPPort is a loopback address with no UDP socket behind it.
func closedUDPPort(t *testing.T) string {
	t.Helper()
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	addr := c.LocalAddr().String()
	c.Close()
	return addr
}

// TestConnectedUDPHearsRefusal checks what a connected UDP socket records
// when it sends to a closed port: connect and send succeed, and the next
// recv fails with the refusal the ICMP answer brought, marked "udp".
func TestConnectedUDPHearsRefusal(t *testing.T) {
	rec := NewRecorder()
	nobody := closedUDPPort(t)
	u, err := rec.Side("client").DialUDP(nobody)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if n, err := u.Write([]byte("ping")); n != 4 || err != nil {
		t.Fatalf("send: %d, %v", n, err)
	}
	if _, err := u.Read(make([]byte, 16)); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("recv: %v, want connection refused", err)
	}
	u.Close()
	ev := rec.Events()
	var ops []string
	for _, e := range ev {
		ops = append(ops, e.Op+"/"+e.Call)
		if e.Key != "udp" || e.Local != u.LocalAddr() || e.Remote != nobody {
			t.Errorf("event %+v: want key udp, %s → %s", e, u.LocalAddr(), nobody)
		}
	}
	want := "[connect/ send/ error/recv close/]"
	if got := fmtOps(ops); got != want {
		t.Fatalf("recorded %s, want %s", got, want)
	}
	if ev[1].N != 4 || string(ev[1].Hex) != "ping" || ev[2].Err != "connection refused" {
		t.Errorf("send %+v, error %+v", ev[1], ev[2])
	}
}

// TestReadFromNowDoesNotWait checks the non-blocking recvfrom: with
// nothing queued it fails at once with EAGAIN, recorded; with a datagram
// queued it returns it.
func TestReadFromNowDoesNotWait(t *testing.T) {
	rec := NewRecorder()
	p, err := rec.Side("client").ListenUDP("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	buf := make([]byte, 4)
	if _, _, err := p.ReadFromNow(buf); !errors.Is(err, syscall.EAGAIN) {
		t.Fatalf("empty socket: %v, want EAGAIN", err)
	}
	// A datagram to ourselves; Pending polls until it is queued.
	if _, err := p.WriteTo([]byte("hello"), p.LocalAddr()); err != nil {
		t.Fatal(err)
	}
	for i := 0; !p.Pending(); i++ {
		if i > 1_000_000 {
			t.Fatal("the datagram to ourselves never arrived")
		}
	}
	n, from, err := p.ReadFromNow(buf)
	if err != nil || n != 4 || from != p.LocalAddr() || string(buf) != "hell" {
		t.Fatalf("ReadFromNow: %d %q from %s, %v", n, buf[:n], from, err)
	}
	ev := rec.Events()
	last := ev[len(ev)-1]
	if last.Op != "recvfrom" || !last.Trunc || last.Size != 4 || last.N != 4 {
		t.Errorf("read event %+v, want a cut 4-byte recvfrom", last)
	}
	if e := ev[1]; e.Op != "error" || e.Call != "recvfrom" || e.Err != "resource temporarily unavailable" {
		t.Errorf("first read's event %+v, want EAGAIN's error", e)
	}
}

func fmtOps(ops []string) string {
	s := "["
	for i, o := range ops {
		if i > 0 {
			s += " "
		}
		s += o
	}
	return s + "]"
}
