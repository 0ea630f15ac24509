package lessons

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// serveUnixAt runs `serve 13 --unix path` until the returned stop is
// called, which waits for it to end.
func serveUnixAt(t *testing.T, path string) (stop func() error) {
	t.Helper()
	rec := trace.NewRecorder()
	rec.Timeout, rec.Discard = 300*time.Millisecond, true
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- addresses.Serve(ctx, rec, UnixAddr+path, func(a string) { ready <- a }) }()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("serve: %v", err)
	}
	return func() error { cancel(); rec.Abort(); return <-done }
}

// TestServeUnixSurvivesAndCleansUp: serve 13 --unix answers 你好 with 欢迎,
// survives garbage, a silent client and a client that leaves at once,
// and removes its socket file when it stops.
func TestServeUnixSurvivesAndCleansUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.sock")
	stop := serveUnixAt(t, path)
	dial := func() net.Conn {
		c, err := net.DialTimeout("unix", path, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(3 * time.Second))
		return c
	}
	silent := dial()
	defer silent.Close()
	gone := dial()
	gone.Close()
	junk := dial()
	junk.Write([]byte{0xff, 0x00, 0xfe})
	io.ReadAll(junk)
	junk.Close()
	c := dial()
	c.Write([]byte("你好"))
	got, _ := io.ReadAll(c)
	c.Close()
	if string(got) != "欢迎" {
		t.Errorf("answer %q", got)
	}
	if err := stop(); err != nil {
		t.Errorf("serve ended with %v", err)
	}
	if _, err := os.Lstat(path); err == nil {
		t.Errorf("%s left after serve stopped", path)
	}
}

// TestServeUnixRefusesAFile: a path that exists and is not a socket is
// refused and left as it was; a socket file nobody listens on is taken
// over; one a server listens on is refused.
func TestServeUnixRefusesAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	os.WriteFile(file, []byte("mine"), 0o600)
	err := addresses.Serve(context.Background(), trace.NewRecorder(), UnixAddr+file, func(string) {})
	if err == nil || !strings.Contains(err.Error(), "not a socket") {
		t.Errorf("serve on a file: %v", err)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Errorf("the file was touched: %q", b)
	}
	path := filepath.Join(dir, "s.sock")
	stop := serveUnixAt(t, path)
	err = addresses.Serve(context.Background(), trace.NewRecorder(), UnixAddr+path, func(string) {})
	if err == nil || !strings.Contains(err.Error(), "already listening") {
		t.Errorf("second serve: %v", err)
	}
	stop()
	// A stale socket file, as a killed server leaves: serve takes it over.
	ln, _ := net.Listen("unix", path)
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	stop = serveUnixAt(t, path)
	stop()
}
