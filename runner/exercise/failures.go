package exercise

import (
	"context"
	"strings"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

func init() {
	All = append(All, &Exercise{Lesson: 10, Part: "client", Text: "retry", play: retryClient})
}

const (
	// serverDown is how long socktour's server stays down once the
	// program has started: its connects are refused until then.
	serverDown = time.Second
	// watchFrom is when socktour starts to count the processor time the
	// program uses while it waits, once its start-up is over (Python's
	// takes a tenth of a second or more of it on a busy machine).
	watchFrom = 300 * time.Millisecond
	// spinShare is the share of the watched time above which a program
	// was retrying without pausing: one that sleeps between attempts uses
	// a few milliseconds of it, one that spins nearly all of it (a Go
	// program dialling a refused port in a loop measured 94 %).
	spinShare = 0.4
)

// retryClient is socktour's server for the retrying client: lesson 1's
// server, but it starts late. The program is started with nothing
// listening on its port, so its connects are refused; after serverDown
// the server listens there, and the program must connect, say 你好,
// read 欢迎, print it and exit 0. A program that gave up before the
// server was up fails, and so does one that spent most of the wait
// retrying without a pause.
func retryClient(ctx context.Context, t *Trial) error {
	addr, err := freePort()
	if err != nil {
		return err
	}
	if err := t.start(addr, welcome); err != nil {
		return err
	}
	started := time.Now()
	// The server is down: wait, counting the processor time the program
	// spends meanwhile, after its start-up.
	var cpu0, cpu1 time.Duration
	counted := true
	for _, until := range []time.Duration{watchFrom, serverDown} {
		wait := time.NewTimer(max(0, min(until-time.Since(started), t.left())))
		select {
		case <-t.Prog.Done():
			wait.Stop()
			t.gaveUp(started)
			return nil
		case <-wait.C:
		case <-ctx.Done():
			wait.Stop()
			return ctx.Err()
		}
		used, ok := runningCPU(t.Prog)
		counted = counted && ok
		cpu0, cpu1 = cpu1, used
	}
	ln, err := t.Rec.Side("server").Listen(addr, 5)
	if err != nil {
		return err
	}
	defer ln.Close()
	conn, ok := t.acceptOn(ln)
	if !ok {
		if _, exited := t.Prog.ExitCode(); exited {
			t.Checks = t.Checks[:len(t.Checks)-1] // not "never connected": it gave up
			t.gaveUp(started)
		}
		t.finish(welcome)
		return nil
	}
	if watched := serverDown - watchFrom; counted && float64(cpu1-cpu0) > spinShare*float64(watched) {
		t.fail("spun", "cpu", ms(cpu1-cpu0), "ms", ms(watched))
	} else {
		t.pass("kept trying", "ms", ms(serverDown))
	}
	defer conn.Close()
	t.answerHello(ctx, conn)
	return nil
}

// gaveUp is the finding of a program that exited without connecting.
func (t *Trial) gaveUp(started time.Time) {
	t.fail("gave up", "ms", ms(time.Since(started)), "how", t.how(),
		"err", quoteOut(lastLine(t.Prog.Errors().Tail())))
}

// acceptOn waits on ln for the program's connection, until it exits
// without one queued or the time limit passes.
func (t *Trial) acceptOn(ln *trace.Listener) (*trace.Conn, bool) {
	conn, err := t.acceptBefore(ln)
	if err != nil {
		how := t.how()
		if strings.HasPrefix(how, "exited") {
			how += " once the server was up"
		}
		t.fail("never connected", "how", how)
		return nil, false
	}
	t.pass("connected")
	return conn, true
}
