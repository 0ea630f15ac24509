package lessons

import (
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"slices"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// benchRuns is how many times each benchmark of this package runs, unless
// -benchtime says otherwise. Every lesson run opens connections of its
// own, and each closed connection stays in TIME_WAIT for a minute: a
// benchmark that ran for a second would open thousands, fill the
// loopback's port range, and measure bind slowing down (lesson 1 went
// from 0.3 to 6.6 ms a run within one benchmark). A fixed count opens the
// same few hundred every time, so two runs in a row agree.
const benchRuns = "50x"

// fixBenchtime makes benchRuns the default -benchtime of this package's
// benchmarks; a -benchtime given on the command line still wins. It is
// for TestMain, which must parse the flags first to know.
func fixBenchtime() {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.benchtime" })
	if !set {
		flag.Set("test.benchtime", benchRuns)
	}
}

// BenchmarkLessonRun measures a whole lesson run on loopback: sockets,
// exchange, recording. Lesson 2 takes as long as its experiment's time
// budget: three buffer sizes of about BulkBudget each.
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

// BenchmarkBulk64K compares lesson 2's 64 KiB figure with what the same
// transfer does untraced, in the same process, run by run: the lesson's
// experiment for the 64 KiB buffer (its probes, its recorded transfer),
// then as many bytes through a plain net.Conn on a listener kept for the
// whole benchmark, from one buffer built beforehand, read to the end with
// a 64 KiB buffer and timed the same way. It reports the medians of both
// figures in MB/s, the median of the lesson's over the untraced one's
// (the target: within 10 % of 1), and how far the lesson's figures lie
// from their median at most, in % (the target: within ±25 over 20 runs).
func BenchmarkBulk64K(b *testing.B) {
	const size = 65536
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	payload := bulkPayload()
	var lesson, bare, ratio []float64
	n := 0 // how many bytes the lesson's last transfer moved
	for i := 0; b.Loop(); i++ {
		// Which goes first alternates, so that neither always runs on a
		// machine the other has just warmed (or loaded); the untraced
		// transfer moves as many bytes as the lesson's latest.
		var u float64
		untraced := func() {
			d, err := untracedBulk(ln, n, size, payload)
			if err != nil {
				b.Fatal(err)
			}
			u = float64(n) / float64(d.Microseconds()) // bytes per µs: MB/s
		}
		if i%2 == 1 {
			untraced()
		}
		rec := trace.NewRecorder()
		if err := measureBulk(context.Background(), rec, size, payload); err != nil {
			b.Fatal(err)
		}
		ev := rec.Events()
		m := ev[len(ev)-1]
		if m.Op != "measure" || m.Size != size {
			b.Fatalf("last event %+v, not the 64 KiB measure", m)
		}
		n = m.N
		if i%2 == 0 {
			untraced()
		}
		l := float64(m.N) / float64(m.Dur)
		lesson, bare, ratio = append(lesson, l), append(bare, u), append(ratio, l/u)
	}
	b.ReportMetric(median(lesson), "lesson-MB/s")
	b.ReportMetric(median(bare), "untraced-MB/s")
	b.ReportMetric(median(ratio), "lesson/untraced")
	b.ReportMetric(spread(lesson), "spread-%")
	b.ReportMetric(spread(bare), "untraced-spread-%")
	if testing.Verbose() {
		b.Logf("lesson MB/s, sorted: %.0f", lesson)
		b.Logf("untraced MB/s, sorted: %.0f", bare)
	}
}

// spread is how far the values of xs lie from their median at most, in %
// of it.
func spread(xs []float64) float64 {
	med, s := median(xs), 0.0
	for _, x := range xs {
		s = max(s, 100*(x/med-1), 100*(1-x/med))
	}
	return s
}

// untracedBulk sends n bytes from payload through a plain connection to
// ln and reads them to the end with a size-byte buffer, as lesson 2's
// readAll does: it returns how long the reads took.
func untracedBulk(ln net.Listener, n, size int, payload []byte) (time.Duration, error) {
	sent := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			sent <- err
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(trace.DefaultTimeout))
		for left := n; left > 0 && err == nil; {
			var k int
			k, err = c.Write(payload[:min(len(payload), left)])
			left -= k
		}
		sent <- err
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		return 0, err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(trace.DefaultTimeout))
	buf := make([]byte, size)
	start := time.Now()
	for {
		_, err := c.Read(buf)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err
		}
	}
	d := time.Since(start)
	return d, <-sent
}

// median is the middle value of xs (xs is sorted in place).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}
