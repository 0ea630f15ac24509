package lessons

import (
	"context"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/socktour/socktour/runner/trace"
)

// message is what the servers of lessons 2, 3 and 4 send.
const message = "Socket Programming in Python"

// bufferSizing is lesson 2: recv(1024) is an upper bound, not a promise.
var bufferSizing = &Lesson{
	Number:  2,
	Network: "tcp",
	Bulk:    true,
	Handle:  tellAndHangUp(message),
	Client:  readOnce(1024),
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		// The exchange: 28 bytes sent, one recv(1024).
		if err := runPair(ctx, rec, tellAndHangUp(message), readOnce(1024)); err != nil {
			return err
		}
		// Bytes are not characters.
		countBytesAndChars(rec.Side("client"), "你好，世界")
		// The experiment: each buffer size reads for about the same
		// time, from one payload built before any timing.
		payload := bulkPayload()
		for _, size := range []int{7, 1024, 65536} {
			if err := measureBulk(ctx, rec, size, payload); err != nil {
				return err
			}
		}
		return nil
	},
	Code: []string{"tellAndHangUp", "waitForHangUp", "readOnce", "countBytesAndChars", "measureBulk", "sendBulk", "readAll"},
}

// tellAndHangUp returns a server that sends msg and hangs up.
func tellAndHangUp(msg string) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		// Send the whole message at once.
		if _, err := conn.Write([]byte(msg)); err != nil {
			return err
		}
		// shutdown(SHUT_WR): we send no more, and the client's next
		// read finds the end of the stream. We can still read.
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// tellAndWait returns a server that sends msg, then waits for the client
// to hang up before it closes. It does not shut down its side first: the
// client of lesson 3 may reset the connection at any moment, and waiting
// in a read is where the server sees that happen, every time.
func tellAndWait(msg string) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		// Send the whole message at once.
		if _, err := conn.Write([]byte(msg)); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// waitForHangUp reads until the client hangs up, to see how it does: a
// clean close reads as the end of the stream, a close with data left
// unread as a reset. Either way the connection is done: close it.
func waitForHangUp(conn *trace.Conn) error {
	buf := make([]byte, 1024)
	for {
		if _, err := conn.Read(buf); err != nil {
			break
		}
	}
	return conn.Close()
}

// readOnce returns a client that makes one recv with a size-byte buffer.
func readOnce(size int) func(context.Context, *trace.Side, string) error {
	return func(ctx context.Context, me *trace.Side, addr string) error {
		conn, err := me.Dial(ctx, addr)
		if err != nil {
			return err
		}
		defer conn.Close()

		// recv(size): one read, of at most size bytes.
		buf := make([]byte, size)
		n, err := conn.Read(buf)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		// Decode what came: Go's way, and what Python's decode would do.
		conn.Note("decoded", decodedNote(buf[:n])...)
		// Close, whatever is left unread.
		return conn.Close()
	}
}

// countBytesAndChars notes how many bytes and how many characters text has.
func countBytesAndChars(me *trace.Side, text string) {
	me.Note("bytes-vs-chars", "text", text,
		"bytes", strconv.Itoa(len(text)),
		"chars", strconv.Itoa(utf8.RuneCountInString(text)))
}
