package assets

import (
	"strings"
	"testing"
)

// TestLessonTitleParsesNothing: the titles `list` and the menu show are
// the parsed ones, read without parsing any narration.
func TestLessonTitleParsesNothing(t *testing.T) {
	mu.Lock()
	saved := parsed
	parsed = nil
	mu.Unlock()
	t.Cleanup(func() { mu.Lock(); parsed = saved; mu.Unlock() })

	var titles []string
	for n := 1; n <= 7; n++ {
		titles = append(titles, LessonTitle(n))
	}
	mu.Lock()
	read := len(parsed)
	mu.Unlock()
	if read != 0 {
		t.Errorf("LessonTitle parsed %d files; it should read only their first lines", read)
	}
	for i, got := range titles {
		if want := Lesson(i + 1).Title; got != want || got == "" {
			t.Errorf("LessonTitle(%d) = %q, Lesson(%d).Title = %q", i+1, got, i+1, want)
		}
	}
	if got := LessonTitle(99); got != "" {
		t.Errorf("LessonTitle(99) = %q, want none", got)
	}
}

func TestHeadTitle(t *testing.T) {
	long := strings.Repeat("x", 600)
	for _, c := range []struct {
		src, title string
		ok         bool
	}{
		{"# Hello, TCP\n\nSummary.\n", "Hello, TCP", true},
		{"# Hello", "Hello", true}, // the whole file, without a newline
		{"\n# Late title  \r\n", "Late title", true},
		{"## key\nbody\n", "", false},
		{long + "\n# After 512 bytes\n", "", false},                                 // for Parse to find
		{strings.Repeat("a", 500) + "\n# Cut at the edge of the head\n", "", false}, // not a whole line
		{"", "", false},
	} {
		title, ok := headTitle(strings.NewReader(c.src))
		if title != c.title || ok != c.ok {
			t.Errorf("headTitle(%.30q) = %q, %v; want %q, %v", c.src, title, ok, c.title, c.ok)
		}
		if ok && Parse(c.src).Title != title {
			t.Errorf("headTitle(%.30q) = %q, but Parse reads %q", c.src, title, Parse(c.src).Title)
		}
	}
}

// TestSectionForTheLearnersSystem: "key on windows" replaces "key" on
// Windows only; HTML comments (a text's sources) are never shown.
func TestSectionForTheLearnersSystem(t *testing.T) {
	d := Parse("# T\n\n## k\nEverywhere.\n\n## k on windows\n<!-- Source: a vendor's page -->\nOn Windows.\n")
	defer func(g string) { goos = g }(goos)
	for sys, want := range map[string]string{"linux": "Everywhere.", "darwin": "Everywhere.", "windows": "On Windows."} {
		goos = sys
		if got := d.Section("k"); got != want {
			t.Errorf("on %s: %q, want %q", sys, got, want)
		}
	}
}

// TestQuestionsForTheLearnersSystem: a question's "… on windows" version
// replaces it on Windows and is never a question of its own.
func TestQuestionsForTheLearnersSystem(t *testing.T) {
	d := Parse("# T\n\n## ask server recv 1\nHow many?\n- 1\n- 2\nanswer: {n}\nwhy: Everywhere.\n\n" +
		"## ask server recv 1 on windows\nHow many?\n- 1\n- 2\nanswer: {n}\nwhy: On Windows.\n\n" +
		"## quiz 1\nWhat?\n- a\n- b\nanswer: a\nwhy: Everywhere.\nfrom: server recv 1\n\n" +
		"## quiz 1 on windows\nWhat?\n- a\n- b\nanswer: a\nwhy: On Windows.\nfrom: server recv 1\n")
	defer func(g string) { goos = g }(goos)
	for sys, want := range map[string]string{"linux": "Everywhere.", "darwin": "Everywhere.", "windows": "On Windows."} {
		goos = sys
		qs := d.Questions()
		if len(qs) != 2 {
			t.Fatalf("on %s: %d questions, want 2: %+v", sys, len(qs), qs)
		}
		for _, q := range qs {
			if q.Why != want || strings.HasSuffix(q.From, "windows") {
				t.Errorf("on %s: %s says %q (from %q), want %q", sys, q.Key, q.Why, q.From, want)
			}
		}
	}
}
