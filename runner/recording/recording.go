// Package recording saves a run's events to a file and reads them back, so
// that `socktour replay` can show a lesson (or a watched exchange) again
// without opening a socket: the same run every time, on any machine.
//
// A recording is JSON lines. The first line is a Header naming the format,
// its version, what was recorded, by which socktour and when; then one
// line per event, exactly as `socktour run N --json` writes them; then a
// closing line {"end":true,"events":N}. The closing line is how a reader
// tells a whole recording from one cut short.
package recording

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// Format is the name every recording's first line carries.
const Format = "socktour-recording"

// Version is the format version this socktour writes and the newest it
// reads. Raise it when an older socktour could misread a newer file.
const Version = 1

// Header is a recording's first line.
type Header struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Lesson is the lesson recorded, or 0 for traffic recorded by
	// `socktour watch`.
	Lesson int `json:"lesson,omitempty"`
	// Watch names what `socktour watch` relayed ("127.0.0.1:9000 →
	// 127.0.0.1:8000"); empty for a lesson.
	Watch    string    `json:"watch,omitempty"`
	Socktour string    `json:"socktour"`
	Recorded time.Time `json:"recorded"`
}

// end is a recording's closing line.
type end struct {
	End    bool `json:"end"`
	Events int  `json:"events"`
}

// Writer writes a recording one event at a time, so that a long `watch`
// keeps what it saw even if it is stopped hard.
type Writer struct {
	w     *bufio.Writer
	enc   *json.Encoder
	count int
	err   error
}

// NewWriter writes h's line to w; the caller fills in Lesson or Watch,
// Socktour and Recorded.
func NewWriter(w io.Writer, h Header) (*Writer, error) {
	h.Format, h.Version = Format, Version
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	rw := &Writer{w: bw, enc: enc}
	rw.err = enc.Encode(h)
	return rw, rw.err
}

// Event adds one event. After a write error it does nothing and Close
// reports the error.
func (w *Writer) Event(e trace.Event) {
	if w.err != nil {
		return
	}
	w.err = w.enc.Encode(e)
	w.count++
}

// Flush pushes what is buffered to the underlying writer.
func (w *Writer) Flush() error {
	if w.err == nil {
		w.err = w.w.Flush()
	}
	return w.err
}

// Close writes the closing line and flushes; it does not close the file.
func (w *Writer) Close() error {
	if w.err == nil {
		w.err = w.enc.Encode(end{End: true, Events: w.count})
	}
	return w.Flush()
}

// Recording is a recording read back.
type Recording struct {
	Header Header
	Events []trace.Event // in the order they were recorded
}

// Error is a recording that cannot be read, with the file and line at
// fault (Line 0 when the fault is the file as a whole).
type Error struct {
	File string
	Line int
	Msg  string
}

// Error says "FILE:LINE: what is wrong", or "FILE: …" for the whole file.
func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// readHeader checks a recording's first line.
func readHeader(text []byte, h *Header) error {
	if err := json.Unmarshal(text, h); err != nil || h.Format != Format {
		return fmt.Errorf("not a socktour recording (its first line must name the format %q)", Format)
	}
	switch {
	case h.Version > Version:
		return fmt.Errorf("recorded in format version %d by socktour %s; this socktour reads version %d at most: update socktour to replay it", h.Version, h.Socktour, Version)
	case h.Version < 1:
		return fmt.Errorf("format version %d does not exist", h.Version)
	case h.Lesson < 0 || (h.Lesson == 0) == (h.Watch == ""):
		return errors.New("the first line must name either a lesson or a watched connection")
	}
	return nil
}

// jsonWords is a JSON error in a few words.
func jsonWords(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "not valid JSON (" + se.Error() + ")"
	case errors.As(err, &te):
		return fmt.Sprintf("field %q holds a %s", te.Field, te.Value)
	}
	return err.Error()
}
