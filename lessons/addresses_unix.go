package lessons

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// unixHelloServer is lesson 1's server on a Unix connection: first it
// asks the system who connected (SO_PEERCRED), which TCP cannot.
func unixHelloServer(conn *trace.Conn) error {
	// getsockopt(SOL_SOCKET, SO_PEERCRED): the client's pid, uid, gid.
	conn.PeerCred()
	return helloServer(conn)
}

// unixHelloClient is lesson 1's client over a Unix domain socket: it
// connects to a path, not to an address and a port.
func unixHelloClient(ctx context.Context, me *trace.Side, path string) error {
	// socket(AF_UNIX, SOCK_STREAM), then connect(path).
	conn, err := me.DialUnix(ctx, path)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	conn.Note("decoded", "text", decode(buf[:n]))
	return conn.Close()
}

// abstractNames counts the abstract names this process has used, so
// that each is new.
var abstractNames atomic.Int64

// overUnixSocket is the last scene: lesson 1's exchange over a Unix
// domain socket at a path in a private temporary directory; the file the
// socket leaves; the second bind it stops, and the fix; then Linux's
// abstract names, which leave no file.
func overUnixSocket(ctx context.Context, rec *trace.Recorder) error {
	server, client, tutor := rec.Side("server"), rec.Side("client"), rec.Side("tutor")
	dir, err := os.MkdirTemp("", "socktour-13-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hello.sock")

	// bind(path) makes the socket file.
	ln, err := server.ListenUnix(path, 5)
	if err != nil {
		tutor.Note("no unix")
		return nil
	}
	served := make(chan error, 1)
	go func() { served <- serveOne(ln, unixHelloServer) }()
	cerr := unixHelloClient(ctx, client, path)
	if cerr != nil {
		ln.Close()
	}
	if err := errors.Join(cerr, <-served); err != nil {
		return err
	}
	// Everything is closed: the file is still there.
	if fi, err := os.Stat(path); err == nil && fi.Mode()&os.ModeSocket != 0 {
		tutor.Note("file left", "mode", lsMode(fi.Mode()))
	}
	// A server started again on the same path: bind fails.
	if ln, err := server.ListenUnix(path, 5); err == nil {
		ln.Close()
	}
	// The fix: remove the file first (Python: os.unlink(path)).
	if err := os.Remove(path); err != nil {
		return err
	}
	tutor.Note("removed")
	ln, err = server.ListenUnix(path, 5)
	if err != nil {
		return err
	}
	ln.Close()
	os.Remove(path)

	if runtime.GOOS != "linux" {
		tutor.Note("no abstract")
		return nil
	}
	// An abstract name: "@…" here, "\0…" in Python. No file at all.
	name := fmt.Sprintf("@socktour-13-%d-%d", os.Getpid(), abstractNames.Add(1))
	ln, err = server.ListenUnix(name, 5)
	if err != nil {
		return err
	}
	served = make(chan error, 1)
	go func() { served <- serveOne(ln, func(*trace.Conn) error { return nil }) }()
	conn, cerr := client.DialUnix(ctx, name)
	if cerr == nil {
		cerr = conn.Close()
	} else {
		ln.Close()
	}
	if err := errors.Join(cerr, <-served); err != nil {
		return err
	}
	entries, _ := os.ReadDir(dir)
	tutor.Note("no file", "files", strconv.Itoa(len(entries)))
	return nil
}

// serveFamilies is `serve 13`: lesson 1's server, over TCP on addr
// (127.0.0.1, or ::1 with --ipv6) or, for "unix:PATH", over a Unix
// domain socket at PATH.
func serveFamilies(ctx context.Context, rec *trace.Recorder, addr string, ready func(addr string)) error {
	if path, ok := strings.CutPrefix(addr, UnixAddr); ok {
		return serveUnix(ctx, rec, path, ready)
	}
	return (&Lesson{Handle: helloServer}).Serve(ctx, rec, addr, ready)
}

// abstract reports whether path is a Linux abstract name, no file.
func abstract(path string) bool { return runtime.GOOS == "linux" && strings.HasPrefix(path, "@") }

// freePath makes sure path can be bound: nothing there, or a socket file
// that nobody listens on any more (removed, as real servers do before
// bind). Anything else is refused and left as it is.
func freePath(ctx context.Context, path string) error {
	if abstract(path) {
		return nil
	}
	fi, err := os.Lstat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Mode()&os.ModeSocket == 0 {
		return errors.New("it exists and is not a socket, so socktour leaves it alone: give another path")
	}
	d := net.Dialer{Timeout: time.Second}
	c, err := d.DialContext(ctx, "unix", path)
	if err == nil {
		c.Close()
		return errors.New("a server is already listening there")
	}
	if !refused(err) {
		return err
	}
	return os.Remove(path) // a socket file left by a server that stopped
}

// serveUnix answers every client at path until ctx is done, each in its
// own goroutine (at most MaxClients at once), and removes the socket file
// it made when it stops.
func serveUnix(ctx context.Context, rec *trace.Recorder, path string, ready func(string)) error {
	if err := freePath(ctx, path); err != nil {
		return err
	}
	server := rec.Side("server")
	ln, err := server.ListenUnix(path, ServeBacklog)
	if err != nil {
		return err
	}
	if !abstract(path) {
		defer os.Remove(path)
	}
	ready(path)
	stop := context.AfterFunc(ctx, func() { ln.Stop() })
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, MaxClients)
	for {
		select {
		case busy <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			<-busy
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-busy }()
			unixHelloServer(conn)
			conn.Close()
		}()
	}
}

// lsMode writes a file's mode as ls -l does: "srwxr-xr-x" for a socket
// (Go's FileMode.String writes its type as a capital S).
func lsMode(m os.FileMode) string {
	s := m.String()
	if m&os.ModeSocket != 0 && strings.HasPrefix(s, "S") {
		s = "s" + s[1:]
	}
	return s
}
