package runner

import (
	"fmt"
	"io"
	"sync"

	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// live prints events as they are recorded, for `serve` and `client`,
// where an outside program is on the other end and nothing can wait for
// the run to finish.
type live struct {
	mu      sync.Mutex
	w       io.Writer
	r       *render.Renderer
	a       *render.Analyzer
	step    int
	held    []trace.Event // events before the header could be printed
	started bool
}

func newLive(w io.Writer, r *render.Renderer, lesson int) *live {
	return &live{w: w, r: r, a: render.NewAnalyzer(lesson)}
}

// start prints the header lines, then any events held back until now.
func (l *live) start(header ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, h := range header {
		fmt.Fprintln(l.w, h)
	}
	fmt.Fprintln(l.w, l.r.LaneHeader())
	l.started = true
	for _, e := range l.held {
		l.print(e)
	}
	l.held = nil
}

// event is the recorder's Live hook.
func (l *live) event(e trace.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.started {
		l.held = append(l.held, e)
		return
	}
	l.print(e)
}

func (l *live) print(e trace.Event) {
	l.step++
	in := l.a.Info(e)
	fmt.Fprintln(l.w, l.r.Line(l.step, e, in, false))
	for _, d := range l.r.Details(e, in) {
		fmt.Fprintln(l.w, d)
	}
}
