package exercise

import (
	"os/exec"
	"testing"
	"time"
)

func TestHTTPClientMistakes(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here: the Python programs are not checked")
	}
	for _, c := range []mistake{
		{lesson: 11, part: "client", prog: "http_once.py", want: "http printed part", runs: 3},
		{lesson: 11, part: "client", prog: "http_nohost.py", want: "http no host"},
		{lesson: 11, part: "client", prog: "http_keepalive.py", want: "http kept open", limit: 2 * time.Second},
	} {
		t.Run(c.prog, func(t *testing.T) { c.check(t, py, "testdata/python/"+c.prog) })
	}
}
