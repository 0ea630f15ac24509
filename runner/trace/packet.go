package trace

import (
	"errors"
	"net"
	"sync/atomic"
	"time"
)

// PacketConn is a UDP socket whose calls are recorded: WriteTo is sendto,
// ReadFrom is recvfrom. Each call moves one whole datagram.
type PacketConn struct {
	side   *Side
	c      *net.UDPConn
	sock   int
	local  string
	closed atomic.Bool
}

// ListenUDP opens a UDP socket bound to addr (port 0: the system picks),
// like Python's socket(AF_INET, SOCK_DGRAM) then bind(). There is no
// listen and no accept: datagrams simply arrive.
func (s *Side) ListenUDP(addr string) (*PacketConn, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err
	}
	sock := s.rec.newSock()
	c, err := net.ListenUDP("udp", ua)
	if err != nil {
		return nil, s.fail("bind", sock, addr, "", err)
	}
	s.rec.keep(sock, c)
	p := &PacketConn{side: s, c: c, sock: sock, local: c.LocalAddr().String()}
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: p.local, Key: "udp"})
	return p, nil
}

// LocalAddr is the ip:port this socket is bound to.
func (p *PacketConn) LocalAddr() string { return p.local }

func (p *PacketConn) event(op, remote string) Event {
	return Event{Side: p.side.name, Op: op, Sock: p.sock, Local: p.local, Remote: remote}
}

// WriteTo is sendto: one datagram to addr. It succeeds once the system
// has taken the datagram, whether or not anyone receives it.
func (p *PacketConn) WriteTo(b []byte, addr string) (int, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return 0, err
	}
	p.c.SetWriteDeadline(time.Now().Add(p.side.rec.timeout()))
	n, err := p.c.WriteToUDP(b, ua)
	if err != nil {
		return n, p.side.fail("sendto", p.sock, p.local, addr, err)
	}
	e := p.event("sendto", ua.String())
	e.N = n
	p.side.recordData(e, b[:n:n])
	return n, nil
}

// ReadFrom is recvfrom: it waits for one datagram and returns at most
// len(b) bytes of it, with the sender's address. When the datagram was
// bigger than b, the system reports it cut (MSG_TRUNC) and the rest is
// gone; the event says so.
func (p *PacketConn) ReadFrom(b []byte) (int, string, error) {
	return p.ReadFromWithin(b, p.side.rec.timeout())
}

// ReadFromWithin is ReadFrom with its own deadline: for a lesson that
// expects no answer and will say so when the deadline passes.
func (p *PacketConn) ReadFromWithin(b []byte, d time.Duration) (int, string, error) {
	p.c.SetReadDeadline(time.Now().Add(d))
	n, _, flags, from, err := p.c.ReadMsgUDP(b, nil)
	if err != nil {
		return n, "", p.side.failed(Event{Call: "recvfrom", Sock: p.sock, Size: len(b), Local: p.local}, err)
	}
	e := p.event("recvfrom", from.String())
	e.N, e.Size, e.Trunc = n, len(b), udpCut(flags)
	p.side.recordData(e, b[:n:n])
	return n, from.String(), nil
}

// Note records an observation about this socket, as Side.Note does.
func (p *PacketConn) Note(key string, vals ...string) { p.side.Note(key, vals...) }

// Close closes the socket. It is safe to call from another goroutine, to
// stop a read that waits.
func (p *PacketConn) Close() error {
	if p.closed.Swap(true) {
		return nil
	}
	p.side.rec.forget(p.sock)
	if err := p.c.Close(); err != nil {
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		return p.side.fail("close", p.sock, p.local, "", err)
	}
	p.side.record(Event{Side: p.side.name, Op: "close", Sock: p.sock, Local: p.local, Key: "udp"})
	return nil
}

// Pending reports whether a datagram is queued, so that a read would not
// wait.
func (p *PacketConn) Pending() bool { return pending(p.c) }
