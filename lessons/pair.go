package lessons

import (
	"context"
	"errors"
	"net"

	"github.com/socktour/socktour/runner/trace"
)

// runPair runs one exchange on a fresh loopback port: the server listens
// (backlog 5, as in the classic tutorial), accepts one connection and
// gives it to handle; the client runs against it. It returns when both
// sides are done, with the first failure of either.
//
// This is plumbing around the lesson code, not part of it: a learner
// would start the server and the client as two programs.
func runPair(ctx context.Context, rec *trace.Recorder,
	handle func(*trace.Conn) error,
	client func(context.Context, *trace.Side, string) error) error {
	return pair(ctx, rec.Side("server"), rec.Side("client"), handle, client)
}

// runQuietPair is runPair with the routine calls left unrecorded: for an
// experiment whose socket set-up the learner has seen already.
func runQuietPair(ctx context.Context, rec *trace.Recorder,
	handle func(*trace.Conn) error,
	client func(context.Context, *trace.Side, string) error) error {
	return pair(ctx, rec.QuietSide("server"), rec.QuietSide("client"), handle, client)
}

func pair(ctx context.Context, server, me *trace.Side,
	handle func(*trace.Conn) error,
	client func(context.Context, *trace.Side, string) error) error {

	ln, err := server.Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		// One client is all this server takes: stop listening.
		ln.Close()
		err = handle(conn)
		conn.Close()
		served <- err
	}()
	// The client starts once the server is listening: Listen has returned.
	cerr := client(ctx, me, ln.Addr())
	if cerr != nil {
		// The client may never have connected: stop waiting for it.
		ln.Close()
	}
	serr := <-served
	if cerr != nil {
		return cerr
	}
	if errors.Is(serr, net.ErrClosed) {
		return nil
	}
	return serr
}
