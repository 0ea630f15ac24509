package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// maxWidth caps the player's layout on a wide screen, where lanes far
// apart and long lines are hard to follow; the layout is centred.
const maxWidth = 100

const (
	// DefaultDelay is auto-play's pace unless --delay says otherwise.
	DefaultDelay = 900 * time.Millisecond
	minDelay     = 100 * time.Millisecond
	maxDelay     = 10 * time.Second
)

// player shows a run's events one step at a time in a terminal: step 0 is
// the introduction, then one step per event, then the closing words, and
// last the sequence diagram of the whole exchange.
type player struct {
	ctx   context.Context
	io    *Console
	show  *Show
	pal   *render.Palette
	infos []render.Info
	step  int
	auto  bool
	delay time.Duration
	run   int // how many times the lesson ran: 1, then once per r

	noHex   bool         // x: leave out hex dumps
	noWire  bool         // p: leave out the packets under the calls
	wire    *render.Wire // the run's packets laid out under its calls; nil without any
	focus   bool         // f: the current step alone, for a projector
	jumping bool         // g was pressed: digits go to jump
	jump    string       // the step number typed so far
	help    bool         // ?: the keys, until any key
	msg     string       // a word for the footer, until the next key

	noQuiz   bool            // --no-questions
	quiz     []Question      // the lesson's questions, filled from this run
	asked    map[string]bool // by question key
	asking   *Question       // the question open now, or nil
	cursor   int             // the choice highlighted in it
	feedback map[int][]feedback
	skipped  int    // questions auto-play went past without asking
	restore  func() // leaves raw mode

	inMenu     bool // played from the menu, which it goes back to
	toExercise bool // e at the end: leave for the lesson's exercise
}

func newPlayer(ctx context.Context, io *Console, s *Show, pal *render.Palette) *player {
	p := &player{ctx: ctx, io: io, show: s, pal: pal, delay: DefaultDelay}
	p.load(s.Events)
	return p
}

// load shows a run's events from the start.
func (p *player) load(events []trace.Event) {
	p.show.Set(events)
	p.infos = p.show.Infos()
	p.wire = render.MatchWire(p.show.Ordered, p.show.Packets)
	p.quiz = Questions(p.show.N, p.show.Ordered, p.infos)
	p.asked, p.feedback = map[string]bool{}, map[int][]feedback{}
	p.asking, p.skipped = nil, 0
	p.step = 0
	p.run++
}

func (p *player) events() []trace.Event { return p.show.Ordered }

// outroStep is the closing words; last is the diagram.
func (p *player) outroStep() int { return len(p.show.Ordered) + 1 }
func (p *player) last() int      { return len(p.show.Ordered) + 2 }

// play runs the player until the learner leaves it: nil for q (back to
// the menu), ErrInterrupted for Ctrl-C. The terminal is restored on every
// way out. A learner who leaves for the lesson's exercise (e, at the end)
// is shown it on the normal screen.
func (p *player) play() error {
	if err := p.playScreen(); err != nil || !p.toExercise {
		return err
	}
	if p.inMenu {
		return menuExercise(p.io, p.show.N)
	}
	return p.io.ShowExercise(p.show.N)
}

