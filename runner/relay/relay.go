// Package relay is the engine of `socktour watch`: a TCP relay between a
// learner's client and a learner's server. It passes every byte on
// unchanged and as soon as it comes, passes a half-close on as a
// half-close and a reset as a reset, and records what it passed as trace
// events, so the two programs' traffic can be shown like a lesson's.
//
// The relay sees the bytes, not the programs' calls: each data event is
// one read of the relay's own, which may hold several of a program's sends
// or part of one. Its events carry the key "relayed" so that the display
// can say so. Of a read larger than trace.MaxKept only the first and last
// bytes are kept, with the count of those left out: a relay left running
// holds no more than what it shows.
package relay

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// Key marks every event the relay records.
const Key = "relayed"

// Defaults.
const (
	DefaultIdle     = 5 * time.Minute
	DefaultMaxConns = 64
	DefaultBufSize  = 32 << 10
	dialTimeout     = 5 * time.Second
)

// Relay passes connections from Listen on to To.
type Relay struct {
	Listen string // the address to listen on, "127.0.0.1:9000"
	To     string // the server's address, "127.0.0.1:8000"
	Rec    *trace.Recorder
	// Idle closes a connection that has moved no byte either way for this
	// long; zero means DefaultIdle.
	Idle     time.Duration
	MaxConns int // connections at once; zero means DefaultMaxConns
	BufSize  int // the relay's read size; zero means DefaultBufSize

	mu    sync.Mutex
	conns map[net.Conn]bool
	n     int
	wg    sync.WaitGroup
}

// Run listens and relays until ctx is done, then closes every connection
// and waits for them. ready is told the address listened on.
func (r *Relay) Run(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", r.Listen)
	if err != nil {
		return err
	}
	if same(ln.Addr().String(), r.To) {
		ln.Close()
		return fmt.Errorf("--to %s is the relay's own address: it would relay to itself", r.To)
	}
	r.conns = map[net.Conn]bool{}
	stop := context.AfterFunc(ctx, func() {
		ln.Close()
		r.mu.Lock()
		for c := range r.conns {
			c.Close()
		}
		r.mu.Unlock()
	})
	defer stop()
	if ready != nil {
		ready(ln.Addr().String())
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			r.wg.Wait()
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		k, ok := r.admit(c)
		if !ok {
			r.Rec.Add(trace.Event{Side: "tutor", Op: "note", Key: "relay busy",
				Vals: map[string]string{"conns": strconv.Itoa(r.maxConns())}})
			c.Close()
			continue
		}
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			r.serve(ctx, k, c)
		}()
	}
}

// same reports whether two addresses are one: the relay must not relay
// to itself.
func same(listen, to string) bool {
	lh, lp, err1 := net.SplitHostPort(listen)
	th, tp, err2 := net.SplitHostPort(to)
	if err1 != nil || err2 != nil || lp != tp {
		return false
	}
	loop := func(h string) bool {
		ip := net.ParseIP(h)
		return h == "localhost" || (ip != nil && (ip.IsLoopback() || ip.IsUnspecified()))
	}
	return lh == th || (loop(lh) && loop(th))
}

func (r *Relay) maxConns() int {
	if r.MaxConns > 0 {
		return r.MaxConns
	}
	return DefaultMaxConns
}

// admit numbers a new connection, or refuses it when too many are open.
func (r *Relay) admit(c net.Conn) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.conns) >= r.maxConns() {
		return 0, false
	}
	r.conns[c] = true
	r.n++
	return r.n, true
}

func (r *Relay) track(c net.Conn, on bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if on {
		r.conns[c] = true
	} else {
		delete(r.conns, c)
	}
}

// link is one relayed connection: the client's socket and the server's.
type link struct {
	r                  *Relay
	client, server     *net.TCPConn
	clientAt, serverAt string // the programs' own addresses
	cname, sname       string // "client 1", "server 1"
	last               atomic.Int64
	moved              [2]atomic.Int64 // bytes client→server, server→client
	resetOnce          sync.Once
}

