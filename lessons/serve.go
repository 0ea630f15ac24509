package lessons

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"

	"github.com/socktour/socktour/runner/trace"
)

// MaxClients is how many clients Serve talks to at once, so a flood
// cannot exhaust the server; more wait in the backlog until one leaves.
const MaxClients = 64

// ServeBacklog is the listen backlog of Serve: more than a lesson's 5, so
// that a classroom connecting at once is queued, not dropped.
const ServeBacklog = 128

// Serve runs the lesson's server on addr until ctx is done: it listens
// (backlog ServeBacklog), calls ready with the address it got, and gives every
// client its own goroutine running Handle, so that one silent client
// cannot hold up the others. Each call has the recorder's deadline, so a
// client that never sends is timed out. A client's misbehaviour is
// recorded, never fatal: only a failure to listen ends Serve.
func (l *Lesson) Serve(ctx context.Context, rec *trace.Recorder, addr string, ready func(addr string)) error {
	if l.ServeFunc != nil {
		return l.ServeFunc(ctx, rec, addr, ready)
	}
	server := rec.Side("server")
	ln, err := server.Listen(addr, ServeBacklog)
	if err != nil {
		return err
	}
	ready(ln.Addr())
	stop := context.AfterFunc(ctx, func() { ln.Stop() })
	defer stop()

	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, MaxClients)
	handlers := 0
	for {
		// A free place first. With MaxClients connected, accept is not
		// called: the next client's handshake is done by the system and
		// it waits in the backlog until a place frees, as it would at a
		// busy real server, instead of being cut off.
		select {
		case busy <- struct{}{}:
		default:
			server.Note("full", "clients", strconv.Itoa(MaxClients))
			select {
			case busy <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			server.Note("place free", "clients", strconv.Itoa(MaxClients))
		}
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			<-busy
			continue // recorded; the next client may fare better
		}
		handlers++
		if l.NameHandlers {
			conn.HandTo(rec.Side("handler " + strconv.Itoa(handlers)))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-busy }()
			l.Handle(conn)
			conn.Close()
		}()
	}
}
