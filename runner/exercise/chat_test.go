package exercise

import (
	"os/exec"
	"testing"
	"time"
)

// TestChatMistakes: a chat client that closes instead of half-closing
// loses the farewell (the server's system sees a reset), and one that
// never half-closes leaves the server waiting for the end of the stream.
func TestChatMistakes(t *testing.T) {
	for _, c := range []mistake{
		{lesson: 8, part: "client", prog: "chat-closer", want: "chat closed instead, not printed", runs: 5},
		{lesson: 8, part: "client", prog: "chat-nohalfclose", want: "chat never ended, not printed", runs: 2, limit: 4 * time.Second},
	} {
		t.Run(c.prog, func(t *testing.T) { c.check(t, program(t, "testdata/wrong/"+c.prog)) })
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here")
	}
	c := mistake{lesson: 8, part: "client", prog: "chat_closer.py", want: "chat closed instead, not printed", runs: 3}
	t.Run(c.prog, func(t *testing.T) { c.check(t, py, "testdata/python/"+c.prog) })
}
