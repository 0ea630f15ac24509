// Package exercise checks a learner's own program, in any language, on the
// wire: it starts the program as one side of a lesson's exchange, plays the
// other side itself on traced sockets, and judges what crossed and what the
// program printed, never how the program formats its output.
package exercise

import (
	"context"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// Exercise is one thing to write for a lesson.
type Exercise struct {
	Lesson int
	// Part names the exercise within its lesson: "client" or "server",
	// which is also the side the learner writes.
	Part string
	// Text is the key of its statement, hints and solution in the assets:
	// lessons 2 to 4 share one exercise.
	Text string
	// play is socktour's side of the exchange against the program.
	play func(ctx context.Context, t *Trial) error
}

// All are the exercises, in course order.
var All = []*Exercise{
	{Lesson: 1, Part: "client", Text: "hello", play: helloClient},
	{Lesson: 2, Part: "client", Text: "whole", play: wholeMessage},
	{Lesson: 3, Part: "client", Text: "whole", play: wholeMessage},
	{Lesson: 4, Part: "client", Text: "whole", play: wholeMessage},
	{Lesson: 5, Part: "client", Text: "udp", play: udpClient},
	{Lesson: 6, Part: "server", Text: "threads", play: concurrentServer},
	{Lesson: 7, Part: "client", Text: "framed-client", play: framedClient},
	{Lesson: 7, Part: "server", Text: "framed-server", play: framedServer},
}

// For returns lesson n's exercises.
func For(n int) []*Exercise {
	var out []*Exercise
	for _, e := range All {
		if e.Lesson == n {
			out = append(out, e)
		}
	}
	return out
}

// Trial is one check of a program: the program, socktour's traced side,
// and the verdict being built.
type Trial struct {
	Ex   *Exercise
	Rec  *trace.Recorder
	Prog *Program
	Addr string // where the program listens or connects: 127.0.0.1:PORT
	// Limit is the one time limit of the whole check: the program must
	// have done everything, exited included, within it.
	Limit time.Duration
	// Checks are the verdict's findings, in order.
	Checks []Check
	args   []string
	ctx    context.Context // cancelled on Ctrl-C
	end    time.Time       // Limit from the start
	// readAll is set once the client was seen to read everything sent.
	readAll bool
}

// Check is one finding: a key of the verdict texts, filled with vals.
type Check struct {
	OK   bool
	Key  string
	Vals map[string]string
}

// Passed reports whether every check passed (and there was one).
func (t *Trial) Passed() bool {
	if len(t.Checks) == 0 {
		return false
	}
	for _, c := range t.Checks {
		if !c.OK {
			return false
		}
	}
	return true
}

// pass and fail add a finding; kv are name, value pairs.
func (t *Trial) pass(key string, kv ...string) { t.add(true, key, kv) }
func (t *Trial) fail(key string, kv ...string) { t.add(false, key, kv) }

func (t *Trial) add(ok bool, key string, kv []string) {
	m := map[string]string{"side": assets.UI("side " + t.Ex.Part), "addr": t.Addr}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	t.Checks = append(t.Checks, Check{OK: ok, Key: key, Vals: m})
}

// backstop is how long after its time limit a check is cut short, should
// any wait of its own fail to end at the limit.
const backstop = 2 * time.Second

// Run starts the program with args (the port is added as its last
// argument and as PORT in its environment), plays socktour's side against
// it and judges, all within limit. Cancelling ctx (Ctrl-C) ends the check
// and the program at once. It returns an error only when the check itself
// could not run: the program's faults are findings.
func Run(ctx context.Context, ex *Exercise, args []string, limit time.Duration) (*Trial, error) {
	t := &Trial{Ex: ex, Rec: trace.NewRecorder(), Limit: limit, args: args, ctx: ctx,
		end: time.Now().Add(limit)}
	t.Rec.Timeout = limit
	stop := context.AfterFunc(ctx, t.Rec.Abort)
	defer stop()
	cut := time.AfterFunc(limit+backstop, t.Rec.Abort)
	defer cut.Stop()
	err := ex.play(ctx, t)
	if t.Prog != nil {
		t.Prog.Stop()
	}
	if ctx.Err() != nil {
		return t, ctx.Err()
	}
	return t, err
}

// left is the time left before the limit.
func (t *Trial) left() time.Duration { return max(time.Until(t.end), 0) }

// start runs the program against addr, watching its output for wants.
func (t *Trial) start(addr string, wants ...string) error {
	t.Addr = addr
	_, port, _ := strings.Cut(addr, ":")
	p, err := Start(t.ctx, t.args, port, wants...)
	if err != nil {
		return err
	}
	t.Prog = p
	return nil
}
