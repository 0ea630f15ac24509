//go:build linux

package capture

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"testing"

	"github.com/socktour/socktour/runner/trace"
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

// BenchmarkLesson2Figures runs lesson 2 piped (--json), without packets
// and with them, and reports its three figures (MB/s of the 7-byte, the
// 1 KiB and the 64 KiB sends) as the medians of its runs, so that the
// two can be compared:
//
//	go test -run '^$' -bench Lesson2 -benchtime 15x ./runner/capture
func BenchmarkLesson2Figures(b *testing.B) {
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
		{"plain", []string{"run", "2", "--json", "--no-questions"}},
		{"packets", []string{"run", "2", "--json", "--no-questions", "--packets"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			figures := map[int][]float64{}
			for b.Loop() {
				var stdout, stderr bytes.Buffer
				cmd := exec.Command(bin, c.args...)
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				if err := cmd.Run(); err != nil || stderr.Len() > 0 {
					b.Fatalf("%v: %v %s", c.args, err, stderr.String())
				}
				dec := json.NewDecoder(&stdout)
				for {
					var e trace.Event
					if err := dec.Decode(&e); err != nil {
						break
					}
					if e.Op == "measure" && e.Dur > 0 {
						figures[e.Size] = append(figures[e.Size], float64(e.N)/float64(e.Dur))
					}
				}
			}
			for size, fs := range figures {
				sort.Float64s(fs)
				b.ReportMetric(fs[len(fs)/2], fmt.Sprintf("MB/s-%dB", size))
			}
		})
	}
}
