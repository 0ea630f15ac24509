package exercise

import (
	"bytes"
	"strings"
	"sync"
)

// keep is how much of each end of an output is kept: its first and its
// last keep bytes. What lies between is counted and searched as it
// streams by, never kept, so a program that floods its output cannot
// fill socktour's memory, and what it prints last is judged as surely
// as what it prints first.
const keep = 32 << 10

// Stream is what a program wrote on one of its outputs: its head and its
// tail, how much there was, and whether each watched string appeared
// anywhere in it. It is safe for concurrent use; the zero value is an
// empty stream that watches for nothing.
type Stream struct {
	mu      sync.Mutex
	head    []byte
	tail    []byte // the bytes after head; only the last keep are kept
	total   int64
	lines   int
	last    byte
	watches []*watch
}

// newStream returns a stream that watches for each of watched.
func newStream(watched ...string) *Stream {
	s := &Stream{}
	for _, w := range watched {
		if w != "" {
			s.watches = append(s.watches, newWatch(w))
		}
	}
	return s
}

// Write keeps what fits and feeds every byte to the watches.
func (s *Stream) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(b) == 0 {
		return 0, nil
	}
	for _, w := range s.watches {
		w.feed(b)
	}
	s.total += int64(len(b))
	s.lines += bytes.Count(b, []byte{'\n'})
	s.last = b[len(b)-1]
	rest := b
	if room := keep - len(s.head); room > 0 {
		n := min(room, len(rest))
		s.head = append(s.head, rest[:n]...)
		rest = rest[n:]
	}
	if len(rest) > 0 {
		s.tail = append(s.tail, rest...)
		if len(s.tail) > 2*keep { // drop all but the last keep bytes
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-keep:]...)
		}
	}
	return len(b), nil
}

// Head is the start of the output, up to keep bytes.
func (s *Stream) Head() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.head)
}

// Tail is the end of the output, up to keep bytes: within the head when
// the output is short.
func (s *Stream) Tail() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	end := s.tail[max(0, len(s.tail)-keep):]
	if short := keep - len(end); short > 0 {
		return string(s.head[max(0, len(s.head)-short):]) + string(end)
	}
	return string(end)
}

// String is the output as kept: all of it when it fits in head and tail.
func (s *Stream) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.head) + string(s.tail[max(0, len(s.tail)-keep):])
}

// Dropped counts the bytes between head and tail that were not kept.
func (s *Stream) Dropped() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total - int64(len(s.head)) - int64(min(len(s.tail), keep))
}

// Lines counts the output's lines, a last one without a newline included.
func (s *Stream) Lines() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.total > 0 && s.last != '\n' {
		return s.lines + 1
	}
	return s.lines
}

// Contains reports whether want appeared anywhere in the output. A
// string that was not watched is looked for in what was kept.
func (s *Stream) Contains(want string) bool {
	if w := s.watched(want); w != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		return w.best == len(w.pat)
	}
	return strings.Contains(s.String(), want)
}

// Prefix is the length of the longest start of want that appeared
// anywhere in the output: 0 when not even its first byte did.
func (s *Stream) Prefix(want string) int {
	if w := s.watched(want); w != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		return w.best
	}
	out := s.String()
	for n := len(want); n > 0; n-- {
		if strings.Contains(out, want[:n]) {
			return n
		}
	}
	return 0
}

func (s *Stream) watched(want string) *watch {
	for _, w := range s.watches {
		if w.pat == want {
			return w
		}
	}
	return nil
}

// watch finds a pattern, and the longest start of it, in a stream fed
// piece by piece (Knuth, Morris and Pratt): its state is the longest
// start of the pattern that ends the bytes seen so far.
type watch struct {
	pat         string
	border      []int // border[i]: the longest proper border of pat[:i+1]
	state, best int
}

func newWatch(pat string) *watch {
	w := &watch{pat: pat, border: make([]int, len(pat))}
	for i, k := 1, 0; i < len(pat); i++ {
		for k > 0 && pat[i] != pat[k] {
			k = w.border[k-1]
		}
		if pat[i] == pat[k] {
			k++
		}
		w.border[i] = k
	}
	return w
}

func (w *watch) feed(b []byte) {
	for _, c := range b {
		for w.state > 0 && (w.state == len(w.pat) || w.pat[w.state] != c) {
			w.state = w.border[w.state-1]
		}
		if w.pat[w.state] == c {
			w.state++
		}
		w.best = max(w.best, w.state)
	}
}
