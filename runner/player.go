package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

const (
	defaultDelay = 900 * time.Millisecond
	minDelay     = 100 * time.Millisecond
	maxDelay     = 10 * time.Second
)

// player shows a lesson's events one step at a time in a terminal: step 0
// is the introduction, then one step per event, then the closing words.
type player struct {
	ctx    context.Context
	io     *IO
	lesson *lessons.Lesson
	pal    *render.Palette
	events []trace.Event // in causal order
	infos  []render.Info
	step   int
	auto   bool
	delay  time.Duration
	run    int // how many times the lesson ran: 1, then once per r
}

func newPlayer(ctx context.Context, io *IO, l *lessons.Lesson, events []trace.Event, pal *render.Palette) *player {
	p := &player{ctx: ctx, io: io, lesson: l, pal: pal, delay: defaultDelay}
	p.load(events)
	return p
}

// load shows a fresh run's events from the start.
func (p *player) load(events []trace.Event) {
	p.events = trace.Causal(events)
	a := render.NewAnalyzer(p.lesson.Number)
	a.Know(events)
	p.infos = make([]render.Info, len(p.events))
	for i, e := range p.events {
		p.infos[i] = a.Info(e)
	}
	p.step = 0
	p.run++
}

func (p *player) last() int { return len(p.events) + 1 }

// play runs the player until the learner leaves it: nil for q (back to
// the menu), errInterrupted for Ctrl-C. The terminal is restored on every
// way out.
func (p *player) play() error {
	restore, err := p.io.Term.Raw()
	if err != nil {
		return fmt.Errorf("terminal: %w", err)
	}
	defer restore()
	fmt.Fprint(p.io.Out, "\x1b[?1049h\x1b[?25l") // alternate screen, cursor hidden
	defer fmt.Fprint(p.io.Out, "\x1b[?25h\x1b[?1049l")

	keys := p.io.keySource()
	for {
		p.draw()
		wait := time.Duration(0)
		if p.auto {
			wait = p.delay
		}
		key, err := keys.next(p.ctx, wait)
		if err != nil {
			if p.ctx.Err() != nil {
				return errInterrupted
			}
			return err
		}
		switch key {
		case keyTimeout:
			if p.auto {
				p.forward()
			}
		case keyNext:
			p.forward()
		case keyBack, "b":
			if p.step > 0 {
				p.step--
			}
		case "a":
			p.auto = !p.auto
			if p.auto && p.step == p.last() {
				p.step = 0
			}
		case "+", "=":
			p.delay = max(minDelay, p.delay*2/3)
		case "-", "_":
			p.delay = min(maxDelay, p.delay*3/2)
		case "r":
			events, err := runLesson(p.ctx, p.lesson)
			if err != nil {
				return err
			}
			p.load(events)
		case "q", "esc", keyEOF:
			return nil
		case keyInterrupt:
			return errInterrupted
		}
	}
}

// forward moves one step on; auto-play stops at the end.
func (p *player) forward() {
	if p.step < p.last() {
		p.step++
	}
	if p.step == p.last() {
		p.auto = false
	}
}

// draw paints the whole screen for the current step.
func (p *player) draw() {
	w, h := p.io.Term.Size()
	r := &render.Renderer{Width: w, Pal: p.pal}
	var body []string
	switch p.step {
	case 0:
		body = p.intro(r)
	case p.last():
		body = p.outro(r, h-3)
	default:
		body = p.current(r, h-3)
	}
	lines := []string{r.Title(p.lesson.Number), ""}
	lines = append(lines, body...)
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:h-1], p.footer(w))
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(render.Fit(l, w))
	}
	fmt.Fprint(p.io.Out, b.String())
}

func (p *player) intro(r *render.Renderer) []string {
	doc := assets.Lesson(p.lesson.Number)
	lines := r.Paragraphs(doc.Section("intro"))
	hint := "Press → or Enter to take the first step."
	if p.run > 1 {
		hint = fmt.Sprintf("This is run %d, on new sockets: ports and timings are new. %s", p.run, hint)
	}
	return append(append(lines, ""), r.Paragraphs(hint)...)
}

// current is the lanes so far, the current step marked, and its details.
func (p *player) current(r *render.Renderer, rows int) []string {
	i := p.step - 1
	e, in := p.events[i], p.infos[i]
	details := r.Details(e, in)
	room := rows - 2 - 1 // the lane header, a blank line, the current row
	if len(details) > room-3 {
		keep := max(room-4, 1)
		if keep < len(details) {
			details = append(details[:keep], "      "+p.pal.Dim.Sprint("… (the whole step: socktour run "+fmt.Sprint(p.lesson.Number)+" | less)"))
		}
	}
	history := room - len(details)
	from := max(0, i-history)
	lines := []string{r.LaneHeader()}
	for j := from; j < i; j++ {
		lines = append(lines, r.Line(j+1, p.events[j], p.infos[j], false))
	}
	lines = append(lines, r.Line(i+1, e, in, true))
	return append(append(lines, details...), "")
}

// outro is the closing words, after the last rows of the exchange.
func (p *player) outro(r *render.Renderer, rows int) []string {
	doc := assets.Lesson(p.lesson.Number)
	words := r.Paragraphs(doc.Section("outro"))
	var lines []string
	room := rows - len(words) - 2
	if room > 0 {
		lines = append(lines, r.LaneHeader())
		from := max(0, len(p.events)-room+1)
		for j := from; j < len(p.events); j++ {
			lines = append(lines, r.Line(j+1, p.events[j], p.infos[j], false))
		}
		lines = append(lines, "")
	}
	return append(lines, words...)
}

// footer is the step counter and the keys.
func (p *player) footer(w int) string {
	where := fmt.Sprintf("step %d/%d", p.step, p.last())
	if p.step == p.last() {
		where = fmt.Sprintf("end %d/%d", p.step, p.last())
	}
	mode := "a auto"
	if p.auto {
		mode = fmt.Sprintf("a stop auto (%.1fs)", p.delay.Seconds())
	}
	keys := fmt.Sprintf(" %s  →/⏎ next  ←/b back  %s  +/- pace  r rerun  q back", where, mode)
	return p.pal.Title.Sprint(render.Fit(keys, w))
}
