package recording

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/socktour/socktour/runner/trace"
)

// What Read accepts. A recording socktour writes is far within these; a
// file beyond them is not one, and reading it would only fill memory.
const (
	MaxHeaderLine = 4 << 10 // the first line, the Header
	MaxLine       = 1 << 20 // an event's line
	MaxSize       = 1 << 30 // the whole file
	MaxEvents     = 200_000 // events in one recording
	sizeWords     = "1 GiB" // MaxSize in words
	lineWords     = "1 MiB" // MaxLine in words
	headerWords   = "4 KiB" // MaxHeaderLine in words
)

// maxEvents is MaxEvents, lowered by tests.
var maxEvents = MaxEvents

// knownOps are the calls a version 1 recording may hold.
var knownOps = map[string]bool{
	"socket": true, "setsockopt": true, "bind": true, "listen": true, "accept": true, "connect": true,
	"send": true, "recv": true, "sendto": true, "recvfrom": true, "shutdown": true,
	"close": true, "error": true, "note": true, "measure": true, "packet": true,
}

// line is one line after the header: an event, or the closing line.
type line struct {
	trace.Event
	End    *bool `json:"end"`
	Events int   `json:"events"`
}

// Read reads a whole recording from r, a line at a time; name is the
// file's name for messages. Anything that is not a whole recording of a
// version this socktour knows is an *Error, said as soon as it shows: a
// file whose first 4 KiB hold no header line is refused there. Of a
// watched exchange's large payloads only the edges are kept (see
// trace.Keep), as the live view kept them. Read stops with ctx's error
// once ctx is done; to interrupt a read that waits, close r.
func Read(ctx context.Context, r io.Reader, name string) (*Recording, error) {
	lr := &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
	fail := func(n int, format string, args ...any) error {
		return &Error{File: name, Line: n, Msg: fmt.Sprintf(format, args...)}
	}
	var rec Recording
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		max := MaxLine
		if n == 1 {
			max = MaxHeaderLine
		}
		text, whole, err := lr.next(max)
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.Is(err, errLong) && n == 1:
			return nil, fail(1, "not a socktour recording (its first line must name the format %q, within its first %s)", Format, headerWords)
		case errors.Is(err, errLong):
			return nil, fail(n, "a line longer than %s: not one socktour writes", lineWords)
		case err != nil:
			return nil, fail(0, "%v", err)
		case lr.size > MaxSize:
			return nil, fail(0, "larger than %s: not a recording socktour would make", sizeWords)
		case text == nil && n == 1:
			return nil, fail(0, "the file is empty, not a socktour recording")
		case text == nil:
			return nil, fail(n-1, "the recording is cut short: it ends after %d events, without its closing line", len(rec.Events))
		}
		text = bytes.TrimSpace(text)
		if n == 1 {
			if err := readHeader(text, &rec.Header); err != nil {
				return nil, fail(1, "%s", err)
			}
			continue
		}
		if !whole && !json.Valid(text) {
			return nil, fail(n, "the recording is cut short: this last line stops in the middle (%d events before it)", len(rec.Events))
		}
		var l line
		if err := json.Unmarshal(text, &l); err != nil {
			return nil, fail(n, "not an event: %s", jsonWords(err))
		}
		if l.End != nil {
			if l.Events != len(rec.Events) {
				return nil, fail(n, "the closing line counts %d events, but %d came before it", l.Events, len(rec.Events))
			}
			blank := lr.restBlank(ctx)
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if !blank {
				return nil, fail(n+1, "more text after the recording's closing line")
			}
			return &rec, nil
		}
		e := l.Event
		if err := check(e, rec.Events, rec.Header.Version); err != "" {
			return nil, fail(n, "%s", err)
		}
		if len(rec.Events) == maxEvents {
			return nil, fail(n, "more than %d events: too many to replay", maxEvents)
		}
		if rec.Header.Lesson == 0 {
			e.Elide() // a watched exchange: as the live view kept it
		}
		rec.Events = append(rec.Events, e)
	}
}

// check says what is wrong with event e after those before it, or "".
func check(e trace.Event, before []trace.Event, version int) string {
	switch {
	case !knownOps[e.Op]:
		return fmt.Sprintf("unknown call %q in a version %d recording", e.Op, version)
	case e.Side == "":
		return "an event without a side"
	case e.Elided < 0 || e.Elided > 0 && e.N != len(e.Hex)+e.Elided:
		return fmt.Sprintf("%d bytes not kept of %d, but %d kept", e.Elided, e.N, len(e.Hex))
	case len(before) > 0 && e.Seq <= before[len(before)-1].Seq:
		return fmt.Sprintf("event %d comes after event %d: the events are out of order", e.Seq, before[len(before)-1].Seq)
	}
	return ""
}

// errLong is a line longer than the reader accepts.
var errLong = errors.New("line too long")

// lineReader reads lines of a bounded length and counts the bytes read.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte
	size int64
}

// next returns the next line (nil at the end of the input), whether it
// ended with a newline, and errLong for a line longer than max bytes.
// The line is valid until the next call.
func (lr *lineReader) next(max int) (text []byte, whole bool, err error) {
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.size += int64(len(chunk))
		if len(lr.buf)+len(chunk) > max+1 {
			return nil, false, errLong
		}
		lr.buf = append(lr.buf, chunk...)
		switch {
		case err == nil:
			return lr.buf, true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(lr.buf) == 0:
			return nil, false, nil
		case errors.Is(err, io.EOF):
			return lr.buf, false, nil
		}
		return nil, false, err
	}
}

// restBlank reports whether what is left holds nothing but blank lines
// (within the size a recording may have).
func (lr *lineReader) restBlank(ctx context.Context) bool {
	for ctx.Err() == nil && lr.size <= MaxSize {
		text, _, err := lr.next(MaxLine)
		switch {
		case err != nil || len(bytes.TrimSpace(text)) > 0:
			return false
		case text == nil:
			return true
		}
	}
	return false
}
