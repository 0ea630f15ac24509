package lessons

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// object is what lesson 7's server sends: {"1": "Client", "2": "Server"}.
var object = map[string]string{"1": "Client", "2": "Server"}

// framed is lesson 7: a length header, then the object as JSON.
var framed = &Lesson{
	Number:  7,
	Network: "tcp",
	Handle:  sendFrame(object),
	Client:  readObject,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		// The exchange: a 10-byte header, then 27 bytes of JSON.
		if err := runPair(ctx, rec, sendFrame(object), readObject); err != nil {
			return err
		}
		// A header that claims a gigabyte: refused, not allocated.
		tutor.Note("part-gigabyte")
		err := runPair(ctx, rec, claimGigabyte, readObject)
		if !errors.Is(err, ErrTooBig) {
			return errors.Join(errors.New("a gigabyte header was not refused"), err)
		}
		// The common alternative: a 4-byte binary length.
		tutor.Note("part-binary")
		return runPair(ctx, rec, sendBinaryFrame(object), readBinaryFrame)
	},
	Code: []string{"sendFrame", "readObject", "readFrame", "sendBinaryFrame", "readBinaryFrame"},
}

// sendFrame returns a server that sends obj as JSON behind a 10-byte
// length header, then hangs up.
func sendFrame(obj map[string]string) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		// Serialise: JSON, never pickle, for data that crosses a network.
		body, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		// The header says how many bytes follow; header and body go
		// out in one send.
		frame := append([]byte(frameHeader(len(body))), body...)
		if _, err := conn.Write(frame); err != nil {
			return err
		}
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// claimGigabyte is a server whose header claims a gigabyte of body.
func claimGigabyte(conn *trace.Conn) error {
	if _, err := conn.Write([]byte(frameHeader(1<<30) + "{}")); err != nil {
		return err
	}
	return waitForHangUp(conn)
}

// readObject reads one frame and decodes the object in it.
func readObject(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	body, err := readFrame(conn, MaxBody, func(raw string, n int) {
		conn.Note("header", "text", raw, "n", strconv.Itoa(n), "limit", strconv.Itoa(MaxBody))
	})
	if err != nil {
		conn.Note("refused", "text", err.Error())
		return err
	}
	// Only now, with every body byte in, decode.
	var obj map[string]string
	if err := json.Unmarshal(body, &obj); err != nil {
		return err
	}
	conn.Note("object", "text", show(obj))
	return conn.Close()
}

// sendBinaryFrame returns a server that sends obj behind a 4-byte length
// in network byte order (big-endian).
func sendBinaryFrame(obj map[string]string) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		body, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		frame := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
		if _, err := conn.Write(append(frame, body...)); err != nil {
			return err
		}
		if err := conn.CloseWrite(); err != nil {
			return err
		}
		return waitForHangUp(conn)
	}
}

// readBinaryFrame reads a 4-byte length, then exactly that many bytes.
func readBinaryFrame(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	// io.ReadFull reads until the buffer is full: 4 bytes of length.
	head := make([]byte, 4)
	if _, err := io.ReadFull(conn, head); err != nil {
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
	var obj map[string]string
	if err := json.Unmarshal(body, &obj); err != nil {
		return err
	}
	conn.Note("object", "text", show(obj))
	return conn.Close()
}

// show writes an object like Python prints a dict: {'1': 'Client', …}.
func show(obj map[string]string) string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, "'"+k+"': '"+obj[k]+"'")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
