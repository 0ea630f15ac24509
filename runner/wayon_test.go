package runner

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
)

// sizedTerm is a terminal of a given size.
type sizedTerm struct{ w, h int }

func (s sizedTerm) Raw() (func(), error) { return func() {}, nil }
func (s sizedTerm) Size() (int, int)     { return s.w, s.h }

var escapes = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// TestMenuFitsNarrowScreens: at 60 and 40 columns no row of the menu is
// wider than the screen (a row that wraps makes promptui stack copies of
// the menu on every arrow key), and the legend explains every mark.
func TestMenuFitsNarrowScreens(t *testing.T) {
	for _, w := range []int{80, 60, 40} {
		var out bytes.Buffer
		o := testIO("\x1b[B\x1b[Bq", &out)
		o.InTTY, o.OutTTY, o.Term = true, true, sizedTerm{w, 20}
		if code := Main(context.Background(), nil, o); code != 0 {
			t.Fatalf("exit %d: %s", code, o.Err)
		}
		for _, l := range strings.Split(strings.ReplaceAll(out.String(), "\r", "\n"), "\n") {
			l = escapes.ReplaceAllString(l, "")
			if render.Width(l) > w-1 {
				t.Errorf("at %d columns a menu line is %d wide: %q", w, render.Width(l), l)
			}
		}
		for _, mark := range []string{"· not begun", "› begun", "✓ finished", "? questions", "★ exercise"} {
			if !strings.Contains(out.String(), mark) {
				t.Errorf("at %d columns the legend lacks %q", w, mark)
			}
		}
	}
}

// TestTheWayOn: after a finished lesson the menu offers the next one and
// this one's exercise, with the cursor on the offer; a half-done lesson
// stays marked begun when another is opened.
func TestTheWayOn(t *testing.T) {
	home := t.TempDir()
	store := &progress.Store{Dir: home}
	done := time.Now()
	if _, err := store.Update(func(p *progress.Progress) {
		p.Lesson(2).Step = 5 // begun, then left for lesson 3
		p.Lesson(3).Finished = &done
		p.Last = &progress.Place{Lesson: 3, Step: 29}
	}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o, _ := ttyIO("\r", &out) // Enter on the cursor's row: the offer
	o.Home = home
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	text := out.String()
	for _, want := range []string{"c     Next: lesson 4, Looping receive", "e     Practise lesson 3", "2 ›   Buffer sizing",
		"3 ✓   The 7-byte", "Lesson 4 · Looping receive"} {
		if !strings.Contains(text, want) {
			t.Errorf("the menu lacks %q:\n%s", want, text)
		}
	}
}

// TestLastStepLeadsOn: → on the diagram plays the next lesson; e at the
// end shows this lesson's exercise.
func TestLastStepLeadsOn(t *testing.T) {
	var out bytes.Buffer
	o, _ := ttyIO("\x1b[Cq", &out)
	if code := Main(context.Background(), []string{"run", "1", "--step", "17", "--no-color"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	s := screens(out.String())
	if !strings.Contains(s[0], "The whole exchange") || !strings.Contains(s[0], "→ lesson 2") {
		t.Fatalf("the last step does not offer lesson 2:\n%s", s[0])
	}
	if !strings.Contains(s[1], "Lesson 2 · Buffer sizing") || !strings.HasPrefix(footer(s[1]), "step 0/") {
		t.Errorf("→ on the last step did not play lesson 2:\n%s", s[1])
	}
	out.Reset()
	o, _ = ttyIO("e", &out)
	if code := Main(context.Background(), []string{"run", "1", "--step", "17", "--no-color"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if after := out.String()[strings.LastIndex(out.String(), "\x1b[?1049l"):]; !strings.Contains(after, "Lesson 1 exercise: ") {
		t.Errorf("e did not show the exercise after the player:\n%s", after)
	}
}

// TestMenuFitsAShortScreen: at 60x20, with the offers to go on and to
// practise above the 13 lessons, the list scrolls (promptui's ↓ mark)
// rather than pushing the heading off the top of the screen.
func TestMenuFitsAShortScreen(t *testing.T) {
	home := t.TempDir()
	if _, err := (&progress.Store{Dir: home}).Update(func(p *progress.Progress) {
		p.Last = &progress.Place{Lesson: 4, Step: 2}
	}); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	o := testIO("q", &out)
	o.Home = home
	o.InTTY, o.OutTTY, o.Term = true, true, sizedTerm{60, 20}
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if !strings.Contains(out.String(), "↓ ") {
		t.Errorf("a menu taller than 20 rows does not scroll:\n%s", out.String())
	}
}
