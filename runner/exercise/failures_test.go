package exercise

import (
	"os/exec"
	"testing"
	"time"
)

// TestRetryExercise: the retrying client passes in Go and in Python; a
// client that gives up at the first refusal, one that gives up after a
// few quick tries, and one that retries without pausing fail, each for
// its own reason.
func TestRetryExercise(t *testing.T) {
	ex := find(t, 10, "client")
	if got := verdict(t, ex, 5*time.Second, program(t, solutions+"retry")); got != "pass" {
		t.Errorf("the Go solution: %s", got)
	}
	for _, c := range []struct{ dir, want string }{
		{"testdata/wrong/giveup", "gave up"},
		{"testdata/wrong/spin", "spun"},
	} {
		if got := verdict(t, ex, 5*time.Second, program(t, c.dir)); got != c.want {
			t.Errorf("%s: %q, want %q", c.dir, got, c.want)
		}
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed here")
	}
	if got := verdict(t, ex, 5*time.Second, py, solutions+"retry/retry.py"); got != "pass" {
		t.Errorf("the Python solution: %s", got)
	}
	if got := verdict(t, ex, 5*time.Second, py, "testdata/python/toosoon.py"); got != "gave up" {
		t.Errorf("toosoon.py: %q, want gave up", got)
	}
}
