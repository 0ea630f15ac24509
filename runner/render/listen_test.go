package render

import (
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// TestListenRowNamesTheBacklog: a listen's row shows the backlog asked
// for, by its constant's name where the event gives one (Windows'
// SOMAXCONN), not as a ten-digit number.
func TestListenRowNamesTheBacklog(t *testing.T) {
	r := plainRenderer()
	for _, c := range []struct {
		e    trace.Event
		want string
	}{
		{trace.Event{Op: "listen", Size: 5}, "listen(backlog 5)"},
		{trace.Event{Op: "listen", Size: 0x7fffffff, Vals: map[string]string{"backlog": "SOMAXCONN"}}, "listen(backlog SOMAXCONN)"},
	} {
		if got := r.summary(c.e); got != c.want {
			t.Errorf("%+v: %q, want %q", c.e, got, c.want)
		}
	}
}

// TestListenWithTheSystemsBacklogGetsTheGeneralText: where the system
// listened with a backlog of its own (Vals "asked", Windows' SOMAXCONN),
// a lesson's own words for its listen, which speak of the backlog it
// asked for, give way to the general text.
func TestListenWithTheSystemsBacklogGetsTheGeneralText(t *testing.T) {
	own := trace.Event{Side: "server", Op: "listen", Size: 5}
	system := trace.Event{Side: "server", Op: "listen", Size: 0x7fffffff,
		Vals: map[string]string{"backlog": "SOMAXCONN", "asked": "5"}}
	lessonText := NewAnalyzer(1).Info(own).Narration
	general, _ := NewAnalyzer(0).narration(system)
	got := NewAnalyzer(1).Info(system).Narration
	if lessonText == "" || general == "" || lessonText == general {
		t.Fatalf("lesson 1's listen text %q and the general one %q should both exist and differ", lessonText, general)
	}
	if got == lessonText {
		t.Errorf("a listen with the system's backlog got lesson 1's own text: %q", got)
	}
}
