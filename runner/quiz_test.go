package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/progress"
)

func TestPredictThenSee(t *testing.T) {
	// From step 7, Enter: the question before step 8 (recv(7)) opens below
	// the trace. ↓ highlights the second choice, Enter answers: wrong, the
	// run says 7. Then q.
	home := t.TempDir()
	var out bytes.Buffer
	o, ft := ttyIO("\r\x1b[B\rq", &out)
	o.Home = home
	args := []string{"replay", "testdata/recordings/lesson-3.rec", "--step", "7", "--no-color"}
	if code := Main(context.Background(), args, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	s := screens(out.String())
	if len(s) != 4 {
		t.Fatalf("%d screens, want step 7, the question twice, step 8:\n%s", len(s), out.String())
	}
	for _, want := range []string{"? Predict, then see", "recv(7) is about to run", "▸ 1  ", "    2  ", "answer: 1-", "› 7 ◀──"} {
		if !strings.Contains(s[1], want) {
			t.Errorf("the question screen lacks %q:\n%s", want, s[1])
		}
	}
	if !strings.Contains(s[2], "▸ 2  ") {
		t.Errorf("↓ does not move the highlight:\n%s", s[2])
	}
	if footer(s[3]) != "step 8/27" || !strings.Contains(s[3], "✗ Not quite: this run says 7.") {
		t.Errorf("after a wrong answer:\n%s", s[3])
	}
	if ft.raw != 1 || ft.restored != 1 {
		t.Errorf("raw mode entered %d and left %d times; want once", ft.raw, ft.restored)
	}
	var p progress.Progress
	data, err := os.ReadFile(filepath.Join(home, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	if right, ok := p.Peek(3).Questions["ask client recv 1"]; !ok || right {
		t.Errorf("progress holds questions %v, want the wrong answer recorded", p.Peek(3).Questions)
	}
	if p.Last == nil || *p.Last != (progress.Place{Lesson: 3, Step: 8}) {
		t.Errorf("last place %+v, want lesson 3 step 8", p.Last)
	}
}

// TestQuestionKeys: a number answers at once; →, Space, Page Down and Esc
// skip, uncounted; ← goes back to the step before the question; q leaves
// the lesson, as it does everywhere in the player, the question neither
// answered nor shown as skipped.
func TestQuestionKeys(t *testing.T) {
	for _, c := range []struct {
		name, keys string
		footer     string // after the keys; "" for the lesson left at once
		says       string // on the last screen
		counted    bool
	}{
		{"a number answers", "\r1", "step 8/27", "✓ Right: 7.", true},
		{"Page Down skips", "\r\x1b[6~", "step 8/27", "The answer, from this run: 7.", false},
		{"→ skips", "\r\x1b[C", "step 8/27", "The answer, from this run: 7.", false},
		{"Space skips", "\r ", "step 8/27", "The answer, from this run: 7.", false},
		{"Esc skips", "\r\x1b", "step 8/27", "The answer, from this run: 7.", false},
		{"q leaves", "\rq", "", "Predict, then see", false}, // the question still open on the last screen
		{"← goes back", "\r\x1b[D", "step 6/27", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			var out bytes.Buffer
			o, _ := ttyIO(c.keys, &out)
			o.Home = home
			args := []string{"replay", "testdata/recordings/lesson-3.rec", "--step", "7", "--no-color"}
			if code := Main(context.Background(), args, o); code != 0 {
				t.Fatalf("exit %d: %s", code, o.Err)
			}
			s := screens(out.String())
			last := s[len(s)-1]
			if c.footer != "" && footer(last) != c.footer || !strings.Contains(last, c.says) {
				t.Errorf("after %q: %s, want %s saying %q:\n%s", c.keys, footer(last), c.footer, c.says, last)
			}
			p, _ := (&progress.Store{Dir: home}).Load()
			counted := false
			if l := p.Peek(3); l != nil {
				_, counted = l.Questions["ask client recv 1"]
			}
			if counted != c.counted {
				t.Errorf("counted in progress: %v, want %v", counted, c.counted)
			}
		})
	}
}

// TestClickerStepsThroughWithoutAnswering: Page Down alone, as a
// presentation clicker sends it, goes from the first step to the diagram
// of every lesson, and answers nothing.
func TestClickerStepsThroughWithoutAnswering(t *testing.T) {
	for _, n := range []string{"1", "2", "3", "4", "5", "6", "7"} {
		home := t.TempDir()
		var out bytes.Buffer
		o, _ := ttyIO(strings.Repeat("\x1b[6~", 400), &out)
		o.Home = home
		if code := Main(context.Background(), []string{"replay", "testdata/recordings/lesson-" + n + ".rec", "--no-color"}, o); code != 0 {
			t.Fatalf("lesson %s: exit %d: %s", n, code, o.Err)
		}
		s := screens(out.String())
		if last := s[len(s)-1]; !strings.Contains(last, "The whole exchange") {
			t.Errorf("lesson %s: Page Down did not reach the diagram:\n%s", n, last)
		}
		if p, _ := (&progress.Store{Dir: home}).Load(); p.Peek(mustAtoi(t, n)) != nil && len(p.Peek(mustAtoi(t, n)).Questions) > 0 {
			t.Errorf("lesson %s: a clicker answered %v", n, p.Peek(mustAtoi(t, n)).Questions)
		}
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRightAnswerAndNoQuestions(t *testing.T) {
	var out bytes.Buffer
	o, _ := ttyIO("\r\rq", &out)
	if code := Main(context.Background(), []string{"replay", "testdata/recordings/lesson-3.rec", "--step", "7"}, o); code != 0 {
		t.Fatal(code)
	}
	if s := screens(out.String()); len(s) != 3 || !strings.Contains(s[2], "✓ Right: 7.") {
		t.Errorf("a right answer is not said so:\n%s", out.String())
	}
	out.Reset()
	o, _ = ttyIO("\rq", &out)
	if code := Main(context.Background(), []string{"replay", "testdata/recordings/lesson-3.rec", "--step", "7", "--no-questions"}, o); code != 0 {
		t.Fatal(code)
	}
	if strings.Contains(out.String(), "Predict") {
		t.Error("--no-questions still asks")
	}
}

func TestMenuOffersToGoOn(t *testing.T) {
	home := t.TempDir()
	store := &progress.Store{Dir: home}
	if _, err := store.Update(func(p *progress.Progress) {
		p.Last = &progress.Place{Lesson: 3, Step: 9}
		p.Lesson(1).Exercises = map[string]time.Time{"client": time.Now()}
	}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o, _ := ttyIO("c", &out)
	o.Home = home
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	text := out.String()
	for _, want := range []string{"c     Go on with lesson 3 at step 9", "1 · ★ Basic TCP", "3 ›   The 7-byte truncation problem", "step 9/29"} {
		if !strings.Contains(text, want) {
			t.Errorf("the menu and player lack %q:\n%s", want, text)
		}
	}
}
