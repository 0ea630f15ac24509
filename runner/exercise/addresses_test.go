package exercise

import (
	"os/exec"
	"testing"
)

// TestUnixClientMistakes: a client that dials TCP never connects to the
// Unix socket; one that prints the answer without reading it fails.
func TestUnixClientMistakes(t *testing.T) {
	c := mistake{lesson: 13, part: "client", prog: "unix-tcp", want: "never connected unix, not printed, exit status"}
	t.Run(c.prog, func(t *testing.T) { c.check(t, program(t, "testdata/wrong/"+c.prog)) })
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here")
	}
	c = mistake{lesson: 13, part: "client", prog: "unix_frommemory.py", want: "closed before answer|closed unread", runs: 10}
	t.Run(c.prog, func(t *testing.T) { c.check(t, py, "testdata/python/"+c.prog) })
}
