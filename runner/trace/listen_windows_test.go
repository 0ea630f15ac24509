package trace

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
)

// TestListenOnWindowsRecordsWhatGoCalls checks that a listener on
// Windows records socket, bind and listen, with no setsockopt (Go sets
// none there), the port the system picked, and the backlog Go really
// passed, SOMAXCONN, rather than the lesson's; and that it does listen.
func TestListenOnWindowsRecordsWhatGoCalls(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	evs := rec.Events()
	var ops []string
	for _, e := range evs {
		ops = append(ops, e.Op)
	}
	if strings.Join(ops, " ") != "socket bind listen" {
		t.Fatalf("recorded %v, want [socket bind listen]", ops)
	}
	bind, listen := evs[1], evs[2]
	if bind.Local != ln.Addr() || strings.HasSuffix(bind.Local, ":0") {
		t.Errorf("bind(%s), want the address bound, %s", bind.Local, ln.Addr())
	}
	if listen.Size != syscall.SOMAXCONN || listen.Vals["backlog"] != "SOMAXCONN" || listen.Vals["asked"] != "5" {
		t.Errorf("listen event %+v, want size %d, backlog SOMAXCONN, asked 5", listen, syscall.SOMAXCONN)
	}
	for _, e := range evs {
		if e.Sock != evs[0].Sock || e.Side != "server" {
			t.Errorf("event %+v: want server's socket %d", e, evs[0].Sock)
		}
	}
	accepted := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err == nil {
			c.Close()
		}
		accepted <- err
	}()
	c, err := net.Dial("tcp", ln.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := <-accepted; err != nil {
		t.Errorf("accept: %v", err)
	}
}

// TestListenOnWindowsNamesTheFailedCall: a second listener on a port in
// use fails at bind (Go sets no SO_REUSEADDR on Windows), after a socket
// that was made.
func TestListenOnWindowsNamesTheFailedCall(t *testing.T) {
	rec := NewRecorder()
	first, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	again := NewRecorder()
	ln, err := again.Side("server").Listen(first.Addr(), 5)
	if err == nil {
		ln.Close()
		t.Fatalf("a second listener on %s", first.Addr())
	}
	if !errors.Is(err, wsaeAddrInUse) {
		t.Errorf("error %v, want WSAEADDRINUSE", err)
	}
	evs := again.Events()
	if len(evs) != 2 || evs[0].Op != "socket" || evs[1].Op != "error" || evs[1].Call != "bind" {
		t.Fatalf("recorded %+v, want socket then a failed bind", evs)
	}
	if evs[1].Err == "" {
		t.Error("the failed bind has no words from the system")
	}
}

// wsaeAddrInUse is Winsock's WSAEADDRINUSE (winerror.h): Go's
// syscall.EADDRINUSE is a number of its own on Windows, not this one.
const wsaeAddrInUse = syscall.Errno(10048)
