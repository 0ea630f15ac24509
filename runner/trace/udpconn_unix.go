//go:build unix

package trace

import (
	"net"
	"syscall"
)

// ReadFromNow is recvfrom on a non-blocking socket, Python's
// sock.setblocking(False) then sock.recvfrom(len(b)): one real call that
// returns a queued datagram or fails at once with "resource temporarily
// unavailable" (EAGAIN; Python raises BlockingIOError), without waiting.
func (p *PacketConn) ReadFromNow(b []byte) (int, string, error) {
	rc, err := p.c.SyscallConn()
	if err != nil {
		return 0, "", err
	}
	var (
		n     int
		from  syscall.Sockaddr
		rerr  error
		flags int
	)
	cerr := rc.Control(func(fd uintptr) {
		n, _, flags, from, rerr = syscall.Recvmsg(int(fd), b, nil, syscall.MSG_DONTWAIT)
	})
	if cerr != nil {
		rerr = cerr
	}
	if rerr != nil {
		return 0, "", p.side.failed(Event{Call: "recvfrom", Sock: p.sock, Size: len(b),
			Local: p.local, Key: "udp"}, rerr)
	}
	addr := "?"
	if in4, ok := from.(*syscall.SockaddrInet4); ok {
		addr = (&net.UDPAddr{IP: in4.Addr[:], Port: in4.Port}).String()
	} else if in6, ok := from.(*syscall.SockaddrInet6); ok {
		addr = (&net.UDPAddr{IP: in6.Addr[:], Port: in6.Port}).String()
	}
	e := p.event("recvfrom", addr)
	e.N, e.Size, e.Trunc = n, len(b), udpCut(flags)
	p.side.recordData(e, b[:n:n])
	return n, addr, nil
}

// udpCut reports whether a datagram read's flags say it was cut short.
func udpCut(flags int) bool { return flags&syscall.MSG_TRUNC != 0 }

// ReportUnreachable does nothing on Unix systems, where a connected UDP
// socket hears of an ICMP port unreachable and an unconnected one never
// does: see udpconn_windows.go.
func (p *PacketConn) ReportUnreachable() {}

// ReportUnreachable does nothing on Unix systems: see PacketConn's.
func (u *UDPConn) ReportUnreachable() {}
