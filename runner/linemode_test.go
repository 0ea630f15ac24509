package runner

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// dumbIO is a terminal that cannot move its cursor: TERM=dumb.
func dumbIO(keys string, out *bytes.Buffer) *IO {
	o, _ := ttyIO(keys, out)
	o.Getenv = func(k string) string { return map[string]string{"TERM": "dumb"}[k] }
	return o
}

// TestDumbTerminalLineMode: on TERM=dumb the player prints one step per
// Enter with no screen control, asks its questions as numbered lines,
// and q stops it; the menu asks for a lesson's number.
func TestDumbTerminalLineMode(t *testing.T) {
	var out bytes.Buffer
	keys := strings.Repeat("\n", 7) + "2\n" + "\n" + "q\n" // steps 1-7, answer 28 (wrong), step 8, stop
	o := dumbIO(keys, &out)
	if code := Main(context.Background(), []string{"replay", "testdata/recordings/lesson-3.rec"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	text := out.String()
	if strings.Contains(text, "\x1b") {
		t.Errorf("line mode sent escape codes: %q", text[:min(len(text), 300)])
	}
	for _, want := range []string{"[Enter: step 1 of 25", "? Predict, then see", "1  7", "✗ Not quite: this run says 7.", "  8 recv(7) → 7 bytes", "[Enter: step 9 of 25"} {
		if !strings.Contains(text, want) {
			t.Errorf("line mode lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "  9 recv(7)") || strings.Contains(text, "The whole exchange") {
		t.Errorf("q did not stop line mode:\n%s", text)
	}

	out.Reset()
	o = dumbIO("3\n"+strings.Repeat("\n", 40)+"q\n", &out)
	if code := Main(context.Background(), nil, o); code != 0 {
		t.Fatalf("menu: exit %d: %s", code, o.Err)
	}
	if text := out.String(); strings.Contains(text, "\x1b") || !strings.Contains(text, "Lesson 3 · The 7-byte") ||
		!strings.Contains(text, "The whole exchange") || !strings.Contains(text, "A lesson's number and Enter") {
		t.Errorf("the dumb menu did not play lesson 3 in line mode:\n%s", text)
	}
}

// TestLineModeQAtAQuestionStops: q typed for an answer stops the lesson,
// as q at the step prompt does, instead of skipping the question.
func TestLineModeQAtAQuestionStops(t *testing.T) {
	var out bytes.Buffer
	o := dumbIO(strings.Repeat("\n", 7)+"q\n"+strings.Repeat("\n", 30), &out)
	if code := Main(context.Background(), []string{"replay", "testdata/recordings/lesson-3.rec"}, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	text := out.String()
	if !strings.Contains(text, "? Predict, then see") || strings.Contains(text, "The answer, from this run") ||
		strings.Contains(text, "  8 recv(7)") {
		t.Errorf("q at the answer did not stop the lesson:\n%s", text)
	}
}