// playScreen is play on the alternate screen, in raw mode.
func (p *player) playScreen() error {
	restore, err := p.io.Term.Raw()
	if err != nil {
		return fmt.Errorf(assets.Message("terminal: %w"), err)
	}
	p.restore = restore
	defer func() { p.restore() }()
	fmt.Fprint(p.io.Out, "\x1b[?1049h\x1b[?25l") // alternate screen, cursor hidden
	defer fmt.Fprint(p.io.Out, "\x1b[?25h\x1b[?1049l")
	defer p.saveWhere()

	keys := p.io.keySource()
	for {
		p.draw()
		wait := time.Duration(0)
		if p.auto && !p.jumping && !p.help && p.asking == nil {
			wait = p.delay
		}
		key, err := keys.next(p.ctx, wait)
		if err != nil {
			if p.ctx.Err() != nil {
				return ErrInterrupted
			}
			return err
		}
		p.msg = ""
		switch {
		case key == keyInterrupt:
			return ErrInterrupted
		case p.help:
			p.help = false
			continue
		case p.jumping:
			p.typeJump(key)
			continue
		case p.asking != nil:
			if key == keyEOF {
				return nil
			}
			if p.questionKey(key) {
				return nil
			}
			continue
		}
		switch key {
		case keyTimeout:
			if p.auto {
				p.forward()
			}
		case keyNext, keyEnter:
			if p.step == p.last() {
				if err := p.nextLesson(); err != nil {
					return err
				}
				continue
			}
			p.next()
		case "e":
			if p.step >= p.outroStep() && p.show.N > 0 {
				p.toExercise = true
				return nil
			}
		case keyBack, "b":
			if p.step > 0 {
				p.step--
			}
		case "g":
			p.jumping, p.jump = true, ""
		case "x":
			p.noHex = !p.noHex
			p.msg = map[bool]string{true: assets.UI("msg hex off"), false: assets.UI("msg hex on")}[p.noHex]
		case "p":
			if p.wire != nil {
				p.noWire = !p.noWire
				p.msg = map[bool]string{true: assets.UI("msg packets off"), false: assets.UI("msg packets on")}[p.noWire]
			}
		case "f":
			p.focus = !p.focus
		case "?", "h":
			p.help = true
		case "a":
			p.auto = !p.auto
			if p.auto && p.step >= p.outroStep() {
				p.step = 0
			}
		case "+", "=":
			p.delay = max(minDelay, p.delay*2/3)
		case "-", "_":
			p.delay = min(maxDelay, p.delay*3/2)
		case "r":
			if p.show.Rerun == nil {
				p.step = 0
				continue
			}
			events, err := p.show.Rerun(p.ctx)
			if err != nil {
				return err
			}
			p.load(events)
		case "q", "esc", keyEOF:
			return nil
		}
	}
}

// nextLesson plays the lesson after this one, on fresh sockets: → on the
// last step. A replay has no next lesson to run; it says how to.
func (p *player) nextLesson() error {
	n := p.show.N
	l, ok := lessons.Get(n + 1)
	if n == 0 || !ok {
		return nil
	}
	if p.show.Rerun == nil {
		p.msg = assets.UI("msg next", "next", strconv.Itoa(n+1))
		return nil
	}
	events, err := p.io.RunLesson(p.ctx, l.Number)
	if err != nil {
		return err
	}
	p.saveWhere()
	p.show = NewShow(l.Number, "", events)
	p.show.Rerun = func(ctx context.Context) ([]trace.Event, error) { return p.io.RunLesson(ctx, l.Number) }
	p.load(events)
	p.run = 1
	return nil
}

// typeJump takes one key of "g 12 Enter".
func (p *player) typeJump(key string) {
	switch {
	case key == keyEnter || key == keyNext:
		p.jumping = false
		n, err := strconv.Atoi(p.jump)
		switch {
		case p.jump == "":
		case err != nil || n > p.last():
			p.msg = assets.UI("msg no step", "step", p.jump, "last", strconv.Itoa(p.last()))
		default:
			p.step, p.auto = n, false
		}
	case len(key) == 1 && key[0] >= '0' && key[0] <= '9':
		if len(p.jump) < 6 {
			p.jump += key
		}
	case key == "\x7f" || key == "\b":
		if p.jump != "" {
			p.jump = p.jump[:len(p.jump)-1]
		}
	case key == keyTimeout:
	default: // Esc, q or any other key
		p.jumping = false
	}
}

// forward moves one step on; auto-play stops at the diagram, the last
// step, counting the questions it went past. Reaching the closing words
// finishes the lesson.
func (p *player) forward() {
	if p.step < p.last() {
		p.step++
	}
	if p.auto && !p.noQuiz {
		for _, q := range p.quiz {
			if q.Before == p.step && !p.asked[q.Key] {
				p.skipped++
			}
		}
	}
	if p.step == p.last() {
		p.auto = false
	}
	if p.step == p.outroStep() {
		if n := p.show.N; n > 0 {
			p.io.saveProgress(func(pr *progress.Progress) {
				now := time.Now().UTC().Truncate(time.Second)
				pr.Lesson(n).Finished = &now
			})
		}
	}
}

