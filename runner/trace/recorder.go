package trace

import (
	"context"
	"errors"
	"io"
	"net"
	"os"

	"sync"
	"time"
)

// DefaultTimeout bounds every socket call a lesson makes: no lesson can hang.
const DefaultTimeout = 5 * time.Second

// Recorder collects the events of one run. It is safe for concurrent use:
// a lesson's server and client record from their own goroutines.
type Recorder struct {
	// Timeout bounds each call on a socket: every call has a deadline,
	// at most Timeout and (on a Conn, which sets a new deadline only when
	// the one set is getting near) at least 7/8 of it from the call's
	// start. Zero means DefaultTimeout.
	Timeout time.Duration
	// Live, when set, receives each event as soon as it is recorded, in
	// order. It runs while the recorder is locked, so it must not record.
	Live func(Event)
	// Discard drops events after Live has seen them: a server that runs
	// for hours must not keep them all.
	Discard bool
	// Elide keeps of a large payload only its first and last bytes (see
	// Keep): for a run whose payloads can be as large as a client likes.
	Elide bool

	mu      sync.Mutex
	start   time.Time
	events  eventLog
	slab    []byte // room for the payloads of small calls, shared
	slabbed int    // bytes copied into slabs so far
	sockets int
	seq     int
	open    map[int]io.Closer // sockets not yet closed, by number
	aborted bool
}

// NewRecorder starts an empty recording; event times count from now.
func NewRecorder() *Recorder {
	return &Recorder{start: time.Now()}
}

// Events returns a copy of the events recorded so far.
func (r *Recorder) Events() []Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.events.all()
}

// Side returns the party named name ("server", "client", "client 2"…);
// every call it makes is recorded under that name.
func (r *Recorder) Side(name string) *Side {
	return &Side{rec: r, name: name}
}

func (r *Recorder) timeout() time.Duration {
	if r.Timeout > 0 {
		return r.Timeout
	}
	return DefaultTimeout
}

func (r *Recorder) newSock() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sockets++
	return r.sockets
}

// keep remembers an open socket so that Abort can close it.
func (r *Recorder) keep(sock int, c io.Closer) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.aborted {
		c.Close()
		return
	}
	if r.open == nil {
		r.open = map[int]io.Closer{}
	}
	r.open[sock] = c
}

// forget drops a socket that its owner closed.
func (r *Recorder) forget(sock int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.open, sock)
}

// Abort closes every socket of the run that is still open, so that every
// call blocked on one returns at once: the way out after Ctrl-C or a
// failure. Sockets opened afterwards are closed as soon as they open.
func (r *Recorder) Abort() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.aborted = true
	for sock, c := range r.open {
		c.Close()
		delete(r.open, sock)
	}
}

// OpenSockets counts the sockets of the run not yet closed.
func (r *Recorder) OpenSockets() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.open)
}

// Add records an event observed outside a traced socket, such as what
// socktour's relay passed between two programs. Seq and T are stamped
// here, as for every other event.
func (r *Recorder) Add(e Event) { r.record(e, nil) }

// record stamps e, gives it a copy of payload (see payload), shows it
// to Live and keeps it unless the recorder discards.
func (r *Recorder) record(e Event, payload []byte) {
	own := payload != nil && (r.Elide || len(payload) > slabCall)
	if own { // a large payload is copied before the lock, not under it
		r.payload(&e, payload)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if payload != nil && !own {
		e.Hex = r.small(payload)
	}
	r.stamp(&e, time.Now())
	r.keepEvent(e)
}

// stamp gives e its time, at on the recorder's clock (never before its
// start, when its first event was recorded), and the next number. r is
// locked.
func (r *Recorder) stamp(e *Event, at time.Time) {
	if r.start.IsZero() {
		r.start = time.Now()
	}
	e.T = max(at.Sub(r.start).Microseconds(), 0)
	r.seq++
	e.Seq = r.seq
}

// keepEvent hands e to the live view and keeps it. r is locked.
func (r *Recorder) keepEvent(e Event) {
	if r.Live != nil {
		r.Live(e)
	}
	if !r.Discard {
		r.events.add(e)
	}
}

// QuietSide is like Side, but records only the party's failures, notes
// and measurements, not its routine calls: for the set-up of an experiment
// whose steps the learner has already seen.
func (r *Recorder) QuietSide(name string) *Side {
	return &Side{rec: r, name: name, quiet: true}
}

// Side is one party of a lesson: the server, a client, a handler. Its
// methods open sockets whose every call is recorded under its name.
type Side struct {
	rec   *Recorder
	name  string
	quiet bool
}

// record records e unless the side is quiet and e is a routine call.
func (s *Side) record(e Event) { s.recordData(e, nil) }

// recordData records e with a copy of payload, the bytes the call moved
// (nil for a call that moves none), unless the side is quiet and e is a
// routine call: then it copies nothing at all.
func (s *Side) recordData(e Event, payload []byte) {
	if s.quiet {
		switch e.Op {
		case "error", "note", "measure":
		default:
			return
		}
	}
	s.rec.record(e, payload)
}

// Name is the name events are recorded under.
func (s *Side) Name() string { return s.name }

// Note records an observation the lesson made, such as a count it
// computed, under key; vals are name, value pairs that the narration for
// key can show.
func (s *Side) Note(key string, vals ...string) {
	var m map[string]string // none at all for a note without values
	if len(vals) >= 2 {
		m = make(map[string]string, len(vals)/2)
	}
	for i := 0; i+1 < len(vals); i += 2 {
		m[vals[i]] = vals[i+1]
	}
	s.record(Event{Side: s.name, Op: "note", Key: key, Vals: m})
}

// Measure records a measurement: count calls moved n bytes in d through
// a buffer of size bytes. Key names its narration.
func (s *Side) Measure(key string, size, count int, n int64, d time.Duration) {
	s.record(Event{Side: s.name, Op: "measure", Key: key, Size: size,
		Count: count, N: int(n), Dur: d.Microseconds()})
}

// fail records a failed call and returns err unchanged. A call on a
// socket that the run itself closed (Abort, or a stop) is not a failure
// worth showing.
func (s *Side) fail(call string, sock int, local, remote string, err error) error {
	return s.failed(Event{Call: call, Sock: sock, Local: local, Remote: remote}, err)
}

// failed records e, the failed call (its Call, socket, addresses and, on
// a read, the buffer size asked), as an error event with the system's
// words for err, and returns err unchanged.
func (s *Side) failed(e Event, err error) error {
	if errors.Is(err, net.ErrClosed) {
		return err
	}
	e.Side, e.Op, e.Err, e.Errno = s.name, "error", SysWords(err), errnoName(err)
	s.record(e)
	return err
}

// Dial connects to addr over TCP, like Python's socket() then connect().
// The system picks this side's port; the connect event shows it.
func (s *Side) Dial(ctx context.Context, addr string) (*Conn, error) {
	sock := s.rec.newSock()
	d := net.Dialer{Timeout: s.rec.timeout()}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, s.fail("connect", sock, "", addr, err)
	}
	conn := newConn(s, c, sock)
	s.record(Event{Side: s.name, Op: "connect", Sock: sock, Local: conn.local, Remote: conn.remote})
	return conn, nil
}

// SysWords is the system's own wording of err, without Go's wrapping:
// "connection refused", "connection reset by peer", "i/o timeout".
func SysWords(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		err = op.Err
	}
	var sys *os.SyscallError
	if errors.As(err, &sys) {
		err = sys.Err
	}
	if errors.Is(err, io.EOF) {
		return "EOF"
	}
	return err.Error()
}
