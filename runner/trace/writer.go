package trace

import (
	"errors"
	"net"
	"time"
)

// Writer is a connection's sending half, for a goroutine of its own: its
// sends and its shutdown are recorded under a party of their own, named
// after the connection's ("server sends"), and its bytes continue the
// connection's stream offsets. It is for a program that reads and writes
// one connection from two goroutines at once, as lesson 8's chat does
// (the tutorial's two threads).
//
// Why a party of its own: the display keeps each party's calls in the
// order it made them, and a party's calls made from two goroutines have
// no such order. With the reads and the writes apart, every wait that
// matters is one the display knows: a read after the send it took, an
// end of stream after the peer's shutdown, each goroutine's calls in its
// order. The goroutine that reads should be the one that goes on when
// both are done (to say last words, to close), because its calls follow
// what it read.
type Writer struct {
	conn *Conn
	side *Side
}

// WritesAs returns the connection's sending half, its calls recorded
// under "<party> <name>": on the server's connection, WritesAs("sends")
// records as "server sends". Send on the Conn itself only once the
// Writer's goroutine is done.
func (c *Conn) WritesAs(name string) *Writer {
	return &Writer{conn: c, side: &Side{rec: c.side.rec, name: c.side.name + " " + name, quiet: c.side.quiet}}
}

// Write is sendall, as Conn.Write.
func (w *Writer) Write(b []byte) (int, error) {
	c := w.conn
	c.c.SetWriteDeadline(time.Now().Add(c.side.rec.timeout()))
	n, err := c.c.Write(b)
	if err != nil {
		return n, w.side.fail("send", c.sock, c.local, c.remote, err)
	}
	e := w.event("send")
	e.N, e.Off = n, c.sent
	w.side.recordData(e, b[:n:n])
	c.sent += int64(n)
	return n, nil
}

// CloseWrite is shutdown(SHUT_WR), as Conn.CloseWrite.
func (w *Writer) CloseWrite() error {
	c := w.conn
	tc, ok := c.c.(*net.TCPConn)
	if !ok {
		return errors.New("shutdown: not a TCP connection")
	}
	if err := tc.CloseWrite(); err != nil {
		return w.side.fail("shutdown", c.sock, c.local, c.remote, err)
	}
	w.side.record(w.event("shutdown"))
	return nil
}

func (w *Writer) event(op string) Event {
	c := w.conn
	return Event{Side: w.side.name, Op: op, Sock: c.sock, Local: c.local, Remote: c.remote}
}
