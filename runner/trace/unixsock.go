package trace

import (
	"context"
	"net"
	"syscall"
)

// Unix domain sockets (AF_UNIX), for lesson 13: two programs on one
// machine talk through a path in the file system instead of an address
// and a port. The calls are the same as TCP's (socket, bind, listen,
// accept, connect, send, recv, close); only the address differs. A
// listener's Accept and the connections are the usual Listener and Conn,
// recorded the same way.

// Unnamed is how an event shows the end of a Unix connection that has no
// address: a client that connected without bind. Python's accept returns
// ” for it; Go's net package shows it as "@" (it reads the empty address
// as the start of an abstract name).
const Unnamed = "(unnamed)"

// unixName is a Unix socket address as events show it: a path, an
// abstract name "@name", or Unnamed.
func unixName(a net.Addr) string {
	if a == nil {
		return Unnamed
	}
	switch s := a.String(); s {
	case "", "@":
		return Unnamed
	default:
		return s
	}
}

// ListenUnix opens a Unix stream socket, binds it to path and listens
// with the given backlog: Python's socket(AF_UNIX, SOCK_STREAM),
// bind(path) and listen(backlog). A path that starts with "@" is a Linux
// abstract name (Python's "\0name"). As in Python, and unlike Go's own
// net.Listen("unix", …), closing the listener leaves the socket file in
// place: whoever made it removes it (os.Remove).
func (s *Side) ListenUnix(path string, backlog int) (*Listener, error) {
	sock := s.rec.newSock()
	ln, err := listenUnix(s, sock, path, backlog)
	if err != nil {
		return nil, err
	}
	s.rec.keep(sock, ln)
	return &Listener{side: s, ln: unixListener{ln}, sock: sock, addr: path}, nil
}

// DialUnix connects a Unix stream socket to path, like Python's
// socket(AF_UNIX) then connect(path). The client's own end has no name.
func (s *Side) DialUnix(ctx context.Context, path string) (*Conn, error) {
	sock := s.rec.newSock()
	d := net.Dialer{Timeout: s.rec.timeout()}
	c, err := d.DialContext(ctx, "unix", path)
	if err != nil {
		return nil, s.fail("connect", sock, Unnamed, path, err)
	}
	conn := newConn(s, unixConn{c.(*net.UnixConn)}, sock)
	s.record(Event{Side: s.name, Op: "connect", Sock: sock, Local: conn.local, Remote: conn.remote})
	return conn, nil
}

// unixListener is a Unix listener whose connections name their unnamed
// ends Unnamed.
type unixListener struct{ *net.UnixListener }

func (l unixListener) Accept() (net.Conn, error) {
	c, err := l.AcceptUnix()
	if err != nil {
		return nil, err
	}
	return unixConn{c}, nil
}

// SyscallConn is the listener's, so that Pending can look at its queue.
func (l unixListener) SyscallConn() (syscall.RawConn, error) { return l.UnixListener.SyscallConn() }

// unixConn is a Unix connection whose addresses read as events show them.
type unixConn struct{ *net.UnixConn }

func (c unixConn) LocalAddr() net.Addr  { return unixAddr(unixName(c.UnixConn.LocalAddr())) }
func (c unixConn) RemoteAddr() net.Addr { return unixAddr(unixName(c.UnixConn.RemoteAddr())) }

// unixAddr is a Unix address that prints as it is.
type unixAddr string

func (a unixAddr) Network() string { return "unix" }
func (a unixAddr) String() string  { return string(a) }
