package lessons

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// HeaderSize is the length of lesson 7's header: the body's length in
// ASCII decimal, left-aligned and padded with spaces, as in the classic
// tutorial's f"{len(msg):<10}".
const HeaderSize = 10

// MaxBody is the largest body lesson 7's client accepts. A header is only
// a claim: without a limit, a header saying "1073741824" would make the
// client allocate a gigabyte.
const MaxBody = 1 << 20

// Frame errors, each a sentence a learner can act on.
var (
	ErrBadHeader = errors.New("the header is not a length")
	ErrTooBig    = errors.New("the header claims more bytes than this client accepts")
	ErrCutShort  = errors.New("the stream ended before the whole frame arrived")
)

// frameHeader returns the header for a body of n bytes: "27        ".
func frameHeader(n int) string {
	return fmt.Sprintf("%-*d", HeaderSize, n)
}

// readFrame reads one frame from r, at most 10 bytes per read: first the
// header, then exactly as many body bytes as it says, never more than
// limit. It checks the claim before it allocates anything. header, if
// not nil, is told the header as soon as it is in.
func readFrame(r io.Reader, limit int, header func(raw string, n int)) ([]byte, error) {
	// The header: read until all 10 bytes are in.
	head := make([]byte, 0, HeaderSize)
	buf := make([]byte, HeaderSize)
	for len(head) < HeaderSize {
		n, err := r.Read(buf[:HeaderSize-len(head)])
		head = append(head, buf[:n]...)
		if err != nil && len(head) < HeaderSize {
			if errors.Is(err, io.EOF) {
				return nil, ErrCutShort
			}
			return nil, err
		}
	}
	// The length, and the limit, before allocating the body.
	n, err := strconv.Atoi(strings.TrimRight(string(head), " "))
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: %q", ErrBadHeader, head)
	}
	if header != nil {
		header(string(head), n)
	}
	if n > limit {
		return nil, fmt.Errorf("%w: %d claimed, %d at most", ErrTooBig, n, limit)
	}
	// The body: 10 bytes at a time until exactly n are in.
	body := make([]byte, 0, n)
	for len(body) < n {
		chunk := min(HeaderSize, n-len(body))
		got, err := r.Read(buf[:chunk])
		body = append(body, buf[:got]...)
		if err != nil && len(body) < n {
			if errors.Is(err, io.EOF) {
				return nil, ErrCutShort
			}
			return nil, err
		}
	}
	return body, nil
}