// saveWhere remembers where the learner left the lesson, for the menu's
// offer to go on.
func (p *player) saveWhere() {
	if n := p.show.N; n > 0 {
		p.io.saveProgress(func(pr *progress.Progress) {
			pr.Last = &progress.Place{Lesson: n, Step: p.step}
			pr.Lesson(n).Step = p.step
		})
	}
}

// draw paints the whole screen for the current step.
func (p *player) draw() {
	screenW, h := p.io.Term.Size()
	w := min(screenW, maxWidth)
	margin := strings.Repeat(" ", (screenW-w)/2)
	r := &render.Renderer{Width: w, Pal: p.pal, NoHex: p.noHex}
	var ask []string
	if p.asking != nil {
		ask = append([]string{""}, p.questionLines(r)...)
	}
	rows := h - 3 - len(ask)
	var body []string
	switch {
	case p.help:
		body = r.Paragraphs(p.keysText())
	case p.step == 0:
		body = p.intro(r)
	case p.step == p.last():
		body = append([]string{r.Pal.Title.Sprint(assets.Section("ui", "diagram")), ""}, r.Diagram(p.drawn(), rows-2)...)
		body = append(body, p.skippedLines(r)...)
	case p.step == p.outroStep():
		body = p.outro(r, rows)
	case p.focus:
		body = p.focused(r, rows)
	default:
		body = p.current(r, rows)
	}
	lines := []string{p.show.playerTitle(r), ""}
	lines = append(lines, body...)
	if len(lines) > h-1-len(ask) {
		lines = lines[:h-1-len(ask)]
	}
	for len(lines) < h-1-len(ask) {
		lines = append(lines, "")
	}
	lines = append(append(lines, ask...), p.footer(w))
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(margin + render.Fit(l, w))
	}
	fmt.Fprint(p.io.Out, b.String())
}

func (p *player) intro(r *render.Renderer) []string {
	intro, _ := render.Words(p.show.N)
	lines := r.Paragraphs(intro)
	hint := assets.Section("ui", "intro hint")
	if p.run > 1 {
		hint = assets.Fill(assets.Section("ui", "rerun hint"), map[string]string{"run": strconv.Itoa(p.run)}) + " " + hint
	}
	return append(append(lines, ""), r.Paragraphs(hint)...)
}

// current is the lanes so far, the current step marked, and its details.
func (p *player) current(r *render.Renderer, rows int) []string {
	i := p.step - 1
	e, in := p.events()[i], p.infos[i]
	w := p.shownWire()
	details := p.details(r, e, in, rows-2-1-3)
	history := rows - 2 - 1 - len(details) // the lane header, a blank line, the current row
	lines := append([]string{r.LaneHeader()}, p.history(r, i, history, r.WireBefore(w, i))...)
	lines = append(lines, r.Line(i+1, e, in, true))
	return append(append(lines, details...), "")
}

// focused is the view for a projector: the current step alone, in a
// frame headed "focus", with nothing of the steps before it.
func (p *player) focused(r *render.Renderer, rows int) []string {
	i := p.step - 1
	inner := &render.Renderer{Width: r.Width - 4, Pal: r.Pal, NoHex: r.NoHex}
	body := append([]string{inner.LaneHeader(), ""}, inner.WireBefore(p.shownWire(), i)...)
	body = append(body, inner.Line(p.step, p.events()[i], p.infos[i], true))
	body = append(body, p.details(inner, p.events()[i], p.infos[i], rows-2-len(body))...)
	label := " " + assets.Section("ui", "focus mark") + " "
	top := "┌─" + label + strings.Repeat("─", max(0, r.Width-3-render.Width(label))) + "┐"
	lines := []string{p.pal.Title.Sprint(top)}
	for _, l := range body {
		pad := strings.Repeat(" ", max(0, r.Width-4-render.Width(l)))
		lines = append(lines, p.pal.Title.Sprint("│")+" "+render.Fit(l, r.Width-4)+pad+" "+p.pal.Title.Sprint("│"))
	}
	return append(lines, p.pal.Title.Sprint("└"+strings.Repeat("─", r.Width-2)+"┘"))
}

