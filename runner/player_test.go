package runner

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// fakeTerm is an 80×24 terminal that counts raw-mode switches.
type fakeTerm struct{ raw, restored int }

func (f *fakeTerm) Raw() (func(), error) { f.raw++; return func() { f.restored++ }, nil }
func (f *fakeTerm) Size() (int, int)     { return 80, 24 }

// ttyIO is a terminal on both ends, typing keys.
func ttyIO(keys string, out *bytes.Buffer) (*IO, *fakeTerm) {
	ft := &fakeTerm{}
	o := testIO(keys, out)
	o.InTTY, o.OutTTY, o.Term = true, true, ft
	return o, ft
}

var footerRE = regexp.MustCompile(`(step|end) (\d+)/(\d+)`)

// screens splits the output into the screens the player drew.
func screens(out string) []string {
	parts := strings.Split(out, "\x1b[H\x1b[2J")
	return parts[1:]
}

// footer is the step counter of a screen.
func footer(screen string) string {
	return footerRE.FindString(screen)
}

func TestPlayerKeys(t *testing.T) {
	// → → Space Enter (step 4), ← (3), b (2), Page Down (3), j-less q.
	keys := "\x1b[C\x1b[C \r\x1b[Db\x1b[6~q"
	var out bytes.Buffer
	o, ft := ttyIO(keys, &out)
	if code := Main(context.Background(), []string{"run", "1", "--no-color"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	var got []string
	for _, s := range screens(out.String()) {
		got = append(got, footer(s))
	}
	want := []string{"step 0/17", "step 1/17", "step 2/17", "step 3/17", "step 4/17", "step 3/17", "step 2/17", "step 3/17"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("steps %v, want %v", got, want)
	}
	if ft.raw != 1 || ft.restored != 1 {
		t.Errorf("raw mode entered %d, restored %d times", ft.raw, ft.restored)
	}
	last := screens(out.String())[len(want)-1]
	if !strings.Contains(last, "› 3                                        bind(127.0.0.1:") {
		t.Errorf("step 3 does not mark bind:\n%s", last)
	}
	if !strings.HasSuffix(out.String(), "\x1b[?25h\x1b[?1049l") {
		t.Error("the screen and cursor were not restored")
	}
}

func TestPlayerCtrlCExits130(t *testing.T) {
	var out bytes.Buffer
	o, ft := ttyIO("\r\r\x03", &out)
	if code := Main(context.Background(), []string{"run", "2"}, o); code != 130 {
		t.Errorf("exit %d, want 130", code)
	}
	if ft.restored != 1 {
		t.Error("raw mode not restored after Ctrl-C")
	}
}

func TestPlayerAutoAndPace(t *testing.T) {
	// a starts auto-play; each NUL is "no key in time", so a step; + speeds up.
	var out bytes.Buffer
	o, _ := ttyIO("a\x00\x00+\x00a\x00q", &out)
	if code := Main(context.Background(), []string{"run", "4", "--no-color"}, o); code != 0 {
		t.Fatalf("exit %d", code)
	}
	s := screens(out.String())
	var got []string
	for _, x := range s {
		got = append(got, footer(x))
	}
	// 0, a→0 (auto), tick 1, tick 2, + 2, tick 3, a stop 3, NUL ignored 3.
	want := "step 0/20,step 0/20,step 1/20,step 2/20,step 2/20,step 3/20,step 3/20,step 3/20"
	if strings.Join(got, ",") != want {
		t.Errorf("steps %v\nwant %s", got, want)
	}
	if !strings.Contains(s[4], "a stop (0.6s)") {
		t.Errorf("pace not shown faster after +:\n%s", s[4])
	}
}

func TestPlayerRerunIsFresh(t *testing.T) {
	var out bytes.Buffer
	o, _ := ttyIO("\r\r\r\r\rr\r\r\r\rq", &out)
	if code := Main(context.Background(), []string{"run", "1", "--no-color"}, o); code != 0 {
		t.Fatalf("exit %d", code)
	}
	s := screens(out.String())
	if !strings.Contains(s[6], "This is run 2, on new sockets") {
		t.Errorf("after r, no fresh run:\n%s", s[6])
	}
	ports := regexp.MustCompile(`bind\(127\.0\.0\.1:(\d+)\)`)
	first, second := ports.FindStringSubmatch(s[3]), ports.FindStringSubmatch(s[9])
	if first == nil || second == nil || first[1] == second[1] {
		t.Errorf("bind ports %v then %v: want two real runs on two ports", first, second)
	}
}

func TestPlayerFitsTheScreen(t *testing.T) {
	var out bytes.Buffer
	o, _ := ttyIO(strings.Repeat("\r", 40)+"q", &out)
	if code := Main(context.Background(), []string{"run", "3", "--no-questions"}, o); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for i, s := range screens(out.String()) {
		lines := strings.Split(s, "\r\n")
		if len(lines) != 24 {
			t.Errorf("screen %d has %d lines, want 24", i, len(lines))
		}
		for _, l := range lines {
			if w := renderWidth(l); w > 80 {
				t.Errorf("screen %d: line %d columns wide: %q", i, w, l)
			}
		}
	}
}

func TestMenuPlaysAChosenLesson(t *testing.T) {
	// 3 jumps to lesson 3, Enter plays it; then the keys run out: back to
	// the menu, which sees the end of input and quits.
	var out bytes.Buffer
	o, _ := ttyIO("3\r", &out)
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if !strings.Contains(out.String(), "Lesson 3 · The 7-byte truncation problem") {
		t.Errorf("lesson 3 was not played:\n%s", out.String())
	}
	if strings.Contains(out.String(), "\a") {
		t.Error("the menu rang the bell")
	}
}
