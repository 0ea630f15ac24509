package runner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/socktour/socktour/lessons"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

var (
	portRE    = regexp.MustCompile(`127\.0\.0\.1:\d+`)
	measureRE = regexp.MustCompile(`\d+ reads, (\d+\.\d+ MB/s|too fast to time)`)
	tableRE   = regexp.MustCompile(`(?m)^( +\d+) +\d+ +(\d+) +\d+\.\d ms +(\d+\.\d|too fast to time)$`)
)

// normalise replaces what changes from run to run: ports (numbered in
// order of appearance) and the measured counts, times and speeds.
func normalise(s string) string {
	ports := map[string]string{}
	s = portRE.ReplaceAllStringFunc(s, func(a string) string {
		if _, ok := ports[a]; !ok {
			ports[a] = fmt.Sprintf("127.0.0.1:PORT%d", len(ports)+1)
		}
		return ports[a]
	})
	s = measureRE.ReplaceAllString(s, "N reads, X MB/s")
	return tableRE.ReplaceAllString(s, "$1 N $2 T ms X")
}

// TestGoldenTranscripts runs every lesson for real and compares what a
// pipe gets with testdata/lesson-N.golden. Run with -update to rewrite.
func TestGoldenTranscripts(t *testing.T) {
	for _, l := range lessons.All {
		t.Run(l.Name(), func(t *testing.T) {
			var out bytes.Buffer
			o := testIO("", &out)
			if code := Main(context.Background(), []string{"run", fmt.Sprint(l.Number)}, o); code != 0 {
				t.Fatalf("exit %d: %s", code, o.Err)
			}
			got := normalise(out.String())
			path := filepath.Join("testdata", l.Name()+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./runner -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("transcript differs from %s (go test ./runner -update rewrites it):\n%s", path, diff(string(want), got))
			}
		})
	}
}

// diff shows the first line where two texts part.
func diff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, w, g)
		}
	}
	return ""
}
