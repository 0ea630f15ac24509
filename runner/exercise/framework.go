package exercise

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

func init() {
	All = append(All, &Exercise{Lesson: 9, Part: "server", Text: "framework", play: timestampServer})
}

// stampRequests are lesson 9's requests, sent one at a time.
var stampRequests = []string{"hello python", "hello pythontab"}

// ctimeLen is the length of a ctime timestamp: "Thu Sep 15 23:53:31 2016".
var ctimeLen = len(time.ANSIC)

// timestampServer plays lesson 9's two clients against the program: the
// second connects while the first is still connected, between its two
// requests, and must be answered at once; then each sends its second
// request on its own connection.
func timestampServer(ctx context.Context, t *Trial) error {
	if ok, err := t.startServer(); !ok {
		return err
	}
	first, ok := t.dial(ctx, "client 1")
	if !ok {
		return nil
	}
	defer first.Close()
	if !t.stamped(first, "client 1", stampRequests[0], "stamp no answer") {
		return nil
	}
	second, ok := t.dial(ctx, "client 2")
	if !ok {
		return nil
	}
	defer second.Close()
	start := time.Now()
	if !t.stamped(second, "client 2", stampRequests[0], "stamp one at a time") {
		return nil
	}
	t.pass("stamp two at once", "ms", ms(time.Since(start)))
	for _, c := range []struct {
		conn *trace.Conn
		name string
	}{{first, "client 1"}, {second, "client 2"}} {
		if !t.stamped(c.conn, c.name, stampRequests[1], "stamp one request") {
			return nil
		}
	}
	t.pass("stamp each request")
	return nil
}

// stamped sends request and judges the answer: the time as ctime writes
// it, a space, the request. silent is the finding when no answer comes
// within answerWithin. It reports whether the answer was right.
func (t *Trial) stamped(conn *trace.Conn, name, request, silent string) bool {
	if _, err := conn.Write([]byte(request)); err != nil {
		t.fail("stamp hung up", "who", name, "request", request)
		return false
	}
	// Read until the whole answer is in: it may come in pieces.
	want := ctimeLen + 1 + len(request)
	var got []byte
	buf := make([]byte, 1024)
	until := time.Now().Add(min(answerWithin, t.left()))
	for len(got) < want {
		n, err := conn.ReadWithin(buf, max(time.Until(until), time.Millisecond))
		got = append(got, buf[:n]...)
		if err != nil {
			switch {
			case len(got) > 0:
			case isTimeout(err):
				t.fail(silent, "who", name, "request", request, "within", answerWithin.String())
				return false
			case errors.Is(err, io.EOF) || !isTimeout(err):
				t.fail("stamp hung up", "who", name, "request", request)
				return false
			}
			break
		}
	}
	answer := string(got)
	q := strconv.Quote(answer)
	switch {
	case strings.HasSuffix(answer, " b'"+request+"'"):
		t.fail("stamp bytes", "got", q)
		return false
	case len(answer) != want || answer[ctimeLen:] != " "+request:
		t.fail("stamp format", "got", q, "request", request)
		return false
	}
	stamp := answer[:ctimeLen]
	when, err := time.ParseInLocation(time.ANSIC, stamp, time.Local)
	if err != nil {
		t.fail("stamp format", "got", q, "request", request)
		return false
	}
	// ctime is local time; allow UTC, and a clock a little off.
	now := time.Now()
	utc, _ := time.ParseInLocation(time.ANSIC, stamp, time.UTC)
	if d := now.Sub(when).Abs(); d > 5*time.Minute && now.Sub(utc).Abs() > 5*time.Minute {
		t.fail("stamp time", "got", q)
		return false
	}
	if request == stampRequests[0] && name == "client 1" {
		t.pass("stamp answer", "got", q)
	}
	return true
}
