package trace

import (
	"errors"
	"net"
	"time"
)

// UDPConn is a connected UDP socket whose calls are recorded: Python's
// socket(AF_INET, SOCK_DGRAM) then connect(addr). Connecting a UDP socket
// sends nothing; it fixes the one address the socket talks to, so Write is
// send and Read is recv, each one whole datagram. It also lets the system
// report to this socket what the network said about its datagrams: a
// datagram to a closed port draws an ICMP "port unreachable", and the
// socket's next call fails with "connection refused". An unconnected
// socket is never told.
type UDPConn struct {
	side          *Side
	c             *net.UDPConn
	sock          int
	local, remote string
	closed        bool
}

// DialUDP opens a UDP socket connected to addr. The event is a connect,
// marked "udp": no handshake, no packet, only an address remembered.
func (s *Side) DialUDP(addr string) (*UDPConn, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, err
	}
	sock := s.rec.newSock()
	c, err := net.DialUDP("udp", nil, ua)
	if err != nil {
		return nil, s.failUDP("connect", sock, "", addr, err)
	}
	s.rec.keep(sock, c)
	u := &UDPConn{side: s, c: c, sock: sock,
		local: c.LocalAddr().String(), remote: c.RemoteAddr().String()}
	s.record(u.event("connect"))
	return u, nil
}

func (u *UDPConn) event(op string) Event {
	return Event{Side: u.side.name, Op: op, Sock: u.sock, Local: u.local, Remote: u.remote, Key: "udp"}
}

// LocalAddr is this socket's ip:port, picked by the system at connect.
func (u *UDPConn) LocalAddr() string { return u.local }

// Write is send: one datagram to the connected address. Success means the
// system took it, not that anyone received it. It fails when the system
// already holds an error for this socket, such as a refusal of an earlier
// datagram.
func (u *UDPConn) Write(b []byte) (int, error) {
	u.c.SetWriteDeadline(time.Now().Add(u.side.rec.timeout()))
	n, err := u.c.Write(b)
	if err != nil {
		return n, u.side.failUDP("send", u.sock, u.local, u.remote, err)
	}
	e := u.event("send")
	e.N = n
	u.side.recordData(e, b[:n:n])
	return n, nil
}

// Read is recv: it waits for one datagram from the connected address, or
// for an error the system reports for this socket ("connection refused",
// once an ICMP port unreachable came back), whichever comes first.
func (u *UDPConn) Read(b []byte) (int, error) {
	u.c.SetReadDeadline(time.Now().Add(u.side.rec.timeout()))
	n, _, flags, _, err := u.c.ReadMsgUDP(b, nil)
	if err != nil {
		return n, u.side.failed(Event{Call: "recv", Sock: u.sock, Size: len(b),
			Local: u.local, Remote: u.remote, Key: "udp"}, err)
	}
	e := u.event("recv")
	e.N, e.Size, e.Trunc = n, len(b), udpCut(flags)
	u.side.recordData(e, b[:n:n])
	return n, nil
}

// Close closes the socket.
func (u *UDPConn) Close() error {
	if u.closed {
		return nil
	}
	u.closed = true
	u.side.rec.forget(u.sock)
	if err := u.c.Close(); err != nil {
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		return u.side.failUDP("close", u.sock, u.local, u.remote, err)
	}
	e := u.event("close")
	u.side.record(e)
	return nil
}

// failUDP is fail for a UDP socket: the error event is marked "udp", so
// that a refusal is explained as an ICMP answer to a datagram, not as a
// refused handshake.
func (s *Side) failUDP(call string, sock int, local, remote string, err error) error {
	return s.failed(Event{Call: call, Sock: sock, Local: local, Remote: remote, Key: "udp"}, err)
}
