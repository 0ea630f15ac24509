package recording

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// endless repeats one text for ever, counting what was read of it: a
// stand-in for /dev/zero or a program that never stops writing.
type endless struct {
	text []byte
	read int64
}

func (r *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		n += copy(p[n:], r.text[int(r.read+int64(n))%len(r.text):])
	}
	r.read += int64(n)
	return n, nil
}

// after is a prefix read first, then r.
func after(prefix string, r io.Reader) io.Reader {
	return io.MultiReader(strings.NewReader(prefix), r)
}

const watchHeader = `{"format":"socktour-recording","version":1,"watch":"a → b","socktour":"0.1.0","recorded":"2026-11-23T12:00:00Z"}` + "\n"

func TestEndlessInputIsRefusedAtOnce(t *testing.T) {
	event := `{"seq":1,"side":"client","op":"note"}` + "\n"
	for _, c := range []struct {
		name     string
		r        *endless
		prefix   string
		want     string
		maxBytes int64
	}{
		{"zeros", &endless{text: []byte{0}}, "", "r.rec:1: not a socktour recording (its first line must name the format", 128 << 10},
		{"a long first line", &endless{text: []byte("{")}, "", "r.rec:1: not a socktour recording", 128 << 10},
		{"blank lines", &endless{text: []byte("\n")}, watchHeader, "r.rec:2: not an event", 128 << 10},
		{"a long line", &endless{text: []byte("x")}, watchHeader, "r.rec:2: a line longer than 1 MiB", 2 << 20},
		{"zeros after the header", &endless{text: []byte{0}}, watchHeader, "r.rec:2: a line longer than 1 MiB", 2 << 20},
		{"events for ever", &endless{text: []byte(event)}, watchHeader, "", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), after(c.prefix, c.r), "r.rec")
			if c.want == "" { // the same seq again and again: out of order at once
				if err == nil || !strings.Contains(err.Error(), "out of order") {
					t.Errorf("error %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error\n got %v\nwant %s…", err, c.want)
			}
			if c.r.read > c.maxBytes {
				t.Errorf("read %d bytes before refusing, want at most %d", c.r.read, c.maxBytes)
			}
		})
	}
}

// counting writes numbered events for ever: a recording that never ends.
type counting struct {
	seq int
	buf bytes.Buffer
}

func (c *counting) Read(p []byte) (int, error) {
	for c.buf.Len() < len(p) {
		c.seq++
		fmt.Fprintf(&c.buf, `{"seq":%d,"side":"client","op":"note"}`+"\n", c.seq)
	}
	return c.buf.Read(p)
}

func TestTooManyEventsAreRefused(t *testing.T) {
	defer func(n int) { maxEvents = n }(maxEvents)
	maxEvents = 20000
	c := &counting{}
	_, err := Read(context.Background(), after(watchHeader, c), "r.rec")
	if err == nil || !strings.Contains(err.Error(), "more than 20000 events") {
		t.Fatalf("error %v", err)
	}
	if c.seq > maxEvents+10000 {
		t.Errorf("read %d events before refusing", c.seq)
	}
}

func TestReadStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		_, err := Read(ctx, pr, "r.rec")
		done <- err
	}()
	if _, err := pw.Write([]byte(watchHeader)); err != nil { // read, then it waits
		t.Fatal(err)
	}
	cancel()
	pr.CloseWithError(context.Canceled) // what a caller does on Ctrl-C
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Read did not stop")
	}
}

// bigWatch is a watch recording of n reads of 32 KiB each, written as
// they are read: as an older socktour wrote them, every byte in hex.
type bigWatch struct {
	n, i int
	buf  bytes.Buffer
}

func (b *bigWatch) Read(p []byte) (int, error) {
	if b.buf.Len() == 0 {
		switch {
		case b.i == 0:
			b.buf.WriteString(watchHeader)
		case b.i <= b.n:
			fmt.Fprintf(&b.buf, `{"seq":%d,"side":"server 1","op":"send","n":32768,"hex":"%s","off":%d,"key":"relayed"}`+"\n",
				b.i, strings.Repeat("61", 32768), (b.i-1)*32768)
		case b.i == b.n+1:
			fmt.Fprintf(&b.buf, `{"end":true,"events":%d}`+"\n", b.n)
		default:
			return 0, io.EOF
		}
		b.i++
	}
	return b.buf.Read(p)
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestABigWatchRecordingIsStreamed: a 20 MB recording of 300 large reads
// is read a line at a time, and of each payload only its edges stay in
// memory.
func TestABigWatchRecordingIsStreamed(t *testing.T) {
	before := heapInuse()
	rec, err := Read(context.Background(), &bigWatch{n: 300}, "big.rec")
	if err != nil {
		t.Fatal(err)
	}
	if grew := int64(heapInuse()) - int64(before); grew > 3<<20 {
		t.Errorf("%d events of 32 KiB hold %d MB", len(rec.Events), grew>>20)
	}
	e := rec.Events[299]
	if e.N != 32768 || e.Elided != 32768-2*trace.Edge || len(e.Hex) != 2*trace.Edge || e.Off != 299*32768 {
		t.Errorf("last event %d bytes, %d not kept, %d kept, at %d", e.N, e.Elided, len(e.Hex), e.Off)
	}
	runtime.KeepAlive(rec)
}

func TestElidedEventsReadBack(t *testing.T) {
	kept, elided := trace.Keep(bytes.Repeat([]byte("ab"), 1000))
	text := write(t, []trace.Event{{Seq: 1, Side: "client 1", Op: "send", Key: "relayed", N: 2000, Hex: kept, Elided: elided}})
	if !strings.Contains(text, fmt.Sprintf(`"elided":%d`, 2000-2*trace.Edge)) {
		t.Errorf("no elided count in %s", text)
	}
	if _, err := Read(context.Background(), strings.NewReader(text), "r.rec"); err != nil {
		t.Error(err)
	}
	bad := strings.Replace(text, `"n":2000`, `"n":3000`, 1)
	if _, err := Read(context.Background(), strings.NewReader(bad), "r.rec"); err == nil || !strings.Contains(err.Error(), "bytes not kept of 3000") {
		t.Errorf("a count that does not add up: %v", err)
	}
}
