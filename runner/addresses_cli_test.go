package runner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFamilyFlags: --unix and --ipv6 are lesson 13's, one at a time; a
// --unix path that is not a socket is refused in one sentence and kept.
func TestFamilyFlags(t *testing.T) {
	file := filepath.Join(t.TempDir(), "keep.txt")
	os.WriteFile(file, []byte("mine"), 0o600)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"serve", "1", "--unix", file}, 2, "lesson 13's"},
		{[]string{"client", "5", "--ipv6", "--port", "1"}, 2, "lesson 13's"},
		{[]string{"client", "13", "--ipv6", "--unix", file}, 2, "give one"},
		{[]string{"serve", "13", "--unix", file}, 1, "not a socket"},
		{[]string{"client", "13", "--unix", file}, 1, ""},
	} {
		code, _, stderr := cli(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) || strings.Count(strings.TrimSpace(stderr), "\n") > 1 {
			t.Errorf("%v: exit %d, %q; want %d saying %q", c.args, code, stderr, c.code, c.says)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Errorf("%s was touched", file)
	}
}
