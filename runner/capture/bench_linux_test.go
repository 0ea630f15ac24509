//go:build linux

package capture

import (
	"bytes"
	"io"
	"os/exec"
	"testing"
)

// BenchmarkRun1 times `socktour run 1` piped, without packets and with
// them (in the private network: socktour started again, lo brought up,
// the capture, the marker), built as the README builds it:
//
//	go test -run '^$' -bench Run1 ./runner/capture
func BenchmarkRun1(b *testing.B) {
	bin := b.TempDir() + "/socktour"
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "github.com/socktour/socktour")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"plain", []string{"run", "1", "--no-questions"}},
		{"packets", []string{"run", "1", "--no-questions", "--packets"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				var stderr bytes.Buffer
				cmd := exec.Command(bin, c.args...)
				cmd.Stdout, cmd.Stderr = io.Discard, &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					b.Fatalf("%v: %v %s", c.args, err, stderr.String())
				}
			}
		})
	}
}
