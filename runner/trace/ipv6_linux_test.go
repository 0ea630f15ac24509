//go:build linux

package trace

import (
	"context"
	"errors"
	"strings"
	"syscall"
	"testing"
)

// TestListenV6OnlyRefusesIPv4: a listener on ::1 with IPV6_V6ONLY set
// records its setsockopt, refuses 127.0.0.1 and accepts ::1, whose
// sockaddr_in6 has flowinfo and scope id 0.
func TestListenV6OnlyRefusesIPv4(t *testing.T) {
	rec := NewRecorder()
	ln, err := rec.Side("server").ListenV6("[::1]:0", 5, true)
	if errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EAFNOSUPPORT) {
		t.Skip("no IPv6 here:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr()[strings.LastIndexByte(ln.Addr(), ':')+1:]
	if _, err := rec.Side("client").Dial(context.Background(), "127.0.0.1:"+port); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("dial 127.0.0.1: %v, want refused", err)
	}
	c, err := rec.Side("client").Dial(context.Background(), ln.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	host, p, flow, scope, err := a.Peer6()
	if err != nil || host != "::1" || p == 0 || flow != 0 || scope != 0 {
		t.Errorf("Peer6 = %s %d %d %d, %v", host, p, flow, scope, err)
	}
	var opts []string
	for _, e := range rec.Events() {
		if e.Op == "setsockopt" {
			opts = append(opts, e.Vals["option"]+"="+e.Vals["value"])
		}
	}
	if strings.Join(opts, " ") != "SO_REUSEADDR=1 IPV6_V6ONLY=1" {
		t.Errorf("setsockopts %v", opts)
	}
}
