package exercise

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

func init() {
	All = append(All, &Exercise{Lesson: 8, Part: "client", Text: "chat", play: chatClient})
}

const (
	// farewell is lesson 8's server's last words, sent once the client
	// has ended its side.
	farewell = "再见"
	// halfCloseWithin bounds the wait, after the client's last bytes, for
	// its end of the stream: a client that never half-closes is not kept
	// waiting for the whole time limit.
	halfCloseWithin = 2 * time.Second
)

// chatClient is socktour's server for the chat client: lesson 8's. It
// greets at once, reads until the client ends its side, checks that the
// last word was exit, then says its farewell on its own half of the
// connection and sees whether the client took it.
func chatClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient(farewell)
	if !ok {
		return err
	}
	defer conn.Close()
	for _, m := range []string{welcome, "不错呦"} {
		if _, err := conn.Write([]byte(m)); err != nil {
			t.fail("chat reset", "when", "before it was greeted")
			t.finish(farewell)
			return nil
		}
	}
	got, how := t.readToEnd(conn)
	said := strconv.Quote(string(got))
	switch {
	case how == reset:
		t.fail("chat reset", "got", said)
	case how == stalled && len(got) == 0:
		t.fail("sent nothing", "how", "the time limit, "+t.Limit.String())
	case how == stalled:
		t.fail("chat never ended", "got", said, "wait", halfCloseWithin.String())
	case !strings.HasSuffix(string(got), "exit"):
		t.fail("chat no exit", "got", said)
	default:
		t.pass("chat said exit", "got", said)
		t.farewell(conn)
	}
	conn.Close() // a client still waiting for us now reads the end of the stream
	t.finish(farewell)
	return nil
}

// readToEnd reads what the client sends until its end of the stream:
// taken when it came, reset when the client reset the connection, stalled
// when neither came within halfCloseWithin of its last bytes (or the
// time limit).
func (t *Trial) readToEnd(conn *trace.Conn) ([]byte, outcome) {
	var got []byte
	buf := make([]byte, 1024)
	for len(got) < 1<<16 {
		wait := t.left()
		if len(got) > 0 {
			wait = min(wait, halfCloseWithin)
		}
		n, err := conn.ReadWithin(buf, wait)
		got = append(got, buf[:n]...)
		switch {
		case errors.Is(err, io.EOF):
			return got, taken
		case errors.Is(err, syscall.ECONNRESET):
			return got, reset
		case err != nil:
			return got, stalled
		}
	}
	return got, stalled
}

// farewell sends the last words after the client's half-close and judges
// whether the client was still there to read them: a client that closed
// instead of shutting down its sending side answers them with a reset.
func (t *Trial) farewell(conn *trace.Conn) {
	if _, err := conn.Write([]byte(farewell)); err != nil {
		t.fail("chat closed instead")
		return
	}
	switch settle(t.ctx, conn, true, t.end) {
	case reset:
		t.fail("chat closed instead")
	case stalled:
		t.fail("chat farewell unread")
	default:
		t.pass("chat heard farewell")
	}
}
