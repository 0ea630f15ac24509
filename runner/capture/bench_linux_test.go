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
// and with them, in turn (so that a machine's changing load weighs on
// both alike), and reports its three figures (MB/s of the 7-byte, the
// 1 KiB and the 64 KiB reads) as the medians of its runs, each with
// packets as a percentage of without:
//
//	go test -run '^$' -bench Lesson2 -benchtime 20x ./runner/capture
func BenchmarkLesson2Figures(b *testing.B) {
	bin := b.TempDir() + "/socktour"
	build := exec.Command("go", "build", "-trimpath", "-o", bin, "github.com/socktour/socktour")
	build.Env = append(build.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	plain := []string{"run", "2", "--json", "--no-questions"}
	packets := append(plain[:len(plain):len(plain)], "--packets")
	figures := [2]map[int][]float64{{}, {}}
	i := 0
	for b.Loop() {
		for k, args := range [2][]string{plain, packets} {
			if i%2 == 1 { // every other time, packets first
				k, args = 1-k, [2][]string{plain, packets}[1-k]
			}
			for size, f := range lesson2Figures(b, bin, args) {
				figures[k][size] = append(figures[k][size], f)
			}
		}
		i++
	}
	for size, fs := range figures[0] {
		without, with := median(fs), median(figures[1][size])
		b.ReportMetric(without, fmt.Sprintf("MB/s-%dB", size))
		b.ReportMetric(with, fmt.Sprintf("MB/s-%dB-packets", size))
		b.ReportMetric(100*with/without, fmt.Sprintf("%%-%dB", size))
	}
}

// lesson2Figures runs socktour with args and returns lesson 2's figures,
// in MB/s by read size.
func lesson2Figures(b *testing.B, bin string, args []string) map[int]float64 {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		b.Fatalf("%v: %v %s", args, err, stderr.String())
	}
	out := map[int]float64{}
	dec := json.NewDecoder(&stdout)
	for {
		var e trace.Event
		if err := dec.Decode(&e); err != nil {
			break
		}
		if e.Op == "measure" && e.Dur > 0 {
			out[e.Size] = float64(e.N) / float64(e.Dur) // bytes per µs: MB/s
		}
	}
	return out
}

func median(fs []float64) float64 {
	fs = append([]float64(nil), fs...)
	sort.Float64s(fs)
	return fs[len(fs)/2]
}
