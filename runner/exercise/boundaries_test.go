package exercise

import (
	"os/exec"
	"testing"
)

// TestLinesMistakes: a client that takes one read for a message leaves
// the rest unread; one that prints each read prints messages stuck
// together and cannot decode a piece cut inside a character.
func TestLinesMistakes(t *testing.T) {
	c := mistake{lesson: 12, part: "client", prog: "lines-onerecv", want: "left early, not printed", runs: 5}
	t.Run(c.prog, func(t *testing.T) { c.check(t, program(t, "testdata/wrong/"+c.prog)) })
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here")
	}
	c = mistake{lesson: 12, part: "client", prog: "lines_chunks.py", want: "closed unread, not printed, exit status|not printed, exit status|left early, not printed, exit status", runs: 3}
	t.Run(c.prog, func(t *testing.T) { c.check(t, py, "testdata/python/"+c.prog) })
}

func TestApart(t *testing.T) {
	msgs := []string{"hello", "world", "!", "再见"}
	for out, want := range map[string]bool{
		"hello\nworld\n!\n再见\n":                   true,
		"message: hello\nmessage: world\n'!'\n再见": true,
		"hello\nworld\n!\n\n再见\n":                 true,
		"helloworld!\n再见\n":                       false,
		"'hello\\nworld\\n!\\n'\n'再见'":            false,
		"hello\nworld\n!\n":                       false,
	} {
		if got := apart(out, msgs); got != want {
			t.Errorf("apart(%q) = %v", out, got)
		}
	}
}
