package trace

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"sync"
	"time"
)

// NetListener returns l as a net.Listener, so that a server of the
// standard library (net/http's Server.Serve) can accept on it: every
// accept, and every read, write and close on the connections it accepts,
// is recorded just as a lesson's own calls are. Closing it closes l.
func (l *Listener) NetListener() net.Listener { return netListener{l} }

type netListener struct{ l *Listener }

func (n netListener) Accept() (net.Conn, error) {
	c, err := n.l.Accept()
	if err != nil {
		return nil, err
	}
	return c.NetConn(), nil
}

func (n netListener) Close() error   { return n.l.Close() }
func (n netListener) Addr() net.Addr { return n.l.ln.Addr() }

// NetConn returns c as a net.Conn, for code that takes one (a server of
// the standard library). Its reads and writes are c's, recorded. Deadlines
// set through it are kept: a read or write waits until the earlier of the
// deadline set and the recorder's timeout, and a deadline set while a read
// waits ends that read, as net/http does to stop its background read.
// A read ended by a deadline that was set through it (net/http's own
// deadlines) is recorded as a note "stopped", not as an error: nothing
// failed, and no peer caused it; a read ended by the recorder's timeout is
// an error as usual. Close may be called more than once and from any
// goroutine, as net/http does when its server is closed.
func (c *Conn) NetConn() net.Conn { return &netConn{c: c} }

// CloseWriter is what a net.Conn from NetConn also is, as a *net.TCPConn
// is: net/http looks for it to half-close a connection.
type CloseWriter interface{ CloseWrite() error }

type netConn struct {
	c      *Conn
	mu     sync.Mutex // orders setting a deadline against a read or write starting
	rd, wd time.Time  // deadlines set through SetDeadline and friends
	once   sync.Once
	cerr   error
}

// deadline is the earlier of set (when set) and the recorder's timeout.
func (n *netConn) deadline(set time.Time) time.Time {
	d := time.Now().Add(n.c.side.rec.timeout())
	if !set.IsZero() && set.Before(d) {
		return set
	}
	return d
}

// Read is recv, as Conn.Read, under the deadline rule above.
func (n *netConn) Read(b []byte) (int, error) {
	c := n.c
	n.mu.Lock()
	c.c.SetReadDeadline(n.deadline(n.rd))
	n.mu.Unlock()
	k, err := c.c.Read(b)
	if err != nil && !errors.Is(err, io.EOF) {
		if errors.Is(err, os.ErrDeadlineExceeded) && n.stoppedByCaller() {
			c.side.record(Event{Side: c.side.name, Op: "note", Key: "stopped", Sock: c.sock, Size: len(b),
				Vals: map[string]string{"text": fmt.Sprintf("recv(%d) ended by a deadline its caller set", len(b)),
					"size": strconv.Itoa(len(b))}})
			return k, err
		}
		return k, c.side.failed(Event{Call: "recv", Sock: c.sock, Size: len(b),
			Local: c.local, Remote: c.remote}, err)
	}
	e := c.event("recv")
	e.N, e.Size, e.Off, e.EOF = k, len(b), c.got, err != nil
	c.side.recordData(e, b[:k:k])
	c.got += int64(k)
	return k, err
}

// Write is sendall, as Conn.Write, under the deadline rule above.
func (n *netConn) Write(b []byte) (int, error) {
	c := n.c
	n.mu.Lock()
	c.c.SetWriteDeadline(n.deadline(n.wd))
	n.mu.Unlock()
	k, err := c.c.Write(b)
	if err != nil {
		return k, c.side.fail("send", c.sock, c.local, c.remote, err)
	}
	e := c.event("send")
	e.N, e.Off = k, c.sent
	c.side.recordData(e, b[:k:k])
	c.sent += int64(k)
	return k, nil
}

// stoppedByCaller reports whether a deadline set through n has passed.
func (n *netConn) stoppedByCaller() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return !n.rd.IsZero() && !time.Now().Before(n.rd)
}

func (n *netConn) Close() error {
	n.once.Do(func() { n.cerr = n.c.Close() })
	return n.cerr
}

func (n *netConn) CloseWrite() error    { return n.c.CloseWrite() }
func (n *netConn) LocalAddr() net.Addr  { return n.c.c.LocalAddr() }
func (n *netConn) RemoteAddr() net.Addr { return n.c.c.RemoteAddr() }

func (n *netConn) SetDeadline(t time.Time) error {
	n.SetReadDeadline(t)
	return n.SetWriteDeadline(t)
}

func (n *netConn) SetReadDeadline(t time.Time) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.rd = t
	if t.IsZero() {
		return nil
	}
	return n.c.c.SetReadDeadline(t)
}

func (n *netConn) SetWriteDeadline(t time.Time) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.wd = t
	if t.IsZero() {
		return nil
	}
	return n.c.c.SetWriteDeadline(t)
}
