package exercise

import (
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

const (
	hello   = "你好"
	welcome = "欢迎"
	// message is the whole-message exercise's: the tutorial's "Socket
	// Programming in Python" in Chinese, 16 characters in 32 bytes, so
	// that a piece decoded on its own can end inside a character.
	message = "用 Python 进行套接字编程"
	// frame is lesson 7's: a 10-byte header, then the JSON body.
	frame = `27        {"1":"Client","2":"Server"}`
)

// acceptClient listens, starts the program as the client (watching its
// output for wants) and accepts its connection. ok is false (with a
// finding) when it never connected.
func (t *Trial) acceptClient(wants ...string) (conn *trace.Conn, ok bool, err error) {
	ln, err := t.Rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return nil, false, err
	}
	defer ln.Close()
	if err := t.start(ln.Addr(), wants...); err != nil {
		return nil, false, err
	}
	conn, err = t.acceptBefore(ln)
	if err != nil {
		t.fail("never connected", "how", t.how())
		return nil, false, nil
	}
	t.pass("connected")
	return conn, true, nil
}

// acceptBefore accepts the program's connection on ln, giving up once
// the program has exited without one queued, or at the time limit.
func (t *Trial) acceptBefore(ln *trace.Listener) (*trace.Conn, error) {
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		timer := time.NewTimer(t.left())
		defer timer.Stop()
		select {
		case <-t.Prog.Done():
			if !ln.Pending() {
				ln.Close()
			}
		case <-timer.C:
			ln.Close()
		case <-stop:
		}
	}()
	return ln.Accept()
}

// how is the program's state in words, for a finding.
func (t *Trial) how() string {
	words := assets.Verdicts()
	if code, done := t.Prog.ExitCode(); done {
		return assets.Fill(words.Section("how exited"), map[string]string{"code": strconv.Itoa(code)})
	}
	return assets.Fill(words.Section("how running"), map[string]string{"limit": t.Limit.String()})
}

// readGreeting reads the client's greeting once, with a 1024-byte buffer,
// and judges it. It reports whether anything came, to answer.
func (t *Trial) readGreeting(conn *trace.Conn) bool {
	buf := make([]byte, 1024)
	n, err := conn.ReadWithin(buf, t.left())
	switch got := buf[:n]; {
	case n == 0 && isTimeout(err):
		t.fail("sent nothing in time", "limit", t.Limit.String())
		return false
	case n == 0 && err != nil:
		t.fail("sent nothing")
		return false
	case string(got) != hello:
		t.fail("sent other", "got", strconv.Quote(string(got)), "n", strconv.Itoa(n), "hex", spaced(got))
		return true // lesson 1's server answers whatever it read
	}
	t.pass("sent hello")
	return true
}

// hangUp waits for the client to hang up after everything was sent, and
// judges how it did: a clean end, or a reset that says bytes were left
// unread. total is how many bytes were sent; finSent says whether
// socktour's side has shut down its sending side (sent a FIN).
func (t *Trial) hangUp(conn *trace.Conn, total int, finSent bool) {
	buf := make([]byte, 1024)
	n, err := conn.ReadWithin(buf, t.left())
	switch {
	case n > 0:
		t.fail("sent other", "got", strconv.Quote(string(buf[:n])), "n", strconv.Itoa(n), "hex", spaced(buf[:n]))
	case errors.Is(err, io.EOF):
		// A client that shut down its sending side early can still close
		// with bytes unread: once it has exited, its reset has come, and
		// socktour's socket, waiting to close (no FIN sent), is gone.
		t.Prog.WaitUntil(t.ctx, t.end)
		if _, found, known := lookupTCP(conn.LocalAddr(), conn.RemoteAddr()); !finSent && known && !found {
			t.fail("closed unread", "unread", t.unread(total))
			return
		}
		t.readAll = true
		t.pass("read everything")
	case errors.Is(err, syscall.ECONNRESET):
		t.fail("closed unread", "unread", t.unread(total))
	default:
		t.fail("never closed", "limit", t.Limit.String())
	}
}

