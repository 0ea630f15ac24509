package tui

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// Question is a lesson's question with its templates filled from a run:
// the run, not the text, decides the answer.
type Question struct {
	Key     string // "ask client recv 1", "quiz 2": what progress records
	Text    string
	Choices []string
	Answer  string
	Why     string
	Before  int  // the step it is asked before: an event's, or the closing words'
	Quiz    bool // a question on the whole lesson, at its end
}

// Questions fills lesson n's questions from a run shown as events
// (display order) with their infos. A question whose step the run did not
// make is left out.
func Questions(n int, events []trace.Event, infos []render.Info) []Question {
	if n == 0 {
		return nil
	}
	byKey := map[string]int{}
	for i, in := range infos {
		for _, k := range in.Keys {
			byKey[k] = i
		}
	}
	facts := runFacts(events)
	var out []Question
	for _, q := range assets.Lesson(n).Questions() {
		vals := map[string]string{}
		for k, v := range facts {
			vals[k] = v
		}
		i, ok := byKey[q.From]
		if q.From != "" {
			if !ok {
				continue
			}
			for k, v := range render.Vals(events[i]) {
				vals[k] = v
			}
		}
		fill := func(s string) string { return assets.Fill(s, vals) }
		fq := Question{Key: q.Key, Text: fill(q.Text), Answer: fill(q.Answer), Why: fill(q.Why)}
		for _, c := range q.Choices {
			if c = fill(c); !slices.Contains(fq.Choices, c) {
				fq.Choices = append(fq.Choices, c)
			}
		}
		if !slices.Contains(fq.Choices, fq.Answer) {
			fq.Choices = append(fq.Choices, fq.Answer)
		}
		if slices.ContainsFunc(append([]string{fq.Text, fq.Answer, fq.Why}, fq.Choices...), unfilled) {
			continue // a recording made before the fact it needs was recorded
		}
		if strings.HasPrefix(q.Key, "ask ") {
			fq.Before = i + 1
		} else {
			fq.Before, fq.Quiz = len(events)+1, true
		}
		out = append(out, fq)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].Before != out[b].Before {
			return out[a].Before < out[b].Before
		}
		return out[a].Key < out[b].Key
	})
	return out
}

// unfilled reports whether s still holds a template, "{name}" or
// "{name*2}": a value the run did not record. (JSON in a text, such as
// {"1": "Client"}, is not a template: it has quotes.)
func unfilled(s string) bool {
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return false
		}
		s = s[open+1:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return false
		}
		name := s[:end]
		if name != "" && !strings.ContainsAny(name, "\"':{") && name[0] >= 'a' && name[0] <= 'z' {
			return true
		}
	}
}

// runFacts are facts over a whole run that questions may ask about:
// counts ("{client recvs}", "{server sends}") and the values of the
// first note of each kind, named by the note's key and the value's name
// ("{says nothing for ms}": how long lesson 6's silent client was silent).
func runFacts(events []trace.Event) map[string]string {
	count := map[string]int{}
	facts := map[string]string{}
	for _, e := range events {
		switch e.Op {
		case "recv", "recvfrom", "send", "sendto":
			count[render.Role(e.Side)+" "+e.Op+"s"]++
		case "note":
			for k, v := range render.Vals(e) {
				if _, ok := e.Vals[k]; !ok {
					continue
				}
				if _, seen := facts[e.Key+" "+k]; !seen {
					facts[e.Key+" "+k] = v
				}
			}
		}
	}
	for k, v := range count {
		facts[k] = strconv.Itoa(v)
	}
	return facts
}

// head is the question's heading: a prediction before a step, or a quiz
// on the whole lesson at its end.
func (q Question) head() string {
	if q.Quiz {
		return assets.Section("ui", "question quiz")
	}
	return assets.Section("ui", "question predict")
}

// verdict is what the run says of the learner's choice ("" when the
// question was skipped), and whether the choice was wrong.
func (q Question) verdict(choice string) (text string, wrong bool) {
	key := "question skipped"
	switch {
	case choice == q.Answer:
		key = "question right"
	case choice != "":
		key = "question wrong"
	}
	return assets.Fill(assets.Section("ui", key), map[string]string{"answer": q.Answer, "why": q.Why}), key == "question wrong"
}

// printed is a question as a transcript shows it: with its answer.
func (q Question) printed(r *render.Renderer) []string {
	head := q.head()
	var lines []string
	if q.Quiz {
		lines = append(lines, "")
	}
	lines = append(lines, "    "+r.Pal.Tutor.Sprint("? "+head))
	for _, l := range render.Wrap(q.Text, r.Width-8) {
		lines = append(lines, "      "+l)
	}
	for _, l := range render.Wrap(strings.Join(q.Choices, " · "), r.Width-8) {
		lines = append(lines, "      "+r.Pal.Dim.Sprint(l))
	}
	answer := assets.Fill(assets.Section("ui", "question answer"), map[string]string{"answer": q.Answer, "why": q.Why})
	for _, l := range render.Wrap(answer, r.Width-8) {
		lines = append(lines, "      "+r.Pal.Note.Sprint(l))
	}
	return lines
}

// questionsBefore gives a transcript the questions to print before each
// step, with their answers.
func QuestionsBefore(qs []Question, r *render.Renderer) func(step int) []string {
	return func(step int) []string {
		var lines []string
		for _, q := range qs {
			if q.Before == step {
				lines = append(lines, q.printed(r)...)
			}
		}
		return lines
	}
}
