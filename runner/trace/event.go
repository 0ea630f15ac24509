// Package trace wraps real sockets so that every call a lesson makes on them
// is recorded as an Event: who called, what, with which buffer, how many
// bytes moved and which ones, and what the system said. The recorded events
// are the single source of everything socktour shows: the player, the JSON
// lines of `run --json`, the live view of `serve`, and the tests.
//
// Lessons import this package and nothing else of socktour's, so their code
// stays plain socket code that a learner could have written.
package trace

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// Event is one socket call (or one observation a lesson reports) as it
// really happened. Field names are the JSON contract of `run --json`.
type Event struct {
	Seq  int    `json:"seq"`            // 1, 2, 3… in the order calls finished
	T    int64  `json:"t_us"`           // microseconds since the recorder started
	Side string `json:"side"`           // "server", "client", "client 2", "handler 1"…
	Op   string `json:"op"`             // socket, bind, listen, accept, connect, send, recv, sendto, recvfrom, shutdown, close, error, note, measure, packet
	Call string `json:"call,omitempty"` // on an error event: the call that failed
	Sock int    `json:"sock,omitempty"` // the socket's number within this run
	N    int    `json:"n"`              // bytes moved
	Size int    `json:"size,omitempty"` // buffer size asked on reads; backlog on listen
	Hex  Bytes  `json:"hex,omitempty"`  // the bytes moved
	// Elided counts the bytes of a large payload that were not kept: Hex
	// then holds only the first bytes (its first half) and the last ones
	// (its second half), and N still counts them all. Zero when Hex holds
	// every byte moved.
	Elided int  `json:"elided,omitempty"`
	EOF    bool `json:"eof,omitempty"` // this read found the end of the stream
	// Trunc is set on a datagram read that the system reported as cut
	// short because the buffer was smaller than the datagram.
	Trunc bool `json:"trunc,omitempty"`
	// Off is the offset, within this direction of the stream, of the first
	// byte moved: a send at Off 7 carried bytes 7.. of everything this side
	// has sent on the socket; a recv at Off 7 got bytes 7.. of everything
	// the peer sent.
	Off    int64  `json:"off,omitempty"`
	Local  string `json:"local,omitempty"`  // this side's address
	Remote string `json:"remote,omitempty"` // the peer's address
	Err    string `json:"err,omitempty"`    // the system's words for a failure
	// Errno names a failure's system error as C does, "ECONNREFUSED"; on
	// Windows Winsock's "WSAECONNREFUSED". The words of Err are the
	// system's, in its own language on Windows, so what a failure means
	// is read from Errno where there is one.
	Errno string `json:"errno,omitempty"`
	// Unread counts the bytes still waiting in the receive buffer when a
	// socket was closed (they are discarded, and Linux answers with a reset).
	Unread int `json:"unread,omitempty"`
	// Key names the narration for a note or measure event; on the close
	// of a listening socket it is "listener".
	Key string `json:"key,omitempty"`
	// Vals are the measured facts of a note, keyed by name; narration
	// templates refer to them as {name}.
	Vals map[string]string `json:"vals,omitempty"`
	// Pkt is, on a "packet" event (Side "wire"), the packet captured.
	Pkt   *Segment `json:"pkt,omitempty"`
	Count int      `json:"count,omitempty"`  // on measure: how many calls were made
	Dur   int64    `json:"dur_us,omitempty"` // on measure: how long they took, in µs
}

// Reset reports a read that failed because the peer reset the
// connection: the one failure of a read that the peer's close causes (a
// read that timed out was caused by nothing the peer did). It goes by the
// system's error (Windows words it in its own language), by the words
// only for an event that names none, as recordings made before Errno.
func (e Event) Reset() bool {
	if e.Op != "error" || e.Call != "recv" {
		return false
	}
	if e.Errno != "" {
		return e.Errno == "ECONNRESET" || e.Errno == "WSAECONNRESET"
	}
	return strings.Contains(e.Err, "reset")
}

// Data reports whether the event moved payload bytes.
func (e Event) Data() bool {
	switch e.Op {
	case "send", "recv", "sendto", "recvfrom":
		return true
	}
	return false
}

// Bytes is a payload that travels in JSON as lowercase hex, so a transcript
// shows exactly which bytes crossed, including invalid UTF-8.
type Bytes []byte

// MarshalJSON writes the bytes as a hex string.
func (b Bytes) MarshalJSON() ([]byte, error) {
	return json.Marshal(hex.EncodeToString(b))
}

// UnmarshalJSON reads the hex string written by MarshalJSON.
func (b *Bytes) UnmarshalJSON(data []byte) error {
	if n := len(data); n >= 2 && data[0] == '"' && data[n-1] == '"' && bytes.IndexByte(data, '\\') < 0 {
		raw := make([]byte, (n-2)/2) // plain hex, as MarshalJSON writes it: no string to unquote
		if _, err := hex.Decode(raw, data[1:n-1]); err != nil {
			return fmt.Errorf("hex payload: %w", err)
		}
		*b = raw
		return nil
	}
	var s string
	if err := json.Unmarshal(data, &s); err != nil {
		return err
	}
	raw, err := hex.DecodeString(s)
	if err != nil {
		return fmt.Errorf("hex payload: %w", err)
	}
	*b = raw
	return nil
}
