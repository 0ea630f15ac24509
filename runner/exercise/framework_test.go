package exercise

import (
	"os/exec"
	"testing"
	"time"
)

func TestTimestampServerMistakes(t *testing.T) {
	c := mistake{lesson: 9, part: "server", prog: "framework-oneatatime", want: "stamp one at a time", limit: 4 * time.Second}
	c.check(t, program(t, "testdata/wrong/framework-oneatatime"))

	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here: the Python programs are not checked")
	}
	for _, c := range []mistake{
		{lesson: 9, part: "server", prog: "framework_bytes.py", want: "stamp bytes"},
		{lesson: 9, part: "server", prog: "framework_once.py", want: "stamp hung up", runs: 3},
	} {
		t.Run(c.prog, func(t *testing.T) { c.check(t, py, "testdata/python/"+c.prog) })
	}
}
