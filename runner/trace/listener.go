package trace

import (
	"errors"
	"net"
	"syscall"
)

// Listener is a listening TCP socket whose accepts are recorded.
type Listener struct {
	side *Side
	ln   net.Listener
	sock int
	addr string
}

// Listen opens a TCP socket, binds it to addr and listens with the given
// backlog: Python's socket(), bind() and listen(backlog), each a real
// call and each recorded. Port 0 lets the system pick a free port.
func (s *Side) Listen(addr string, backlog int) (*Listener, error) {
	ta, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		return nil, err
	}
	sock := s.rec.newSock()
	ln, bound, err := listenTCP(s, sock, ta, backlog)
	if err != nil {
		return nil, err
	}
	s.rec.keep(sock, ln)
	return &Listener{side: s, ln: ln, sock: sock, addr: bound}, nil
}

// Addr is the ip:port the listener is bound to.
func (l *Listener) Addr() string { return l.addr }

// Accept waits for the next connection and returns its socket. Once the
// listener is closed it returns net.ErrClosed, unrecorded.
func (l *Listener) Accept() (*Conn, error) {
	c, err := l.ln.Accept()
	if errors.Is(err, net.ErrClosed) {
		return nil, err
	}
	if err != nil {
		return nil, l.side.fail("accept", l.sock, l.addr, "", err)
	}
	conn := newConn(l.side, c, l.side.rec.newSock())
	e := conn.event("accept")
	l.side.record(e)
	return conn, nil
}

// Close stops listening; a pending Accept returns net.ErrClosed.
func (l *Listener) Close() error { return l.close(nil) }

// Stop is Close for a server that was told to stop (Ctrl-C on serve),
// not one that was done: the event says so (vals "why": "stopped"), and
// the narration with it.
func (l *Listener) Stop() error { return l.close(map[string]string{"why": "stopped"}) }

func (l *Listener) close(vals map[string]string) error {
	l.side.rec.forget(l.sock)
	err := l.ln.Close()
	if errors.Is(err, net.ErrClosed) {
		return nil
	}
	if err != nil {
		return l.side.fail("close", l.sock, l.addr, "", err)
	}
	l.side.record(Event{Side: l.side.name, Op: "close", Sock: l.sock, Local: l.addr, Key: "listener", Vals: vals})
	return nil
}

// Pending reports whether a connection is queued, so that Accept would
// not wait: a check can tell a client that connected and left from one
// that never connected.
func (l *Listener) Pending() bool {
	sc, ok := l.ln.(syscall.Conn)
	return ok && pending(sc)
}
