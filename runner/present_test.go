package runner

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/render"
)

// playKeys plays lesson 3 from a recording with keys and returns the
// screens drawn.
func playKeys(t *testing.T, keys string, args ...string) []string {
	t.Helper()
	var out bytes.Buffer
	o, ft := ttyIO(keys, &out)
	args = append([]string{"replay", "testdata/recordings/lesson-3.rec", "--no-color"}, args...)
	if code := Main(context.Background(), args, o); code != 0 {
		t.Fatalf("exit %d: %s", code, o.Err)
	}
	if ft.raw != 1 || ft.restored != 1 {
		t.Errorf("raw mode entered %d, restored %d times", ft.raw, ft.restored)
	}
	return screens(out.String())
}

func TestPresenterKeys(t *testing.T) {
	// --step 5; Page Down (6); Page Up (5); g 1 2 Enter (12); g 9 9 Enter
	// (no such step: stays); g 4 Esc (cancelled: stays); ← (11).
	s := playKeys(t, "\x1b[6~\x1b[5~g12\rg99\rg4\x1b\x1b[Dq", "--step", "5")
	var got []string
	for _, x := range s {
		if f := footer(x); f != "" {
			got = append(got, f)
		} else {
			got = append(got, "typing")
		}
	}
	want := "step 5/27,step 6/27,step 5/27,typing,typing,typing,step 12/27,typing,typing,typing,step 12/27,typing,typing,step 12/27,step 11/27"
	if strings.Join(got, ",") != want {
		t.Errorf("screens %v\nwant %s", got, want)
	}
	if !strings.Contains(s[5], "go to step: 12▏") {
		t.Errorf("the step number typed is not shown:\n%s", s[5])
	}
	if !strings.Contains(s[10], "no step 99: steps are 0 to 27") {
		t.Errorf("a step past the end is not refused:\n%s", s[10])
	}
}

func TestHexToggleAndNoHex(t *testing.T) {
	// Step 7 is the server's send of 28 bytes: a dump, then x, then x.
	s := playKeys(t, "xxq", "--step", "7")
	dump := "00000000  53 6f 63 6b 65 74"
	if !strings.Contains(s[0], dump) || strings.Contains(s[1], dump) || !strings.Contains(s[2], dump) {
		t.Errorf("x does not toggle the dump:\n%s\n---\n%s", s[0], s[1])
	}
	if !strings.Contains(s[1], "hex dumps off") {
		t.Error("x does not say what it did")
	}
	s = playKeys(t, "q", "--step", "7", "--no-hex")
	if strings.Contains(s[0], dump) || !strings.Contains(s[0], `"Socket Programming in Python"`) {
		t.Errorf("--no-hex still dumps, or lost the text:\n%s", s[0])
	}
}

func TestFocusView(t *testing.T) {
	s := playKeys(t, "fq", "--step", "9")
	if !strings.Contains(s[1], "› 9") || !strings.Contains(s[1], "┌─ focus ─") || !strings.Contains(s[1], "└─") {
		t.Errorf("focus view lacks the step or its framed focus mark:\n%s", s[1])
	}
	frame := -1 // the frame's width, the same on every line of it
	for _, l := range strings.Split(s[1], "\r\n") {
		if render.Width(l) > 80 {
			t.Errorf("a focus line is %d columns wide: %q", render.Width(l), l)
		}
		if t0 := strings.TrimSpace(l); strings.HasPrefix(t0, "┌") || strings.HasPrefix(t0, "│") || strings.HasPrefix(t0, "└") {
			if frame < 0 {
				frame = render.Width(t0)
			} else if render.Width(t0) != frame {
				t.Errorf("a frame line is %d columns wide, the top %d: %q", render.Width(t0), frame, t0)
			}
		}
	}
	for _, step := range []string{"  1 ", "  7 ", "  8 "} {
		if strings.Contains(s[1], step) {
			t.Errorf("focus view still shows step%s:\n%s", step, s[1])
		}
	}
}

func TestTheLastStepIsTheDiagram(t *testing.T) {
	s := playKeys(t, "q", "--step", "27")
	last := s[0]
	for _, want := range []string{"end 27/27", "The whole exchange", `28 bytes "Socket Programming in`, "read 7, 21 never read", "RST (close, 21 bytes unread)"} {
		if !strings.Contains(last, want) {
			t.Errorf("the diagram screen lacks %q:\n%s", want, last)
		}
	}
	if n := len(strings.Split(last, "\r\n")); n != 24 {
		t.Errorf("diagram screen is %d lines, want 24", n)
	}
}

func TestDiagramFlag(t *testing.T) {
	code, out, stderr := cli(t, "replay", "testdata/recordings/lesson-4.rec", "--diagram")
	if code != 0 {
		t.Fatal(stderr)
	}
	for _, want := range []string{"Lesson 4 · Looping receive", "CLIENT", "read 7+7+7+7", "end of stream"} {
		if !strings.Contains(out, want) {
			t.Errorf("--diagram lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "recv(") {
		t.Errorf("--diagram printed more than the diagram:\n%s", out)
	}
	code, out, _ = cli(t, "replay", "testdata/recordings/lesson-4.rec", "--diagram=mermaid")
	if code != 0 || !strings.HasPrefix(out, "sequenceDiagram\n    title Lesson 4: Looping receive\n    participant client\n    participant server\n") {
		t.Errorf("mermaid head:\n%s", out)
	}
	for _, want := range []string{"client->>server: connect", "server->>client: 28 bytes #quot;Socket Programming in Python#quot;", "Note left of client: read 7+7+7+7", "server--)client: FIN (shutdown)"} {
		if !strings.Contains(out, want) {
			t.Errorf("mermaid lacks %q:\n%s", want, out)
		}
	}
	if code, _, stderr := cli(t, "run", "1", "--diagram=svg"); code != 2 || !strings.Contains(stderr, "--diagram is text or mermaid") {
		t.Errorf("--diagram=svg: exit %d %s", code, stderr)
	}
}

// TestAutoPlayEndsOnTheDiagram: auto-play goes on past the closing words
// to the diagram, stops there, and says how many questions it left out.
func TestAutoPlayEndsOnTheDiagram(t *testing.T) {
	s := playKeys(t, "a"+strings.Repeat("\x00", 40)+"q")
	last := s[len(s)-1]
	if footer(last) != "end 27/27" || !strings.Contains(last, "The whole exchange") {
		t.Fatalf("auto-play did not end on the diagram:\n%s", last)
	}
	if !strings.Contains(last, "Auto-play went past 3 questions") {
		t.Errorf("the diagram does not say that questions were left out:\n%s", last)
	}
}
