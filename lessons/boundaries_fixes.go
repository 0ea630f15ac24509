package lessons

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// The three fixes of lesson 12. Each receives the same three messages,
// sent together in one send: the worst case, all stuck together.

// sendAtOnce returns a client that sends all parts in one send, then
// shuts down its side and waits for the server to hang up.
func sendAtOnce(parts ...string) func(context.Context, *trace.Side, string) error {
	return func(ctx context.Context, me *trace.Side, addr string) error {
		conn, err := me.Dial(ctx, addr)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.Write([]byte(strings.Join(parts, ""))); err != nil {
			return err
		}
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// fixedSize is the size of every message of the first fix; a shorter
// message is padded with spaces.
const fixedSize = 5

// readFixed reads messages of exactly fixedSize bytes each, until the
// end of the stream.
func readFixed(conn *trace.Conn) error {
	msg := make([]byte, fixedSize)
	for {
		// io.ReadFull loops on recv until the buffer is full: one
		// message, however the bytes arrived.
		if _, err := io.ReadFull(conn, msg); errors.Is(err, io.EOF) {
			break // the end of the stream, between two messages
		} else if err != nil {
			return err
		}
		conn.Note("message", "text", strings.TrimRight(string(msg), " "))
	}
	return conn.Close()
}

// readLinesServer reads newline-ended messages with a buffered reader,
// as Python's sock.makefile() and readline() do.
func readLinesServer(conn *trace.Conn) error {
	// The buffered reader asks the socket for up to 4096 bytes at a
	// time, and hands them out a line at a time.
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if errors.Is(err, io.EOF) && line == "" {
			break
		}
		if err != nil {
			return err // a last line without its newline is cut short
		}
		conn.Note("message", "text", strings.TrimSuffix(line, "\n"))
	}
	return conn.Close()
}

// frames puts each message behind a 4-byte length in network byte order,
// lesson 7's binary header.
func frames(msgs ...string) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, string(binary.BigEndian.AppendUint32(nil, uint32(len(m))))+m)
	}
	return out
}

// readLengthPrefixed reads a 4-byte length, then exactly that many
// bytes, until the end of the stream.
func readLengthPrefixed(conn *trace.Conn) error {
	head := make([]byte, 4)
	for {
		if _, err := io.ReadFull(conn, head); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return err
		}
		n := binary.BigEndian.Uint32(head)
		if n > MaxBody {
			return ErrTooBig
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(conn, body); err != nil {
			return err
		}
		conn.Note("message", "text", string(body))
	}
	return conn.Close()
}

// sendLines returns lesson 12's server for `serve 12`: the messages, each
// ended by a newline, in one send; then it hangs up.
func sendLines(msgs ...string) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		if _, err := conn.Write([]byte(strings.Join(msgs, "\n") + "\n")); err != nil {
			return err
		}
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// readLines is lesson 12's client for `client 12`: it prints each
// newline-ended message the server sends, until the end of the stream.
func readLines(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if line != "" {
			conn.Note("message", "text", decode([]byte(strings.TrimSuffix(line, "\n"))))
		}
		if errors.Is(err, io.EOF) {
			return conn.Close()
		}
		if err != nil {
			return err
		}
	}
}
