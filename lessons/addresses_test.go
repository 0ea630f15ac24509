package lessons

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/socktour/socktour/runner/trace"
)

func init() {
	moreFacts[13] = func(t *testing.T, ev []trace.Event) {
		var parts []string
		for _, e := range ev {
			if e.Side == "tutor" && strings.HasPrefix(e.Key, "part-") {
				parts = append(parts, e.Key)
			}
		}
		if got := strings.Join(parts, " "); got != "part-bind-address part-any-address part-ipv6 part-localhost part-unix" {
			t.Errorf("parts: %s", got)
		}
		addressesBindAddressDecides(t, ev)
		addressesIPv6(t, ev)
		addressesLocalhost(t, ev)
		addressesUnixSocket(t, ev)
	}
}

// runAddresses runs lesson 13 and returns its events.
func runAddresses(t *testing.T) []trace.Event {
	t.Helper()
	rec := trace.NewRecorder()
	if err := addresses.Run(context.Background(), rec); err != nil {
		t.Fatal(err)
	}
	if n := rec.OpenSockets(); n != 0 {
		t.Errorf("%d sockets left open", n)
	}
	return rec.Events()
}

// inPart returns the events of one part of a run.
func inPart(events []trace.Event, part string) []trace.Event {
	var out []trace.Event
	in := false
	for _, e := range events {
		if e.Side == "tutor" && strings.HasPrefix(e.Key, "part-") {
			in = e.Key == part
			continue
		}
		if in {
			out = append(out, e)
		}
	}
	return out
}

func TestAddressesBindAddressDecides(t *testing.T) { addressesBindAddressDecides(t, runAddresses(t)) }

func addressesBindAddressDecides(t *testing.T, ev []trace.Event) {
	var got []string
	for _, e := range inPart(ev, "part-bind-address") {
		switch {
		case e.Op == "bind":
			got = append(got, "bind "+strings.Split(e.Local, ":")[0])
		case e.Op == "error" && e.Call == "connect":
			got = append(got, "refused "+strings.Split(e.Remote, ":")[0]+" "+e.Err)
		case e.Op == "connect":
			got = append(got, "connected "+strings.Split(e.Remote, ":")[0])
		}
	}
	want := "bind 127.0.0.1|refused 127.0.0.2 connection refused|connected 127.0.0.1|" +
		"bind 127.0.0.2|refused 127.0.0.1 connection refused|connected 127.0.0.2"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
	}
}

func TestAddressesIPv6(t *testing.T) { addressesIPv6(t, runAddresses(t)) }

func addressesIPv6(t *testing.T, ev []trace.Event) {
	part := inPart(ev, "part-ipv6")
	if len(part) > 0 && part[0].Key == "no ipv6" {
		t.Log("no IPv6 here")
		return
	}
	var refused, accepted, tuple, hello bool
	for _, e := range part {
		switch {
		case e.Op == "setsockopt" && e.Vals["option"] == "IPV6_V6ONLY" && e.Vals["value"] != "1":
			t.Errorf("IPV6_V6ONLY = %s", e.Vals["value"])
		case e.Op == "error" && e.Call == "connect" && strings.HasPrefix(e.Remote, "127.0.0.1:"):
			refused = true
		case e.Op == "accept" && strings.HasPrefix(e.Remote, "[::1]:") && strings.HasPrefix(e.Local, "[::1]:"):
			accepted = true
		case e.Key == "sockaddr_in6":
			tuple = e.Vals["host"] == "::1" && e.Vals["flowinfo"] == "0" && e.Vals["scope_id"] == "0" &&
				strings.HasSuffix(e.Remote, ":"+e.Vals["port"])
		case e.Op == "recv" && e.Side == "server":
			hello = string(e.Hex) == "你好" && e.Size == 1024
		}
	}
	if !refused || !accepted || !tuple || !hello {
		t.Errorf("refused %v, accepted ::1 %v, 4-tuple %v, 你好 read %v", refused, accepted, tuple, hello)
	}
}

func TestAddressesLocalhost(t *testing.T) { addressesLocalhost(t, runAddresses(t)) }

func addressesLocalhost(t *testing.T, ev []trace.Event) {
	part := inPart(ev, "part-localhost")
	_, addrs, err := Localhost(context.Background())
	if err != nil {
		t.Log("localhost does not resolve here")
		return
	}
	var resolved, dialled string
	var connects []string
	for _, e := range part {
		switch {
		case e.Key == "resolved":
			resolved = e.Vals["addrs"]
		case e.Key == "dialled":
			dialled = e.Vals["addr"]
		case e.Op == "connect" || (e.Op == "error" && e.Call == "connect"):
			connects = append(connects, e.Op+" "+e.Remote)
		}
	}
	if resolved != strings.Join(addrs, " ") {
		t.Errorf("resolved %q, lookup says %q", resolved, addrs)
	}
	// Every address before 127.0.0.1 was tried and failed; 127.0.0.1 connected.
	if dialled != "127.0.0.1" || !strings.HasPrefix(connects[len(connects)-1], "connect 127.0.0.1:") {
		t.Errorf("dialled %q, connects %v", dialled, connects)
	}
}

func TestAddressesUnixSocket(t *testing.T) { addressesUnixSocket(t, runAddresses(t)) }

func addressesUnixSocket(t *testing.T, ev []trace.Event) {
	part := inPart(ev, "part-unix")
	var path string
	var steps []string
	for _, e := range part {
		switch {
		case e.Op == "bind" && path == "":
			path = e.Local
			steps = append(steps, "bind")
		case e.Key == "peer credentials":
			if e.Vals["pid"] != strconv.Itoa(os.Getpid()) || e.Vals["uid"] != strconv.Itoa(os.Getuid()) {
				t.Errorf("peer credentials %v, this process is pid %d uid %d", e.Vals, os.Getpid(), os.Getuid())
			}
			steps = append(steps, "peercred")
		case e.Op == "recv" && e.Side == "server":
			steps = append(steps, "server read "+string(e.Hex))
		case e.Op == "recv" && e.Side == "client":
			steps = append(steps, "client read "+string(e.Hex))
		case e.Key == "file left", e.Key == "removed":
			steps = append(steps, e.Key)
		case e.Op == "error" && e.Call == "bind":
			steps = append(steps, "rebind "+e.Err)
		case e.Op == "bind" && strings.HasPrefix(e.Local, "@"):
			steps = append(steps, "abstract")
		case e.Key == "no file":
			steps = append(steps, "files "+e.Vals["files"])
		}
	}
	want := "bind|peercred|server read 你好|client read 欢迎|file left|rebind address already in use|removed|abstract|files 0"
	if strings.Join(steps, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(steps, "|"), want)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s still there after the run", path)
	}
}

// TestAddressesNeverBindsEverywhere: on a machine with a network, the
// run binds loopback addresses and private paths only.
func TestAddressesNeverBindsEverywhere(t *testing.T) {
	if PrivateNetwork() {
		t.Skip("a private network: 0.0.0.0 reaches nothing but loopback here")
	}
	for _, e := range runAddresses(t) {
		if e.Op != "bind" && e.Op != "listen" {
			continue
		}
		ok := strings.HasPrefix(e.Local, "127.0.0.") || strings.HasPrefix(e.Local, "[::1]:") ||
			strings.HasPrefix(e.Local, os.TempDir()) || strings.HasPrefix(e.Local, "@socktour-13-")
		if !ok {
			t.Errorf("%s %s", e.Op, e.Local)
		}
	}
}
