package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/progress"
)

func TestPredictThenSee(t *testing.T) {
	// From step 7, Enter: the question before step 8 (recv(7)) comes
	// first. ↓ picks 28, Enter answers: wrong, the run says 7. Then q.
	home := t.TempDir()
	var out bytes.Buffer
	o, ft := ttyIO("\r\x1b[B\rq", &out)
	o.Home = home
	args := []string{"replay", "testdata/recordings/lesson-3.rec", "--step", "7", "--no-color"}
	if code := Main(context.Background(), args, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	s := screens(out.String())
	if len(s) != 3 {
		t.Fatalf("%d screens, want step 7, the question, step 8:\n%s", len(s), out.String())
	}
	for _, want := range []string{"? Predict, then see", "recv(7) is about to run", "Your answer", "7", "28"} {
		if !strings.Contains(s[1], want) {
			t.Errorf("the question screen lacks %q:\n%s", want, s[1])
		}
	}
	if footer(s[2]) != "step 8/27" || !strings.Contains(s[2], "✗ Not quite: this run says 7.") {
		t.Errorf("after a wrong answer:\n%s", s[2])
	}
	if ft.raw != 2 || ft.restored != 2 {
		t.Errorf("raw mode entered %d and left %d times; want 2 and 2 (out of raw mode for promptui)", ft.raw, ft.restored)
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
