package assets

import "strings"

// Question is a question the player asks: before the step it is keyed to
// ("ask client recv 1": predict, then see), or at the end of a lesson
// ("quiz 1"). Its answer is a template filled from the run itself, so the
// run, not the text, decides what is right.
//
// In a lesson file a question is a section:
//
//	## ask client recv 1
//	recv(7) is about to run. How many bytes will it return?
//	- 7
//	- 28
//	answer: {n}
//	from: client recv 1
//	why: It returned {n}: …
//
// The first lines are the question; "- " lines are choices (the filled
// answer is added when no choice matches it); "from:" names the step whose
// values fill the templates (an ask's own step when left out); "why:" is
// said after the answer.
//
// A step's key counts within the lesson's part: from a tutor's note
// "part-binary" on, the first recv of a client is "part-binary client
// recv 1", whatever the parts before did. A numbered side also answers
// to its own key: "part-concurrent client 2 waited 1".
type Question struct {
	Key, Text, Answer, From, Why string
	Choices                      []string
}

// Questions returns a doc's questions, asks and quizzes, quizzes in order.
func (d *Doc) Questions() []Question {
	if d == nil {
		return nil
	}
	var qs []Question
	for key := range d.Sections {
		if strings.HasPrefix(key, "ask ") && !forSystem(key) {
			q := parseQuestion(key, d.Section(key))
			if q.From == "" {
				q.From = strings.TrimPrefix(key, "ask ")
			}
			qs = append(qs, q)
		}
	}
	for i := 1; ; i++ {
		key := "quiz " + string(rune('0'+i))
		if _, ok := d.Sections[key]; !ok || i > 9 {
			break
		}
		qs = append(qs, parseQuestion(key, d.Section(key)))
	}
	return qs
}

func parseQuestion(key, body string) Question {
	q := Question{Key: key}
	var text []string
	for _, line := range strings.Split(body, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "- "):
			q.Choices = append(q.Choices, strings.TrimSpace(line[2:]))
		case strings.HasPrefix(line, "answer:"):
			q.Answer = strings.TrimSpace(line[len("answer:"):])
		case strings.HasPrefix(line, "from:"):
			q.From = strings.TrimSpace(line[len("from:"):])
		case strings.HasPrefix(line, "why:"):
			q.Why = strings.TrimSpace(line[len("why:"):])
		case line != "":
			text = append(text, line)
		}
	}
	q.Text = strings.Join(text, " ")
	return q
}

// forSystem reports whether key is one system's own version of another
// section ("… on windows"), which Section picks on that system.
func forSystem(key string) bool {
	for _, sys := range []string{"windows", "darwin", "linux"} {
		if strings.HasSuffix(key, " on "+sys) {
			return true
		}
	}
	return false
}