// serve relays connection k until both directions are done.
func (r *Relay) serve(ctx context.Context, k int, c net.Conn) {
	defer r.track(c, false)
	defer c.Close()
	l := &link{r: r, client: c.(*net.TCPConn), cname: fmt.Sprintf("client %d", k), sname: fmt.Sprintf("server %d", k)}
	l.clientAt = c.RemoteAddr().String()
	r.Rec.Add(trace.Event{Side: l.cname, Op: "connect", Key: Key, Local: l.clientAt, Remote: c.LocalAddr().String()})

	d := net.Dialer{Timeout: dialTimeout}
	s, err := d.DialContext(ctx, "tcp", r.To)
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		r.Rec.Add(trace.Event{Side: l.sname, Op: "error", Call: "connect", Key: Key, Remote: r.To, Err: trace.SysWords(err)})
		l.client.SetLinger(0) // the client sees a reset, as if refused itself
		return
	}
	r.track(s, true)
	defer r.track(s, false)
	defer s.Close()
	l.server = s.(*net.TCPConn)
	l.serverAt = s.RemoteAddr().String()
	r.Rec.Add(trace.Event{Side: l.sname, Op: "accept", Key: Key, Local: l.serverAt, Remote: s.LocalAddr().String()})
	l.last.Store(time.Now().UnixNano())

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		l.pump(l.server, l.client, 1)
	}()
	l.pump(l.client, l.server, 0)
	wg.Wait()
	r.Rec.Add(trace.Event{Side: "tutor", Op: "note", Key: "relay done", Vals: map[string]string{
		"conn": strconv.Itoa(k), "up": strconv.FormatInt(l.moved[0].Load(), 10),
		"down": strconv.FormatInt(l.moved[1].Load(), 10),
	}})
}

// pump passes one direction: dir 0 is client → server, 1 server → client.
func (l *link) pump(from, to *net.TCPConn, dir int) {
	side, at, peerAt := l.cname, l.clientAt, l.serverAt
	if dir == 1 {
		side, at, peerAt = l.sname, l.serverAt, l.clientAt
	}
	size := l.r.BufSize
	if size <= 0 {
		size = DefaultBufSize
	}
	idle := l.r.Idle
	if idle <= 0 {
		idle = DefaultIdle
	}
	buf := make([]byte, size)
	var off int64
	for {
		from.SetReadDeadline(time.Now().Add(idle))
		n, err := from.Read(buf)
		if n > 0 {
			// Recorded before it is passed on: the other program cannot
			// answer bytes it has not got, so the record keeps cause
			// before effect.
			l.last.Store(time.Now().UnixNano())
			// Of a large read only its edges are kept: memory and the
			// recording stay small however much passes.
			kept, elided := trace.Keep(buf[:n])
			l.r.Rec.Add(trace.Event{Side: side, Op: "send", Key: Key, N: n, Size: size,
				Hex: kept, Elided: elided, Off: off, Local: at, Remote: peerAt})
			off += int64(n)
			l.moved[dir].Add(int64(n))
			to.SetWriteDeadline(time.Now().Add(idle))
			if _, werr := to.Write(buf[:n]); werr != nil {
				if errors.Is(werr, syscall.ECONNRESET) || errors.Is(werr, syscall.EPIPE) {
					l.reset(l.other(side)) // the other program reset
				} else {
					l.broken(from, to, side, werr)
				}
				return
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, io.EOF):
			// A half-close passed on as a half-close: the other program
			// reads the end of the stream and may still answer.
			l.r.Rec.Add(trace.Event{Side: side, Op: "shutdown", Key: Key, Local: at, Remote: peerAt})
			to.CloseWrite()
			return
		case errors.Is(err, syscall.ECONNRESET):
			l.reset(side)
			return
		case errors.Is(err, net.ErrClosed):
			return
		case errors.Is(err, syscall.ETIMEDOUT) || isTimeout(err):
			if time.Since(time.Unix(0, l.last.Load())) < idle {
				continue // the other direction is busy: keep waiting
			}
			l.r.Rec.Add(trace.Event{Side: "tutor", Op: "note", Key: "relay idle", Vals: map[string]string{"side": side, "idle": idle.String()}})
			to.Close()
			from.Close()
			return
		default:
			l.broken(from, to, side, err)
			return
		}
	}
}

// other is the name of the program at the other end from side.
func (l *link) other(side string) string {
	if side == l.cname {
		return l.sname
	}
	return l.cname
}

// reset passes a reset on as a reset: by reset its connection, so the
// relay resets the other program's (close with SO_LINGER 0 sends RST).
// Whichever direction notices first does it, once.
func (l *link) reset(by string) {
	l.resetOnce.Do(func() {
		at, peerAt := l.clientAt, l.serverAt
		if by == l.sname {
			at, peerAt = l.serverAt, l.clientAt
		}
		l.r.Rec.Add(trace.Event{Side: by, Op: "error", Call: "recv", Key: Key, Local: at, Remote: peerAt,
			Err: trace.SysWords(syscall.ECONNRESET)})
		l.client.SetLinger(0)
		l.server.SetLinger(0)
		l.client.Close()
		l.server.Close()
	})
}

// broken ends a connection after an error the relay cannot pass on as it
// is: both ends are closed.
func (l *link) broken(from, to *net.TCPConn, side string, err error) {
	if !errors.Is(err, net.ErrClosed) {
		l.r.Rec.Add(trace.Event{Side: side, Op: "error", Call: "relay", Key: Key, Err: trace.SysWords(err)})
	}
	to.Close()
	from.Close()
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
