package runner

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkList is `socktour list` inside Main: parse the command, read
// the lesson titles, print the list. It leaves out the process's own
// start-up (loading, package initialisation), which BenchmarkStartup in
// package main measures by running the built program.
func BenchmarkList(b *testing.B) {
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
