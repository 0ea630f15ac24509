package runner

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/tui"
)

// shape is what a choice looks like at a glance: its words with each
// number written as "#", and whether the numbers in it are round ones
// (1024, 65536, 100: a power of two or of ten, or a single digit).
func shape(choice string) string {
	var b strings.Builder
	round := true
	for _, f := range strings.FieldsFunc(choice, func(r rune) bool { return r == ' ' }) {
		if n, err := strconv.ParseFloat(f, 64); err == nil {
			b.WriteString("# ")
			if n != float64(int64(n)) || !isRound(int64(n)) {
				round = false
			}
			continue
		}
		b.WriteString(f + " ")
	}
	if round {
		return b.String() + "(round)"
	}
	return b.String()
}

func isRound(n int64) bool {
	if n < 10 || n&(n-1) == 0 {
		return true
	}
	for n%10 == 0 {
		n /= 10
	}
	return n == 1
}

// TestAnswersAreNotTheOddOneOut runs lessons 2 and 6 and checks that the questions whose answer
// is a number from the run (how many reads, how many milliseconds) offer
// wrong choices of the same shape: the answer must not be guessable as
// the one choice unlike the others.
func TestAnswersAreNotTheOddOneOut(t *testing.T) {
	for _, n := range []int{2, 6} {
		events, err := runLesson(context.Background(), lessons.All[n-1])
		if err != nil {
			t.Fatal(err)
		}
		s := tui.NewShow(n, "", events)
		asked := 0
		for _, q := range tui.Questions(n, s.Ordered, s.Infos()) {
			// Only a measured number counts: one the question does not
			// state itself (recv(1024) of 28 bytes sent is a question of
			// understanding, whose wrong choices are the tempting ones).
			if !strings.Contains(shape(q.Answer), "#") || len(strings.Fields(q.Answer)) > 2 ||
				strings.Contains(q.Text, q.Answer) {
				continue
			}
			asked++
			var alike int
			for _, c := range q.Choices {
				if shape(c) == shape(q.Answer) {
					alike++
				}
			}
			if alike < 2 || !slices.Contains(q.Choices, q.Answer) || len(q.Choices) < 3 {
				t.Errorf("lesson %d, %s: answer %q among %q stands out", n, q.Key, q.Answer, q.Choices)
			}
		}
		if asked == 0 {
			t.Errorf("lesson %d asked no question with a number for an answer", n)
		}
	}
}
