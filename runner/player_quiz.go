package runner

import (
	"fmt"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
)

// askBefore asks the questions that come before step, once each: predict,
// then see. Auto-play asks none.
func (p *player) askBefore(step int) error {
	if p.noQuiz || p.auto {
		return nil
	}
	for _, q := range p.quiz {
		if q.before != step || p.asked[q.key] {
			continue
		}
		if err := p.ask(q); err != nil {
			return err
		}
	}
	return nil
}

// ask draws a question and lets promptui take the answer, out of raw
// mode, then says whether the run agrees.
func (p *player) ask(q question) error {
	w, _ := p.io.Term.Size()
	r := &render.Renderer{Width: w, Pal: p.pal}
	head := assets.Section("ui", "question predict")
	if q.quiz {
		head = assets.Section("ui", "question quiz")
	}
	lines := []string{p.show.title(r), "", p.pal.Tutor.Sprint("? " + head), ""}
	lines = append(lines, r.Paragraphs(q.text)...)
	var b strings.Builder
	b.WriteString("\x1b[H\x1b[2J\x1b[?25h")
	for _, l := range lines {
		b.WriteString(render.Fit(l, w) + "\r\n")
	}
	b.WriteString("\r\n")
	fmt.Fprint(p.io.Out, b.String())

	p.restore()
	choice, err := choose(p.ctx, p.io, q, p.colorOn)
	restore, rerr := p.io.Term.Raw()
	if rerr != nil {
		return fmt.Errorf("terminal: %w", rerr)
	}
	p.restore = restore
	fmt.Fprint(p.io.Out, "\x1b[?25l")
	if err != nil {
		return err
	}
	p.asked[q.key] = true
	vals := map[string]string{"answer": q.answer, "why": q.why}
	key := "question skipped"
	switch {
	case choice == q.answer:
		key = "question right"
	case choice != "":
		key = "question wrong"
	}
	p.feedback[q.before] = append(p.feedback[q.before], assets.Fill(assets.Section("ui", key), vals))
	if choice != "" && p.show.n > 0 {
		p.io.saveProgress(func(pr *progress.Progress) {
			l := pr.Lesson(p.show.n)
			if l.Questions == nil {
				l.Questions = map[string]bool{}
			}
			l.Questions[q.key] = choice == q.answer
		})
	}
	return nil
}