// details are a step's details, cut to room rows with a pointer to the
// whole text.
func (p *player) details(r *render.Renderer, e trace.Event, in render.Info, room int) []string {
	w, i := p.shownWire(), p.step-1
	details := append(r.WireUnder(w, i), r.WireNotes(w, i)...) // the packets the call caused, under it
	details = append(details, p.feedbackLines(p.step, r.Width, "      ")...)
	details = append(details, r.Details(e, in)...)
	if len(details) > room {
		keep := max(room-1, 1)
		if keep < len(details) {
			more := assets.UI("more run", "n", strconv.Itoa(p.show.N))
			if p.show.N == 0 {
				more = assets.UI("more replay")
			}
			details = append(details[:keep], "      "+p.pal.Dim.Sprint(more))
		}
	}
	return details
}

// outro is the closing words, after the last rows of the exchange.
func (p *player) outro(r *render.Renderer, rows int) []string {
	_, outro := render.Words(p.show.N)
	words := r.Paragraphs(outro)
	if fb := p.feedbackLines(p.step, r.Width, "  "); len(fb) > 0 {
		words = append(append(words, ""), fb...)
	}
	words = append(words, p.skippedLines(r)...)
	var lines []string
	room := rows - len(words) - 2
	if room > 0 {
		lines = append(lines, r.LaneHeader())
		lines = append(lines, p.history(r, len(p.events()), room-1, r.WireEnd(p.shownWire()))...)
		lines = append(lines, "")
	}
	return append(lines, words...)
}

// skippedLines say, at the end of an auto-play, how many questions it
// left out and how to answer them.
func (p *player) skippedLines(r *render.Renderer) []string {
	if p.skipped == 0 {
		return nil
	}
	key := "auto skipped"
	if p.skipped == 1 {
		key = "auto skipped 1"
	}
	text := assets.Fill(assets.Section("ui", key), map[string]string{"n": strconv.Itoa(p.skipped)})
	return append([]string{""}, r.Paragraphs(text)...)
}

// footer is where the player is, and the keys that fit.
func (p *player) footer(w int) string {
	if p.jumping {
		return p.pal.Title.Sprint(render.Fit(" "+assets.UI("footer jump", "typed", p.jump, "last", strconv.Itoa(p.last())), w))
	}
	if p.asking != nil {
		return p.pal.Title.Sprint(render.Fit(p.questionFooter(), w))
	}
	key := "footer step"
	if p.step == p.last() {
		key = "footer end"
	}
	where := " " + assets.UI(key, "k", strconv.Itoa(p.step), "n", strconv.Itoa(p.last()))
	if p.msg != "" {
		return p.pal.Title.Sprint(render.Fit(where+"  "+p.msg, w))
	}
	rerun := assets.UI("key rerun")
	if p.show.Rerun == nil {
		rerun = assets.UI("key restart")
	}
	auto := assets.UI("key auto")
	if p.auto {
		auto = assets.UI("key stop", "pace", fmt.Sprintf("%.1f", p.delay.Seconds()))
	}
	keys := []string{assets.UI("key next"), assets.UI("key back"), auto, assets.UI("key go to"), assets.UI("key hex"), assets.UI("key focus"), assets.UI("key pace"), rerun}
	if p.wire != nil { // only a run with packets has them to show
		keys = append(keys[:5], append([]string{assets.UI("key packets")}, keys[5:]...)...)
	}
	if n := p.show.N; p.step >= p.outroStep() && n > 0 {
		keys = []string{assets.UI("key back"), assets.UI("key exercise"), rerun}
		switch {
		case p.step == p.outroStep():
			keys = append([]string{assets.UI("key diagram")}, keys...)
		case hasLesson(n+1) && p.show.Rerun != nil:
			keys = append([]string{assets.UI("key lesson", "n", strconv.Itoa(n+1))}, keys...)
		}
	}
	line, tail := where, "  "+assets.UI("key tail")
	for _, k := range keys {
		if render.Width(line+"  "+k+tail) > w {
			break
		}
		line += "  " + k
	}
	return p.pal.Title.Sprint(render.Fit(line+tail, w))
}
