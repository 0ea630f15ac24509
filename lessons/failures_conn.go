package lessons

import (
	"context"
	"errors"
	"io"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// ReadTimeout is the deadline of the timeout scene's read: short, so the
// lesson stays quick; a real program waits seconds.
var ReadTimeout = 20 * time.Millisecond

// resetWithDataFirst is the scene "connection reset": the server reads
// only part of what the client sent, answers and closes, and the client
// reads after the reset has arrived.
func resetWithDataFirst(ctx context.Context, rec *trace.Recorder) error {
	closed := make(chan struct{})
	return runPair(ctx, rec, answerFirstGreetingOnly(true, closed),
		func(ctx context.Context, me *trace.Side, addr string) error {
			return readAfterReset(ctx, me, addr, closed)
		})
}

// answerFirstGreetingOnly returns a server that reads one greeting of
// the two a client sends (recv(6)), answers it when answer is set, and
// closes with the other one unread; then it closes closed.
func answerFirstGreetingOnly(answer bool, closed chan<- struct{}) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		defer close(closed)
		// (Not a call of the lesson's: wait until both greetings are in,
		// so that one is certainly left unread.)
		if _, err := conn.WaitUnread(len("你好再见")); err != nil {
			return err
		}
		// recv(6): the first greeting only.
		if _, err := conn.Read(make([]byte, len("你好"))); err != nil {
			return err
		}
		if answer {
			if _, err := conn.Write([]byte("欢迎")); err != nil {
				return err
			}
		}
		// close() with 6 bytes unread: the system resets the connection.
		return conn.Close()
	}
}

// readAfterReset sends two greetings in one send, then reads three times
// once the server has closed (closed) and its reset has come.
func readAfterReset(ctx context.Context, me *trace.Side, addr string, closed <-chan struct{}) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("你好再见")); err != nil {
		return err
	}
	// (Not calls of the lesson's: wait until the server has closed and
	// its reset is in, to show what a read finds then.)
	if err := awaitReset(ctx, conn, closed); err != nil {
		return err
	}
	buf := make([]byte, 1024)
	// recv: the answer that came before the reset is still returned.
	if _, err := conn.Read(buf); err != nil {
		return err
	}
	// recv: now the reset. Python raises ConnectionResetError.
	if _, err := conn.Read(buf); !reset(err) {
		return unexpected("the read after the answer", err)
	}
	// recv once more: the connection is over, 0 bytes (Python's b'').
	if _, err := conn.Read(buf); !errors.Is(err, io.EOF) {
		return unexpected("the read after the reset", err)
	}
	return conn.Close()
}

// readPastDeadline is the scene "timed out": a server that waits for the
// client to speak first, and a client that reads first, with a deadline.
// Only the client's calls are shown.
func readPastDeadline(ctx context.Context, rec *trace.Recorder) error {
	return pair(ctx, rec.QuietSide("server"), rec.Side("client"), answerHello, readWithDeadline)
}

// answerHello reads a greeting and answers it: lesson 1's server, with
// nothing to say about it.
func answerHello(conn *trace.Conn) error {
	if _, err := conn.Read(make([]byte, 1024)); err != nil {
		return err
	}
	if _, err := conn.Write([]byte("欢迎")); err != nil {
		return err
	}
	return conn.Close()
}

// readWithDeadline reads with a short deadline, times out, and then,
// the connection being as good as before, says hello and reads again.
func readWithDeadline(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	buf := make([]byte, 1024)
	// Python: sock.settimeout(0.02), then sock.recv(1024). Nothing comes.
	if _, err := conn.ReadWithin(buf, ReadTimeout); !isTimeout(err) {
		return unexpected("a read from a silent server", err)
	}
	// A timeout ends the wait, not the connection: speak, read again.
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	n, err := conn.Read(buf)
	if err != nil {
		return err
	}
	conn.Note("decoded", "text", decode(buf[:n]))
	return conn.Close()
}

// isTimeout reports whether err is a deadline that passed.
func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// sendAfterPeerClosed is the scene "broken pipe": sends to a server that
// has closed, first after its FIN, then after its reset.
func sendAfterPeerClosed(ctx context.Context, rec *trace.Recorder) error {
	hangUp := func(conn *trace.Conn) error { return conn.Close() }
	if err := runPair(ctx, rec, hangUp, sendAfterFIN); err != nil {
		return err
	}
	rec.Side("tutor").Note("after a reset")
	closed := make(chan struct{})
	return runPair(ctx, rec, answerFirstGreetingOnly(false, closed),
		func(ctx context.Context, me *trace.Side, addr string) error {
			return sendAfterRST(ctx, me, addr, closed)
		})
}

// awaitReset waits until closed is closed (the server has closed) and
// then until the reset it sent has reached conn.
func awaitReset(ctx context.Context, conn *trace.Conn, closed <-chan struct{}) error {
	select {
	case <-closed:
	case <-ctx.Done():
		return ctx.Err()
	}
	return conn.WaitReset()
}

// sendAfterFIN reads the server's end of stream, then sends twice.
func sendAfterFIN(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	// recv: 0 bytes, the server has closed.
	if _, err := conn.Read(make([]byte, 1024)); !errors.Is(err, io.EOF) {
		return unexpected("the read of the server's FIN", err)
	}
	// send anyway: it succeeds, the bytes only go into the send buffer.
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	// (Not a call of the lesson's: wait for the server's answer to those
	// bytes, a reset.)
	if err := conn.WaitReset(); err != nil {
		return err
	}
	// send again: broken pipe. Python raises BrokenPipeError.
	if _, err := conn.Write([]byte("你好")); !errors.Is(err, syscall.EPIPE) {
		return unexpected("the second send", err)
	}
	return conn.Close()
}

// sendAfterRST sends two greetings; the server reads one and closes, so
// its reset comes at once; then the client sends twice more.
func sendAfterRST(ctx context.Context, me *trace.Side, addr string, closed <-chan struct{}) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("你好再见")); err != nil {
		return err
	}
	// (Not calls of the lesson's: wait until the server has closed and
	// its reset is in.)
	if err := awaitReset(ctx, conn, closed); err != nil {
		return err
	}
	// send: the reset is waiting, so this send reports it.
	if _, err := conn.Write([]byte("你好")); !reset(err) {
		return unexpected("the send after the reset", err)
	}
	// send again: now broken pipe.
	if _, err := conn.Write([]byte("你好")); !errors.Is(err, syscall.EPIPE) {
		return unexpected("the next send", err)
	}
	return conn.Close()
}

// recvOnListeningSocket is the scene of the tutorial's own bug: recv on
// the listening socket instead of the one accept returned.
func recvOnListeningSocket(ctx context.Context, rec *trace.Recorder) error {
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	defer ln.Close()
	clientDone := make(chan error, 1)
	go func() { clientDone <- helloClient(ctx, rec.Side("client"), ln.Addr()) }()
	conn, err := ln.Accept()
	if err != nil {
		return errors.Join(err, <-clientDone)
	}
	defer conn.Close()
	err = readFromListener(ln, conn)
	return errors.Join(err, <-clientDone, ln.Close())
}

// readFromListener makes the tutorial's mistake, then does it right.
func readFromListener(ln *trace.Listener, conn *trace.Conn) error {
	// The mistake: s.recv(1024) on the listening socket s.
	if _, err := ln.Recv(1024); !notConnected(err) {
		return unexpected("recv on the listening socket", err)
	}
	// Right: recv on conn, the socket accept returned.
	return helloServer(conn)
}
