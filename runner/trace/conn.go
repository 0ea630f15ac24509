package trace

import (
	"errors"
	"io"
	"net"
	"time"
)

// Conn is a connected TCP socket whose calls are recorded: each Read is a
// recv, each Write a send (all of it, like Python's sendall).
type Conn struct {
	side          *Side
	c             net.Conn
	sock          int
	local, remote string
	sent, got     int64 // bytes sent and received so far: the stream offsets
	closed        bool
	// rdl and wdl are the read and write deadlines this Conn last set on
	// the socket (see armed).
	rdl, wdl time.Time
}

func newConn(s *Side, c net.Conn, sock int) *Conn {
	s.rec.keep(sock, c)
	return &Conn{side: s, c: c, sock: sock,
		local: c.LocalAddr().String(), remote: c.RemoteAddr().String()}
}

// Note records an observation about this connection, as Side.Note does.
func (c *Conn) Note(key string, vals ...string) { c.side.Note(key, vals...) }

// LocalAddr is this end's ip:port.
func (c *Conn) LocalAddr() string { return c.local }

// RemoteAddr is the peer's ip:port.
func (c *Conn) RemoteAddr() string { return c.remote }

// HandTo records this connection's later calls under another side, such
// as the handler a server gives the connection to. Call it before the
// handler starts, not while another goroutine uses the connection.
func (c *Conn) HandTo(s *Side) { c.side = s }

func (c *Conn) event(op string) Event {
	return Event{Side: c.side.name, Op: op, Sock: c.sock, Local: c.local, Remote: c.remote}
}

// Read is recv: it waits for at least one byte (or the end of the stream)
// and returns at most len(b) bytes. At the end of the stream it returns
// 0, io.EOF, which is Python's empty b”. Like every call it has a
// deadline (see armed).
func (c *Conn) Read(b []byte) (int, error) {
	if t, ok := armed(c.rdl, c.side.rec.timeout()); ok {
		c.c.SetReadDeadline(t)
		c.rdl = t
	}
	return c.read(b)
}

// ReadWithin is Read with a deadline of its own, d from now: for a check
// that must know whether an answer came within d.
func (c *Conn) ReadWithin(b []byte, d time.Duration) (int, error) {
	c.rdl = time.Now().Add(d)
	c.c.SetReadDeadline(c.rdl)
	return c.read(b)
}

// read is one recv under the deadline already set, recorded.
func (c *Conn) read(b []byte) (int, error) {
	n, err := c.c.Read(b)
	if err != nil && !errors.Is(err, io.EOF) {
		return n, c.side.failed(Event{Call: "recv", Sock: c.sock, Size: len(b),
			Local: c.local, Remote: c.remote}, err)
	}
	e := c.event("recv")
	e.N, e.Size, e.Off, e.EOF = n, len(b), c.got, err != nil
	c.side.recordData(e, b[:n:n])
	c.got += int64(n)
	return n, err
}

// Write is sendall: it returns once all of b is handed to the system.
func (c *Conn) Write(b []byte) (int, error) { return c.write(b, false) }

// WriteEdges is Write for a message too large to show whole: the one
// send is recorded, with only the first and last Edge bytes of its
// payload kept and the rest counted as left out (Keep), as a relay keeps
// a large payload.
func (c *Conn) WriteEdges(b []byte) (int, error) { return c.write(b, true) }

func (c *Conn) write(b []byte, edges bool) (int, error) {
	if t, ok := armed(c.wdl, c.side.rec.timeout()); ok {
		c.c.SetWriteDeadline(t)
		c.wdl = t
	}
	n, err := c.c.Write(b)
	if err != nil {
		return n, c.side.fail("send", c.sock, c.local, c.remote, err)
	}
	e := c.event("send")
	e.N, e.Off = n, c.sent
	if edges && n > MaxKept {
		e.Hex, e.Elided = Keep(b[:n])
		c.side.recordData(e, nil)
	} else {
		c.side.recordData(e, b[:n:n])
	}
	c.sent += int64(n)
	return n, nil
}

// armed decides the deadline of a call about to start: the socket's
// deadline set stays when it is between 7/8 of timeout and timeout from
// now, else the call gets a new one, timeout from now (t, true). Setting
// a deadline costs about as much as a short call itself, and back to
// back calls would set nearly the same one each time; this way every
// call still has one, never more than timeout away and never less than
// 7/8 of it, and the socket is told at most once per eighth of timeout.
func armed(set time.Time, timeout time.Duration) (time.Time, bool) {
	now := time.Now()
	left := set.Sub(now)
	if left >= timeout-timeout/8 && left <= timeout {
		return set, false
	}
	return now.Add(timeout), true
}

// CloseWrite is shutdown(SHUT_WR): this side will send no more, and the
// peer's next read finds the end of the stream, while this side can still
// read.
func (c *Conn) CloseWrite() error {
	tc, ok := c.c.(*net.TCPConn)
	if !ok {
		return errors.New("shutdown: not a TCP connection")
	}
	if err := tc.CloseWrite(); err != nil {
		return c.side.fail("shutdown", c.sock, c.local, c.remote, err)
	}
	c.side.record(c.event("shutdown"))
	return nil
}

// Close closes the socket. The close event counts the bytes that were
// still unread: closing discards them.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	c.side.rec.forget(c.sock)
	unread := unreadBytes(c.c)
	err := c.c.Close()
	if errors.Is(err, net.ErrClosed) { // already closed by Recorder.Abort
		return nil
	}
	if err != nil {
		return c.side.fail("close", c.sock, c.local, c.remote, err)
	}
	e := c.event("close")
	if unread > 0 {
		e.Unread = unread
	}
	c.side.record(e)
	return nil
}

// bulkTimeout bounds a whole counted transfer.
const bulkTimeout = 30 * time.Second

// Counting returns the same socket with calls counted instead of recorded:
// for bulk transfers, where recording half a million reads would distort
// the very figures a lesson measures.
func (c *Conn) Counting() *Counter {
	c.rdl = time.Now().Add(bulkTimeout)
	c.wdl = c.rdl
	c.c.SetDeadline(c.rdl)
	return &Counter{conn: c}
}

// Counter reads and writes a Conn's socket, counting calls and bytes.
type Counter struct {
	conn  *Conn
	Calls int   // reads or writes made
	Bytes int64 // bytes moved
}

// Read is one recv, counted, not recorded. Errors other than the end of
// the stream are still recorded.
func (k *Counter) Read(b []byte) (int, error) {
	n, err := k.conn.c.Read(b)
	k.Calls++
	k.Bytes += int64(n)
	k.conn.got += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		c := k.conn
		return n, c.side.fail("recv", c.sock, c.local, c.remote, err)
	}
	return n, err
}

// Write is one sendall, counted, not recorded.
func (k *Counter) Write(b []byte) (int, error) {
	n, err := k.conn.c.Write(b)
	k.Calls++
	k.Bytes += int64(n)
	k.conn.sent += int64(n)
	if err != nil {
		c := k.conn
		return n, c.side.fail("send", c.sock, c.local, c.remote, err)
	}
	return n, nil
}
