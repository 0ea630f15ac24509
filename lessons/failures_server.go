package lessons

import (
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/socktour/socktour/runner/trace"
)

// secondServer is the scene "address already in use": a second server
// on a port where one listens, with SO_REUSEADDR and without.
func secondServer(ctx context.Context, rec *trace.Recorder) error {
	first, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	defer first.Close()
	if err := listenTwice(rec, first.Addr()); err != nil {
		return err
	}
	return first.Close()
}

// listenTwice starts two more servers on addr, where a server listens:
// one that sets SO_REUSEADDR (as Go's net.Listen and Python's
// socket.create_server do), one that does not (Python's plain
// socket.socket()). Both must fail at bind.
func listenTwice(rec *trace.Recorder, addr string) error {
	for _, reuse := range []bool{true, false} {
		ln, err := rec.Side("server").ListenReuse(addr, 5, reuse)
		if err == nil {
			ln.Close()
			return errors.New("two servers listened on one port")
		}
		if !addrInUse(err) {
			return err
		}
	}
	return nil
}

// restartAfterTimeWait is the scene of a server restarted on its own
// port while a connection it ended first is in TIME_WAIT: first a server
// that did not set SO_REUSEADDR, restarted with it (bind fails), then
// one that set it, restarted with it (bind succeeds). Then all four
// combinations, measured on sockets of their own.
func restartAfterTimeWait(ctx context.Context, rec *trace.Recorder) error {
	tutor := rec.Side("tutor")
	for _, oldReuse := range []bool{false, true} {
		if oldReuse {
			tutor.Note("old server with SO_REUSEADDR")
		}
		addr, client, err := endFirst(ctx, rec.Side("server"), rec.Side("client"), oldReuse)
		if err != nil {
			return err
		}
		// What the system says of the connection now (ss -tan): the
		// server's side of it is still there, in TIME_WAIT.
		tutor.Note("time-wait", "state", connState(addr, client))
		// The restart, with SO_REUSEADDR.
		again, err := rec.Side("server").ListenReuse(addr, 5, true)
		switch {
		case oldReuse && err != nil:
			return err
		case !oldReuse && !addrInUse(err):
			if err == nil {
				again.Close()
				return errors.New("a restart over TIME_WAIT bound though the old server had no SO_REUSEADDR")
			}
			return err
		case oldReuse:
			again.Close()
		}
	}
	// All four, old and new server each with or without the option,
	// on sockets of their own (not shown one by one).
	scratch := trace.NewRecorder()
	vals := []string{}
	failed := 0
	for _, oldReuse := range []bool{false, true} {
		for _, newReuse := range []bool{false, true} {
			addr, _, err := endFirst(ctx, scratch.Side("server"), scratch.Side("client"), oldReuse)
			if err != nil {
				return err
			}
			result := "bound"
			if ln, err := scratch.Side("server").ListenReuse(addr, 5, newReuse); err != nil {
				result, failed = trace.SysWords(err), failed+1
			} else {
				ln.Close()
			}
			vals = append(vals, "old"+onOff(oldReuse)+"new"+onOff(newReuse), result)
		}
	}
	tutor.Note("four restarts", append(vals, "failed", strconv.Itoa(failed))...)
	return nil
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// endFirst runs a server that ends its connection first, with or
// without SO_REUSEADDR, and returns its address once it has stopped:
// the server shuts down its sending side (its FIN goes first), the
// client reads the end of the stream and closes, the server reads the
// client's FIN and closes, then stops listening. Its side of the
// connection is now in TIME_WAIT, on the server's port. It returns the
// server's address and the client's.
func endFirst(ctx context.Context, server, client *trace.Side, reuse bool) (addr, peer string, err error) {
	ln, err := server.ListenReuse("127.0.0.1:0", 5, reuse)
	if err != nil {
		return "", "", err
	}
	defer ln.Close()
	clientDone := make(chan error, 1)
	go func() {
		conn, err := client.Dial(ctx, ln.Addr())
		if err != nil {
			clientDone <- err
			return
		}
		defer conn.Close()
		// recv: the end of the stream, the server's FIN. Hang up too.
		if _, err := conn.Read(make([]byte, 1024)); !errors.Is(err, io.EOF) {
			clientDone <- unexpected("the client's read of the server's FIN", err)
			return
		}
		clientDone <- conn.Close()
	}()
	conn, err := ln.Accept()
	if err != nil {
		return "", "", errors.Join(err, <-clientDone)
	}
	defer conn.Close()
	// The server ends first: shutdown(SHUT_WR) sends its FIN. (Python's
	// conn.close() sends the same FIN; shutting down lets this server
	// also see the client's FIN arrive, below.)
	if err := conn.CloseWrite(); err != nil {
		return "", "", errors.Join(err, <-clientDone)
	}
	// recv: the client's FIN. From here the server's side of the
	// connection is in TIME_WAIT.
	if _, err := conn.Read(make([]byte, 1024)); !errors.Is(err, io.EOF) {
		return "", "", errors.Join(unexpected("the server's read of the client's FIN", err), <-clientDone)
	}
	if err := errors.Join(conn.Close(), <-clientDone); err != nil {
		return "", "", err
	}
	return ln.Addr(), conn.RemoteAddr(), ln.Close()
}
