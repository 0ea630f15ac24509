package exercise

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// answerWithin is how long the prompt client waits for its answer.
const answerWithin = 2 * time.Second

// startServer starts the program as the server on a free port and waits
// for it to listen. ok is false (with a finding) when it never did.
func (t *Trial) startServer() (ok bool, err error) {
	addr, err := freePort()
	if err != nil {
		return false, err
	}
	if err := t.start(addr); err != nil {
		return false, err
	}
	if !waitListening(t.ctx, addr, t.Prog, t.end) {
		t.fail("never listened", "how", t.how())
		return false, nil
	}
	t.pass("listening")
	return true, nil
}

// dial connects a client of socktour's to the program.
func (t *Trial) dial(ctx context.Context, name string) (*trace.Conn, bool) {
	conn, err := t.Rec.Side(name).Dial(ctx, t.Addr)
	if err != nil {
		t.fail("cannot connect", "err", trace.SysWords(err))
		return nil, false
	}
	return conn, true
}

// concurrentServer plays a silent client and a prompt one against the
// program: lesson 6.
func concurrentServer(ctx context.Context, t *Trial) error {
	if ok, err := t.startServer(); !ok {
		return err
	}
	silent, ok := t.dial(ctx, "client 1")
	if !ok {
		return nil
	}
	defer silent.Close()
	prompt, ok := t.dial(ctx, "client 2")
	if !ok {
		return nil
	}
	defer prompt.Close()
	if _, err := prompt.Write([]byte(hello)); err != nil {
		t.fail("cannot connect", "err", trace.SysWords(err))
		return nil
	}
	start := time.Now()
	buf := make([]byte, 1024)
	n, err := prompt.ReadWithin(buf, min(answerWithin, t.left()))
	switch {
	case n > 0 && string(buf[:n]) == welcome:
		t.pass("answered while silent", "ms", ms(time.Since(start)))
	case n > 0:
		t.fail("wrong answer", "got", strconv.Quote(string(buf[:n])), "n", strconv.Itoa(n))
	case isTimeout(err):
		t.fail("one at a time")
		// Does it answer once the silent client leaves?
		silent.Close()
		left := time.Now()
		if n, _ := prompt.ReadWithin(buf, min(answerWithin, t.left())); n > 0 {
			t.fail("answered late", "ms", ms(time.Since(left)))
		}
	default:
		t.fail("wrong answer", "got", "nothing", "n", "0")
	}
	return nil
}

// goodHeader reports a good header: digits, then spaces (10 bytes in
// all, as read). A loop, not a regular expression compiled at start-up
// for every command.
func goodHeader(h []byte) bool {
	i := 0
	for i < len(h) && h[i] >= '0' && h[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(h) && h[i] == ' ' {
		i++
	}
	return i == len(h)
}

// framedServer reads one frame from the program: lesson 7's server.
func framedServer(ctx context.Context, t *Trial) error {
	if ok, err := t.startServer(); !ok {
		return err
	}
	conn, ok := t.dial(ctx, "client")
	if !ok {
		return nil
	}
	defer conn.Close()
	header, err := t.readFull(conn, 10)
	if err != nil {
		t.fail("header short", "n", strconv.Itoa(len(header)), "got", strconv.Quote(string(header)))
		return nil
	}
	n, aerr := strconv.Atoi(string(trimSpaces(header)))
	if !goodHeader(header) || aerr != nil || n > 1<<20 {
		t.fail("header bad", "header", visible(header))
		return nil
	}
	t.pass("header ok", "header", visible(header), "n", strconv.Itoa(n))
	body, err := t.readFull(conn, n)
	if err != nil {
		t.fail("body short", "want", strconv.Itoa(n), "n", strconv.Itoa(len(body)))
		return nil
	}
	var obj any
	want := map[string]any{"1": "Client", "2": "Server"}
	if err := json.Unmarshal(body, &obj); err != nil || !reflect.DeepEqual(obj, want) {
		why := "it is a different object"
		if err != nil {
			why = err.Error()
		}
		t.fail("object bad", "body", strconv.Quote(string(body)), "err", why)
		return nil
	}
	t.pass("object ok")
	buf := make([]byte, 64)
	m, err := conn.ReadWithin(buf, t.left())
	switch {
	case m > 0:
		t.fail("extra bytes", "n", strconv.Itoa(m), "got", strconv.Quote(string(buf[:m])))
	case errors.Is(err, io.EOF) || errors.Is(err, syscall.ECONNRESET):
		t.pass("ended")
	default:
		t.fail("not ended", "limit", t.Limit.String())
	}
	return nil
}

// readFull reads until it has n bytes, as a careful client does, within
// the time limit.
func (t *Trial) readFull(conn *trace.Conn, n int) ([]byte, error) {
	got := make([]byte, 0, n)
	buf := make([]byte, max(n, 1))
	for len(got) < n {
		k, err := conn.ReadWithin(buf[:n-len(got)], t.left())
		got = append(got, buf[:k]...)
		if err != nil {
			return got, err
		}
	}
	return got, nil
}

// visible quotes b with each space shown as ␣, so that the padding of a
// header survives being wrapped for the screen.
func visible(b []byte) string {
	return strings.ReplaceAll(strconv.Quote(string(b)), " ", "␣")
}

func trimSpaces(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}
