package runner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestProgressTroubleSaidOnce: a progress file that cannot be used (here
// a directory in its place) is said in one sentence, however many times
// a command reads and writes progress.
func TestProgressTroubleSaidOnce(t *testing.T) {
	home := t.TempDir()
	if err := os.Mkdir(filepath.Join(home, "progress.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"hint", "1"}, {"progress"}, {"reset", "1", "--yes"}} {
		var out bytes.Buffer
		o := testIO("", &out)
		o.Home = home
		Main(context.Background(), args, o)
		said := strings.TrimSpace(o.Err.(*bytes.Buffer).String())
		if n := strings.Count(said, "\n") + 1; said == "" || n != 1 {
			t.Errorf("%v said %d lines about the progress file, want 1:\n%s", args, n, said)
		}
	}
}
