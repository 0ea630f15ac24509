// Package lessons is the course: for each lesson, the Go code of its server
// and its client, written the way a learner would write them, with a short
// comment before each step. The tutor runs this very code on real sockets
// and shows what it did; `socktour code N` prints it.
//
// The lessons are listed in order in All, like the examples of a tour. A
// lesson's narration lives in the assets, keyed by lesson number.
package lessons

import (
	"context"
	"embed"
	"slices"
	"sort"
	"strconv"

	"github.com/socktour/socktour/runner/trace"
)

// Lesson is one lesson of the course.
type Lesson struct {
	// Number is the lesson's place in the course, from 1.
	Number int
	// Network is "tcp" or "udp".
	Network string
	// Handle is the server's half of the exchange, for one accepted
	// connection: what `serve N` does for every client.
	Handle func(conn *trace.Conn) error
	// Client is the client's half of the exchange, done once against a
	// server at addr: what `client N` does.
	Client func(ctx context.Context, me *trace.Side, addr string) error
	// Run is the whole lesson: the exchange, then any experiment, each on
	// sockets of its own on fresh loopback ports.
	Run func(ctx context.Context, rec *trace.Recorder) error
	// Code names the functions that `socktour code N` shows, in order.
	Code []string
	// ServeFunc, when set, is the lesson's own `serve N` loop, for a
	// lesson whose server is not one handler per TCP connection.
	ServeFunc func(ctx context.Context, rec *trace.Recorder, addr string, ready func(addr string)) error
	// NameHandlers records each connection `serve N` accepts under a
	// handler of its own ("handler 1", "handler 2"…).
	NameHandlers bool
	// Bulk marks a lesson whose run moves more packets than a capture
	// socket's queue holds (lesson 2's measurements): `--packets` reads
	// them through a ring.
	Bulk bool
}

// All is the course, in order.
var All = []*Lesson{
	basicTCP,
	bufferSizing,
	truncation,
	loopingReceive,
	udp,
	threading,
	framed,
}

// register adds a lesson to All in its place by number, from the init of
// the lesson's own file.
func register(l *Lesson) {
	i := sort.Search(len(All), func(i int) bool { return All[i].Number > l.Number })
	All = slices.Insert(All, i, l)
}

// Get returns the lesson whose Number is n, or false when there is none.
// It searches by number, not by place in All: lessons register from their
// own files, so while some numbers are missing (lesson 12 built before 11)
// a lesson's place in All is not its number minus one.
func Get(n int) (*Lesson, bool) {
	for _, l := range All {
		if l.Number == n {
			return l, true
		}
	}
	return nil, false
}

// Source holds the lessons' Go files, so that `socktour code N` shows
// exactly the code that runs.
//
//go:embed *.go
var Source embed.FS

// Name is "lesson-N", for tests and file names.
func (l *Lesson) Name() string { return "lesson-" + strconv.Itoa(l.Number) }
