package runner

import (
	"bytes"
	"context"
	"io"
	"net"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// firstLine keeps the first line written to it and throws the rest away,
// as a terminal does with what has scrolled off.
type firstLine struct {
	mu    sync.Mutex
	buf   []byte
	ready chan string
}

func (w *firstLine) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ready == nil {
		return len(p), nil
	}
	w.buf = append(w.buf, p...)
	if i := bytes.IndexByte(w.buf, '\n'); i >= 0 {
		w.ready <- string(w.buf[:i])
		w.ready, w.buf = nil, nil
	}
	return len(p), nil
}

func heapInuse() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// TestServeMemoryStaysFlat serves lesson 1 to thousands of clients, one
// after another, as a server left running all day in a lab: the heap does
// not grow with the clients served.
func TestServeMemoryStaysFlat(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	out := &firstLine{ready: ready}
	o := &IO{In: strings.NewReader(""), Out: out, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, []string{"serve", "1"}, o) }()
	defer func() {
		cancel()
		if code := <-done; code != 130 {
			t.Errorf("serve ended with exit %d: %s", code, o.Err)
		}
	}()
	var addr string
	select {
	case first := <-ready:
		addr = strings.TrimPrefix(first, "listening on ")
	case code := <-done:
		t.Fatalf("serve 1 ended at once, exit %d: %s", code, o.Err)
	}
	client := func() {
		c, err := net.DialTimeout("tcp", addr, 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := c.Write([]byte("你好")); err != nil {
			t.Fatal(err)
		}
		if got, err := io.ReadAll(c); err != nil || string(got) != "欢迎" {
			t.Fatalf("the server answered %q, %v", got, err)
		}
	}
	for range 500 {
		client()
	}
	before := heapInuse()
	for range 5000 {
		client()
	}
	after := heapInuse()
	if grew := int64(after) - int64(before); grew > 1<<20 {
		t.Errorf("the heap grew %d KB over 5,000 clients", grew>>10)
	}
}
