package relay

import (
	"io"
	"net"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/recording"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// counter counts the bytes written to it.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestRelayMemoryStaysFlat passes 64 MiB through the relay twice, shown and
// recorded as `watch --record` does: the heap and the recording do not
// grow with the traffic, and the recording says what it left out.
func TestRelayMemoryStaysFlat(t *testing.T) {
	const chunk, total = 1 << 20, 64 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // a server that sends total bytes to each client
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.SetDeadline(time.Now().Add(deadline))
			buf := make([]byte, chunk)
			for sent := 0; sent < total; sent += chunk {
				if _, err := c.Write(buf); err != nil {
					break
				}
			}
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); wg.Wait() })

	file := &counter{}
	rw, err := recording.NewWriter(file, recording.Header{Watch: "a → b", Socktour: "test"})
	if err != nil {
		t.Fatal(err)
	}
	r := &render.Renderer{Width: 100, Pal: render.NewPalette(false)}
	a := render.NewAnalyzer(0)
	var elided int64
	rec := trace.NewRecorder()
	rec.Discard = true
	rec.Live = func(e trace.Event) { // what watch's live view and recording do
		in := a.Info(e)
		io.WriteString(io.Discard, r.Line(1, e, in, false))
		r.Details(e, in)
		rw.Event(e)
		rw.Flush()
		elided += int64(e.Elided) // Live runs one event at a time
	}
	addr, stopRelay := startRelay(t, ln.Addr().String(), rec)
	var once sync.Once
	stop := func() { once.Do(stopRelay) }
	t.Cleanup(stop)

	pass := func() {
		c := dial(t, addr)
		n, err := io.Copy(io.Discard, c)
		if err != nil || n != total {
			t.Fatalf("got %d bytes through the relay: %v", n, err)
		}
		c.Close()
	}
	pass()
	before := heapInuse()
	pass()
	after := heapInuse()
	stop() // no more events: what was recorded can be counted
	if grew := int64(after) - int64(before); grew > 8<<20 {
		t.Errorf("the heap grew %d MB while 64 MiB passed", grew>>20)
	}
	if file.n > 2*total/10 {
		t.Errorf("128 MiB relayed, %d MB recorded", file.n>>20)
	}
	if elided < 2*total*9/10 {
		t.Errorf("the events say %d bytes were not kept, of 128 MiB", elided)
	}
}
