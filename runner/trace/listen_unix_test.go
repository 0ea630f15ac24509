//go:build linux

package trace

import (
	"net"
	"syscall"
	"testing"
)

// TestListenRecordsEveryCall checks that a listener's calls are recorded
// one by one, SO_REUSEADDR's setsockopt included, and that the option
// really is set on the socket.
func TestListenRecordsEveryCall(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var ops []string
	for _, e := range rec.Events() {
		ops = append(ops, e.Op)
		if e.Op == "setsockopt" && (e.Vals["level"] != "SOL_SOCKET" ||
			e.Vals["option"] != "SO_REUSEADDR" || e.Vals["value"] != "1") {
			t.Errorf("setsockopt event %+v, want SOL_SOCKET SO_REUSEADDR 1", e)
		}
	}
	want := []string{"socket", "setsockopt", "bind", "listen"}
	if len(ops) != len(want) {
		t.Fatalf("recorded %v, want %v", ops, want)
	}
	for i := range want {
		if ops[i] != want[i] {
			t.Fatalf("recorded %v, want %v", ops, want)
		}
	}
	sc, ok := ln.ln.(syscall.Conn)
	if !ok {
		t.Fatal("listener has no file descriptor")
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	v := -1
	rc.Control(func(fd uintptr) {
		v, err = syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_REUSEADDR)
	})
	if err != nil || v != 1 {
		t.Errorf("SO_REUSEADDR on the listening socket: %d (%v), want 1", v, err)
	}
	if _, ok := ln.ln.(*net.TCPListener); !ok {
		t.Errorf("listener is a %T", ln.ln)
	}
}
