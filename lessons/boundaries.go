package lessons

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// boundaries is lesson 12: a stream keeps no message boundaries (粘包 and
// 拆包), and three ways to put them back.
var boundaries = &Lesson{
	Number:  12,
	Network: "tcp",
	Handle:  sendLines("hello", "world", "!"),
	Client:  readLines,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		// 粘包: three sends, one read.
		if err := runPair(ctx, rec, readOnceAllIn(11), sendEach("hello", "world", "!")); err != nil {
			return err
		}
		// The chat's exit, stuck to the message before it.
		tutor.Note("part-exit")
		if err := runPair(ctx, rec, readOnceAllIn(10), sendEach("你好", "exit")); err != nil {
			return err
		}
		// 拆包: one large send, many reads.
		tutor.Note("part-split")
		if err := runPair(ctx, rec, readBig, sendBig); err != nil {
			return err
		}
		// The fixes, each with the three messages in one send.
		tutor.Note("part-fixed")
		if err := runPair(ctx, rec, readFixed, sendAtOnce("hello", "world", "!    ")); err != nil {
			return err
		}
		tutor.Note("part-delimiter")
		if err := runPair(ctx, rec, readLinesServer, sendAtOnce("hello\n", "world\n", "!\n")); err != nil {
			return err
		}
		tutor.Note("part-length")
		return runPair(ctx, rec, readLengthPrefixed, sendAtOnce(frames("hello", "world", "!")...))
	},
	Code: []string{"sendEach", "readOnceAllIn", "sendBig", "readBig", "readFixed", "readLinesServer", "readLengthPrefixed", "frames"},
}

func init() { register(boundaries) }

// sendEach returns a client that sends each message with a send of its
// own, then shuts down its side and waits for the server to hang up.
func sendEach(msgs ...string) func(context.Context, *trace.Side, string) error {
	return func(ctx context.Context, me *trace.Side, addr string) error {
		conn, err := me.Dial(ctx, addr)
		if err != nil {
			return err
		}
		defer conn.Close()
		// Go turns Nagle's algorithm off (TCP_NODELAY): each send
		// leaves at once. Python leaves it on.
		if on, err := conn.NoDelay(); err == nil {
			conn.Note("nodelay", "on", strconv.FormatBool(on))
		}
		// One send per message.
		for _, m := range msgs {
			if _, err := conn.Write([]byte(m)); err != nil {
				return err
			}
		}
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// readOnceAllIn returns a server that waits until total bytes are in its
// receive buffer, then reads once, as a server that is slow to read would.
func readOnceAllIn(total int) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		// Wait, without reading, until every byte has arrived: in
		// Python, setsockopt(SOL_SOCKET, SO_RCVLOWAT, total) before a
		// blocking recv does the same.
		if _, err := conn.WaitUnread(total); err != nil {
			return err
		}
		// recv(1024): one read takes whatever is there.
		buf := make([]byte, 1024)
		n, err := conn.Read(buf)
		if err != nil {
			return err
		}
		msg := decode(buf[:n])
		conn.Note("decoded", "text", msg)
		// The chat's test for the last word fails on stuck messages.
		conn.Note("is exit", "test", strconv.Quote(msg)+" == 'exit'",
			"result", pyBool(msg == "exit"))
		// The client has shut down its side: read its end, close.
		if _, err := conn.Read(buf); !errors.Is(err, io.EOF) {
			return errors.Join(errors.New("more than expected"), err)
		}
		return conn.Close()
	}
}

// pyBool writes b as Python does.
func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// bigSize is the large message of the split part: far more than a
// fresh connection's receive buffer can hold at once.
const bigSize = 4 << 20

// sendBig returns a client that sends one large message with one send
// (Go's Write, like Python's sendall, loops until the system took it all).
func sendBig(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	// One send of 4 MiB: shown as one call, with its first and last
	// bytes (4 MiB is too much to show byte by byte).
	if _, err := conn.WriteEdges([]byte(strings.Repeat("z", bigSize))); err != nil {
		return err
	}
	if err := conn.CloseWrite(); err != nil {
		return err
	}
	return waitForHangUp(conn)
}

// readBig reads the large message with a buffer as large as all of it,
// in a loop until it has every byte, and counts the reads it took.
func readBig(conn *trace.Conn) error {
	bulk := conn.Counting() // counted, not shown one by one
	buf := make([]byte, bigSize)
	start := time.Now()
	for bulk.Bytes < bigSize {
		if _, err := bulk.Read(buf); err != nil {
			return err
		}
	}
	conn.Measure("split", bigSize, bulk.Calls, bulk.Bytes, time.Since(start))
	// Then the end of the stream, shown: the client has shut down.
	if _, err := conn.Read(buf); !errors.Is(err, io.EOF) {
		return errors.Join(errors.New("more than expected"), err)
	}
	return conn.Close()
}
