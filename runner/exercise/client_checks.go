package exercise

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

const (
	hello   = "你好"
	welcome = "欢迎"
	message = "Socket Programming in Python"
	// pace is the gap between the pieces of a message sent in pieces:
	// the stimulus of the test, as a slow network would space them, so
	// that only a client that reads in a loop gets everything.
	pace = 30 * time.Millisecond
)

// acceptClient listens, starts the program as the client and accepts its
// connection. ok is false (with a finding) when it never connected.
func (t *Trial) acceptClient() (conn *trace.Conn, ok bool, err error) {
	ln, err := t.Rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return nil, false, err
	}
	defer ln.Close()
	if err := t.start(ln.Addr()); err != nil {
		return nil, false, err
	}
	// Stop waiting once the program has exited without a connection
	// queued, or at the time limit.
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		timer := time.NewTimer(t.Limit)
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
	conn, err = ln.Accept()
	if err != nil {
		t.fail("never connected", "how", t.how())
		return nil, false, nil
	}
	t.pass("connected")
	return conn, true, nil
}

// how is the program's state in words, for a finding.
func (t *Trial) how() string {
	if code, done := t.Prog.ExitCode(); done {
		return fmt.Sprintf("exited with status %d", code)
	}
	return "was still running after " + t.Limit.String()
}

// readGreeting reads the client's greeting once, with a 1024-byte buffer,
// and judges it. It reports whether anything came, to answer.
func (t *Trial) readGreeting(conn *trace.Conn) bool {
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	switch got := buf[:n]; {
	case n == 0 && err != nil:
		t.fail("sent nothing", "how", "hanging up")
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
// unread. total is how many bytes were sent.
func (t *Trial) hangUp(conn *trace.Conn, total int) {
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	switch {
	case n > 0:
		t.fail("sent other", "got", strconv.Quote(string(buf[:n])), "n", strconv.Itoa(n), "hex", spaced(buf[:n]))
	case errors.Is(err, io.EOF):
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
	if t.Prog.Wait(t.Limit) {
		if n := printedPrefix(t.Prog.Output()); n > 0 {
			return strconv.Itoa(total - n)
		}
	}
	return "some"
}

// finish waits for the program to exit and judges what it printed (each
// of wants, in any format around them) and how it ended.
func (t *Trial) finish(wants ...string) {
	if !t.Prog.Wait(t.Limit) {
		t.Prog.Stop()
		t.fail("hung", "limit", t.Limit.String())
		return
	}
	out := t.Prog.Output()
	for _, want := range wants {
		if strings.Contains(out, want) {
			t.pass("printed", "want", want)
		} else if n := printedPrefix(out); n > 0 && want == message {
			t.fail("printed part", "printed", strconv.Quote(message[:n]), "n", strconv.Itoa(n), "unread", strconv.Itoa(len(message)-n))
		} else {
			t.fail("not printed", "want", want, "out", quoteOut(out))
		}
	}
	if code, _ := t.Prog.ExitCode(); code != 0 {
		t.fail("exit status", "code", strconv.Itoa(code), "err", quoteOut(lastLine(t.Prog.Errors())))
	} else {
		t.pass("exit ok")
	}
}

// helloClient is socktour's server for the hello client: lesson 1's.
func helloClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient()
	if !ok {
		return err
	}
	defer conn.Close()
	if t.readGreeting(conn) {
		// send: the answer.
		if _, err := conn.Write([]byte(welcome)); err == nil {
			t.hangUp(conn, len(welcome))
		}
	}
	t.finish(welcome)
	return nil
}

// sendInPieces sends parts with a pace between them and returns how many
// bytes went out before the client was gone.
func sendInPieces(conn *trace.Conn, parts ...string) (int, error) {
	sent := 0
	for i, p := range parts {
		if i > 0 {
			time.Sleep(pace)
		}
		n, err := conn.Write([]byte(p))
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// wholeMessage is socktour's server for the whole-message client: lesson
// 2's message, in three pieces.
func wholeMessage(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient()
	if !ok {
		return err
	}
	defer conn.Close()
	if _, err := sendInPieces(conn, "Socket ", "Programming", " in Python"); err != nil {
		t.fail("left early", "unread", t.unread(len(message)), "total", strconv.Itoa(len(message)))
	} else if err := conn.CloseWrite(); err == nil {
		t.hangUp(conn, len(message))
	}
	t.finish(message)
	return nil
}

// framedClient is socktour's server for the framed client: lesson 7's
// frame, in pieces that split the header and the body.
func framedClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient()
	if !ok {
		return err
	}
	defer conn.Close()
	frame := `27        {"1":"Client","2":"Server"}`
	if _, err := sendInPieces(conn, frame[:4], frame[4:16], frame[16:]); err != nil {
		t.fail("left early", "unread", "some", "total", strconv.Itoa(len(frame)))
	} else if err := conn.CloseWrite(); err == nil {
		t.hangUp(conn, len(frame))
	}
	t.finish("Client", "Server")
	return nil
}

// udpClient is socktour's UDP server for the UDP client: lesson 5's.
func udpClient(ctx context.Context, t *Trial) error {
	pc, err := t.Rec.Side("server").ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer pc.Close()
	if err := t.start(pc.LocalAddr()); err != nil {
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
	n, from, err := pc.ReadFromWithin(buf, t.Limit)
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

// printedPrefix is how many bytes of the message's start the output holds
// (the longest prefix of the message found in it).
func printedPrefix(out string) int {
	for n := len(message); n > 0; n-- {
		if strings.Contains(out, message[:n]) {
			return n
		}
	}
	return 0
}

// spaced is b in hex, a space between bytes: "e4 bd a0".
func spaced(b []byte) string {
	if len(b) > 32 {
		return strings.TrimSpace(hexSpaced(b[:32])) + " …"
	}
	return hexSpaced(b)
}

func hexSpaced(b []byte) string {
	h := hex.EncodeToString(b)
	var parts []string
	for i := 0; i+1 < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, " ")
}

// quoteOut is a program's output, quoted and cut for one line.
func quoteOut(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "nothing"
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return strconv.Quote(s)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
