package lessons

import (
	"context"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

// BenchmarkLessonRun measures a whole lesson run on loopback: sockets,
// exchange, recording. Lesson 2 is dominated by its 7-byte experiment.
func BenchmarkLessonRun(b *testing.B) {
	for _, l := range All {
		b.Run(l.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := l.Run(context.Background(), trace.NewRecorder()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
