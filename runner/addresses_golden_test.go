package runner

import (
	"context"
	"net"
	"regexp"
	"strconv"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/trace"
)

// Lesson 13 shows facts of the machine it runs on: whether its only
// network is loopback, what /etc/hosts says of localhost. Its golden
// transcript pins them, so that it is the same on every machine: a
// machine with a network, where localhost is 127.0.0.1 (the lessons'
// own tests check the live facts).
func init() {
	lessons.PrivateNetwork = func() bool { return false }
	lessons.Localhost = func(context.Context) ([]string, []string, error) {
		return []string{"127.0.0.1 localhost"}, []string{"127.0.0.1"}, nil
	}
}

// runDir is the private temporary directory of a run of lesson 13, and
// abstractName its abstract socket names, both of which change each run.
var (
	runDir       = regexp.MustCompile(`[^ ]*socktour-13-[0-9]+(/|$)`)
	abstractName = regexp.MustCompile(`^@socktour-13-[0-9]+-[0-9]+$`)
)

// goldenAddr is the n-th address of a golden transcript in place of a:
// the same host with port n ([::1]:40003, 127.0.0.2:40004), or for a
// Unix socket the same path in a fixed directory.
func goldenAddr(a string, n int) string {
	host, _, err := net.SplitHostPort(a)
	switch {
	case err == nil:
		return net.JoinHostPort(host, strconv.Itoa(n))
	case abstractName.MatchString(a):
		return "@socktour-13-1-1"
	}
	return runDir.ReplaceAllString(a, "/tmp/socktour-13-1$1")
}

// goldenVals fixes the values of a note that change from run to run and
// machine to machine: process and user ids, a peer's port, and run
// directories.
func goldenVals(e *trace.Event) {
	if e.Key == "peer credentials" {
		e.Vals["pid"], e.Vals["uid"], e.Vals["gid"] = "4242", "1000", "1000"
		e.Vals["text"] = "pid 4242, uid 1000, gid 1000"
	}
	if e.Key == "sockaddr_in6" {
		_, port, _ := net.SplitHostPort(e.Remote) // already the golden one
		e.Vals["port"] = port
		e.Vals["text"] = "('" + e.Vals["host"] + "', " + port + ", " + e.Vals["flowinfo"] + ", " + e.Vals["scope_id"] + ")"
	}
	for k, v := range e.Vals {
		e.Vals[k] = runDir.ReplaceAllString(v, "/tmp/socktour-13-1$1")
	}
}
