package lessons

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"

	"github.com/socktour/socktour/runner/trace"
)

// MaxClients is how many clients Serve talks to at once; one more is
// accepted and closed at once, so a flood cannot exhaust the server.
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
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()

	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, MaxClients)
	handlers := 0
	for {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			continue // recorded; the next client may fare better
		}
		select {
		case busy <- struct{}{}:
		default:
			conn.Note("busy", "clients", strconv.Itoa(MaxClients))
			conn.Close()
			continue
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
