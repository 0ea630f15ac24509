package runner

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkStartup is the work socktour does before it can answer: parse
// the command, load the embedded lesson texts, print the list.
func BenchmarkStartup(b *testing.B) {
	for b.Loop() {
		var out bytes.Buffer
		if Main(context.Background(), []string{"list"}, testIO("", &out)) != 0 {
			b.Fatal("list failed")
		}
	}
}

// BenchmarkPipedRun is `socktour run 1 | cat`: a real run and its whole
// transcript.
func BenchmarkPipedRun(b *testing.B) {
	for b.Loop() {
		var out bytes.Buffer
		if Main(context.Background(), []string{"run", "1"}, testIO("", &out)) != 0 {
			b.Fatal("run failed")
		}
	}
}

// BenchmarkReplay is `socktour replay FILE | cat`: reading a recording
// and drawing its whole transcript, with no socket at all.
func BenchmarkReplay(b *testing.B) {
	for b.Loop() {
		var out bytes.Buffer
		if Main(context.Background(), []string{"replay", "testdata/recordings/lesson-7.rec"}, testIO("", &out)) != 0 {
			b.Fatal("replay failed")
		}
	}
}