// unread is how many of total bytes the program did not read, as far as
// its output tells: the message's bytes it did not print.
func (t *Trial) unread(total int) string {
	if t.Prog.WaitUntil(t.ctx, t.end) {
		if n := t.Prog.Output().Prefix(message); n > 0 {
			return strconv.Itoa(total - n)
		}
	}
	return "some"
}

// finish waits for the program to exit and judges what it printed (each
// of wants, in any format around them) and how it ended.
func (t *Trial) finish(wants ...string) {
	if !t.Prog.WaitUntil(t.ctx, t.end) {
		t.Prog.Stop()
		t.fail("hung", "limit", t.Limit.String())
		return
	}
	out := t.Prog.Output()
	for _, want := range wants {
		n := out.Prefix(want)
		switch {
		case n == len(want):
			t.pass("printed", "want", want)
		case want == message && garbled(t.Prog):
			// The cause of all else: what it left unread, it left when
			// its decoding failed.
			t.Checks = slices.DeleteFunc(t.Checks, func(c Check) bool {
				return c.Key == "left early" || c.Key == "closed unread"
			})
			if words := lastLine(t.Prog.Errors().Tail()); strings.Contains(words, "Error") {
				t.fail("decode error", "err", quoteOut(words))
			} else {
				t.fail("decoded in pieces", "out", quoteOut(out.Head()))
			}
		case want == message && n > 0 && !t.readAll:
			shown := validPrefix(message, n)
			t.fail("printed part", "printed", strconv.Quote(shown), "n", strconv.Itoa(len(shown)), "unread", strconv.Itoa(len(message)-len(shown)))
		default:
			t.fail("not printed", "want", want, "out", quoteOut(out.Head()))
		}
	}
	if code, _ := t.Prog.ExitCode(); code != 0 {
		t.fail("exit status", "code", strconv.Itoa(code), "err", quoteOut(lastLine(t.Prog.Errors().Tail())))
	} else {
		t.pass("exit ok")
	}
}

// helloClient is socktour's server for the hello client: lesson 1's.
func helloClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient(welcome)
	if !ok {
		return err
	}
	defer conn.Close()
	t.answerHello(ctx, conn)
	return nil
}

// answerHello plays lesson 1's server on conn once the client is in: it
// reads the greeting, answers 欢迎, sees the answer taken (a client that
// closed before it came answers it with a reset instead) and hangs up,
// then judges what the client printed.
func (t *Trial) answerHello(ctx context.Context, conn *trace.Conn) {
	if t.readGreeting(conn) {
		if _, err := conn.Write([]byte(welcome)); err != nil {
			t.fail("closed before answer")
		} else if settle(ctx, conn, false, t.end) == reset {
			t.fail("closed before answer")
		} else {
			t.hangUp(conn, len(welcome), false)
		}
	}
	t.finish(welcome)
}

// udpClient is socktour's UDP server for the UDP client: lesson 5's.
func udpClient(ctx context.Context, t *Trial) error {
	pc, err := t.Rec.Side("server").ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer pc.Close()
	if err := t.start(pc.LocalAddr(), welcome); err != nil {
		return err
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		select {
		case <-t.Prog.Done():
			if !pc.Pending() {
				pc.Close()
			}
		case <-stop:
		}
	}()
	buf := make([]byte, 1024)
	n, from, err := pc.ReadFromWithin(buf, t.left())
	switch {
	case err != nil:
		t.fail("no datagram", "how", t.how())
	case string(buf[:n]) != hello:
		t.fail("sent other", "got", strconv.Quote(string(buf[:n])), "n", strconv.Itoa(n), "hex", spaced(buf[:n]))
	default:
		t.pass("datagram hello", "from", from)
		pc.WriteTo([]byte(welcome), from)
	}
	t.finish(welcome)
	return nil
}
