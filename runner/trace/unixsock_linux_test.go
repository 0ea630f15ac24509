//go:build linux

package trace

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// TestUnixSocketRecordedEndToEnd: a Unix stream listener and a client,
// each call recorded; the unnamed client shown as such; SO_PEERCRED names
// this very process; the file stays after close and a second bind to it
// fails with EADDRINUSE.
func TestUnixSocketRecordedEndToEnd(t *testing.T) {
	rec := NewRecorder()
	path := filepath.Join(t.TempDir(), "s.sock")
	ln, err := rec.Side("server").ListenUnix(path, 5)
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan *Conn, 1)
	go func() {
		c, _ := ln.Accept()
		accepted <- c
	}()
	c, err := rec.Side("client").DialUnix(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	a := <-accepted
	if a == nil {
		t.Fatal("accept failed")
	}
	if a.RemoteAddr() != Unnamed || c.LocalAddr() != Unnamed || a.LocalAddr() != path || c.RemoteAddr() != path {
		t.Errorf("addresses: server %q ⇄ %q, client %q ⇄ %q", a.LocalAddr(), a.RemoteAddr(), c.LocalAddr(), c.RemoteAddr())
	}
	pid, uid, _, err := a.PeerCred()
	if err != nil || pid != os.Getpid() || uid != os.Getuid() {
		t.Errorf("PeerCred = pid %d uid %d, %v; want %d %d", pid, uid, err, os.Getpid(), os.Getuid())
	}
	if _, err := c.Write([]byte("你好")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 16)
	if n, err := a.Read(buf); n != 6 || err != nil {
		t.Errorf("read %d, %v", n, err)
	}
	c.Close()
	a.Close()
	ln.Close()
	if fi, err := os.Stat(path); err != nil || fi.Mode()&os.ModeSocket == 0 {
		t.Errorf("after close: %v, %v; want the socket file left", fi, err)
	}
	if _, err := rec.Side("server").ListenUnix(path, 5); !errors.Is(err, syscall.EADDRINUSE) {
		t.Errorf("second bind: %v, want EADDRINUSE", err)
	}
	// Each side's calls in its own order: which side records first (the
	// client's connect or the server's accept) is the scheduler's choice.
	ops := map[string]string{}
	for _, e := range rec.Events() {
		ops[e.Side] += e.Op + " " + e.Key + ";"
	}
	want := map[string]string{
		"server": "socket unix;bind unix;listen ;accept ;note peer credentials;recv ;close ;close listener;socket unix;error ;",
		"client": "connect ;send ;close ;",
	}
	for side, w := range want {
		if ops[side] != w {
			t.Errorf("%s's events:\n%s\nwant\n%s", side, ops[side], w)
		}
	}
}

// TestAbstractNameLeavesNoFile: "@name" binds Linux's abstract namespace.
func TestAbstractNameLeavesNoFile(t *testing.T) {
	rec := NewRecorder()
	name := "@socktour-test-" + strconv.Itoa(os.Getpid())
	ln, err := rec.Side("server").ListenUnix(name, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c, err := rec.Side("client").DialUnix(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.LocalAddr() != name {
		t.Errorf("local %q, want %q", a.LocalAddr(), name)
	}
	if _, err := os.Stat(name[1:]); err == nil {
		t.Errorf("a file %s exists", name[1:])
	}
}
