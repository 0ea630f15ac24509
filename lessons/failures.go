package lessons

import (
	"context"
	"errors"
	"net"
	"runtime"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// failures is lesson 10: what each common failure looks like, on real
// sockets, with the call that fails, the system's words and what a
// program should do about it. Each scene is a part of its own.
var failures = &Lesson{
	Number:  10,
	Network: "tcp",
	Handle:  helloServer,
	// `client 10` is lesson 1's client, patient: it tries again while
	// the connection is refused, so it can be started before the server.
	Client: func(ctx context.Context, me *trace.Side, addr string) error {
		return retryingHello(ctx, me, addr, Retry{Tries: 50, Pause: 100 * time.Millisecond})
	},
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		// Scenes marked linux show what Linux does, checked there: how
		// SO_REUSEADDR binds, what a close with unread bytes sends, the
		// broken pipe, recv on a listening socket. Windows does some of
		// them otherwise (SO_REUSEADDR lets a second server bind a port
		// in use there), and no vendor's text settles the rest, so on
		// other systems they are named and passed over.
		scenes := []struct {
			part  string
			run   func(context.Context, *trace.Recorder) error
			linux bool
		}{
			{"part-refused", refusedThenRetried, false},
			{"part-in-use", secondServer, true},
			{"part-time-wait", restartAfterTimeWait, true},
			{"part-reset", resetWithDataFirst, true},
			{"part-timeout", readPastDeadline, false},
			{"part-no-such-name", nameThatDoesNotResolve, false},
			{"part-broken-pipe", sendAfterPeerClosed, true},
			{"part-listening-socket", recvOnListeningSocket, true},
		}
		for _, s := range scenes {
			tutor.Note(s.part)
			if s.linux && runtime.GOOS != "linux" {
				tutor.Note("linux only")
				continue
			}
			if err := s.run(ctx, rec); err != nil {
				return err
			}
		}
		return nil
	},
	Code: []string{"connectWithRetry", "retryingHello", "listenTwice", "endFirst", "readAfterReset",
		"readWithDeadline", "lookUpName", "answerNoSuchName", "sendAfterFIN", "sendAfterRST", "readFromListener"},
}

func init() { register(failures) }

// Retry says how a client retries a refused connect.
type Retry struct {
	Tries int           // attempts in all
	Pause time.Duration // the wait before each new attempt
	// Refused, when set, hears of each refusal before the pause: the
	// lesson's run starts its server there.
	Refused func(try int)
}

// connectWithRetry connects to addr, and when the connection is refused
// (nothing listens there yet) waits and tries again, up to r.Tries times.
// Any other failure is not worth retrying: it is returned at once.
func connectWithRetry(ctx context.Context, me *trace.Side, addr string, r Retry) (*trace.Conn, error) {
	for try := 1; ; try++ {
		conn, err := me.Dial(ctx, addr)
		if err == nil {
			return conn, nil
		}
		// Python: except ConnectionRefusedError. Only a refusal means
		// "not yet": the server may be starting.
		if !refused(err) || try >= r.Tries {
			return nil, err
		}
		if r.Refused != nil {
			r.Refused(try)
		}
		// Pause before the next attempt (Python: time.sleep), so that a
		// server that is down is not hammered with connects.
		select {
		case <-time.After(r.Pause):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

// retryingHello is lesson 1's client, connecting with retries.
func retryingHello(ctx context.Context, me *trace.Side, addr string, r Retry) error {
	conn, err := connectWithRetry(ctx, me, addr, r)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		return err
	}
	conn.Note("decoded", "text", decode(buf[:n]))
	return conn.Close()
}

// refusedThenRetried is the first scene: a client connects to a port
// where the server has just stopped, and is refused; the server comes
// back on the same port, and the client's next attempt gets through.
func refusedThenRetried(ctx context.Context, rec *trace.Recorder) error {
	server := rec.Side("server")
	// A server that ran a moment ago: its port is free now.
	ln, err := server.Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	addr := ln.Addr()
	ln.Close()

	served := make(chan error, 1)
	var back *trace.Listener
	retry := Retry{Tries: 3, Pause: 2 * time.Millisecond, Refused: func(try int) {
		if back != nil {
			return
		}
		// The server starts again, on the same port, while the client
		// waits to retry.
		rec.Side("tutor").Note("server back")
		if back, err = server.Listen(addr, 5); err != nil {
			served <- err
			return
		}
		go func() { served <- serveOne(back, helloServer) }()
	}}
	cerr := retryingHello(ctx, rec.Side("client"), addr, retry)
	switch {
	case back == nil && err == nil:
		return errors.Join(errors.New("the first connect was not refused"), cerr)
	case back == nil:
		return err
	case cerr != nil:
		back.Close() // stop waiting for a client that gave up
	}
	return errors.Join(cerr, <-served)
}

// serveOne accepts one connection on ln, stops listening and gives the
// connection to handle.
func serveOne(ln *trace.Listener, handle func(*trace.Conn) error) error {
	conn, err := ln.Accept()
	ln.Close()
	if err != nil {
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		return err
	}
	defer conn.Close()
	return handle(conn)
}
