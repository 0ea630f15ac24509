package tui

import (
	"fmt"
	"strconv"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
)

// feedback is what the player says under a step after a question: the
// run's answer, and whether the learner's was right.
type feedback struct {
	text  string
	wrong bool
}

// pendingQuestion is the first question before step not yet asked in
// this run, or nil. Auto-play and --no-questions ask none.
func (p *player) pendingQuestion(step int) *Question {
	if p.noQuiz || p.auto {
		return nil
	}
	for i := range p.quiz {
		if q := &p.quiz[i]; q.Before == step && !p.asked[q.Key] {
			return q
		}
	}
	return nil
}

// next goes one step on, asking first the questions that come before
// that step: predict, then see.
func (p *player) next() {
	if q := p.pendingQuestion(p.step + 1); q != nil {
		p.asking, p.cursor = q, 0
		return
	}
	p.forward()
}

// questionKey takes one key while a question is open. Only Enter (on the
// highlighted choice) or a choice's number answers; →, Space and Page
// Down (a presentation clicker's keys) and Esc skip the question,
// uncounted, and go on; ← and Page Up go back to the step before; q
// leaves the lesson, as everywhere in the player (quit is then true).
func (p *player) questionKey(key string) (quit bool) {
	q := p.asking
	switch {
	case key == keyUp || key == "k":
		p.cursor = max(0, p.cursor-1)
	case key == keyDown || key == "j":
		p.cursor = min(len(q.Choices)-1, p.cursor+1)
	case key == keyEnter:
		p.answer(q, q.Choices[p.cursor])
	case len(key) == 1 && key[0] >= '1' && key[0] <= '9':
		if i := int(key[0] - '1'); i < len(q.Choices) {
			p.answer(q, q.Choices[i])
		}
	case key == "q":
		p.asking = nil
		return true
	case key == keyNext || key == "esc":
		p.answer(q, "")
	case key == keyBack || key == "b":
		p.asking = nil
		if p.step > 0 {
			p.step--
		}
	}
	return false
}

// answer closes the question with the learner's choice ("" when
// skipped), says whether the run agrees, counts it in progress (a skip
// is not counted) and goes on.
func (p *player) answer(q *Question, choice string) {
	p.asking = nil
	p.asked[q.Key] = true
	text, wrong := q.verdict(choice)
	p.feedback[q.Before] = append(p.feedback[q.Before], feedback{text: text, wrong: wrong})
	if choice != "" && p.show.N > 0 {
		p.io.saveProgress(func(pr *progress.Progress) {
			l := pr.Lesson(p.show.N)
			if l.Questions == nil {
				l.Questions = map[string]bool{}
			}
			l.Questions[q.Key] = choice == q.Answer
		})
	}
	p.next() // another question before the same step, or the step
}

// questionLines draws the open question, for the foot of the screen: the
// trace stays visible above it.
func (p *player) questionLines(r *render.Renderer) []string {
	q := p.asking
	lines := []string{p.pal.Tutor.Sprint("? " + q.head())}
	for _, l := range render.Wrap(q.Text, r.Width-4) {
		lines = append(lines, "  "+l)
	}
	for i, c := range q.Choices {
		row := fmt.Sprintf("%d  %s", i+1, c)
		if i == p.cursor {
			lines = append(lines, "  "+p.pal.Title.Sprint("▸ "+row))
		} else {
			lines = append(lines, "    "+row)
		}
	}
	return lines
}

// feedbackLines are the feedback under step, wrapped to w columns and
// indented: a wrong answer in the error colour, beside its ✗.
func (p *player) feedbackLines(step, w int, indent string) []string {
	var lines []string
	for _, f := range p.feedback[step] {
		style := p.pal.Note
		if f.wrong {
			style = p.pal.Error
		}
		for _, l := range render.Wrap(f.text, w-len(indent)) {
			lines = append(lines, indent+style.Sprint(l))
		}
	}
	return lines
}

// questionFooter is the footer while a question is open.
func (p *player) questionFooter() string {
	return assets.Fill(assets.Section("ui", "question keys"), map[string]string{"n": strconv.Itoa(len(p.asking.Choices))})
}
