package lessons

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// PrivateNetwork reports whether this machine's only network is its
// loopback: every interface is a loopback one, as inside a private
// network namespace (`unshare -rn`, with lo up). Only then does lesson 13
// bind 0.0.0.0 and ::, which everywhere else would open the server to
// every network the machine is on. Tests may replace it.
var PrivateNetwork = func() bool {
	ifs, err := net.Interfaces()
	if err != nil || len(ifs) == 0 {
		return false
	}
	for _, i := range ifs {
		if i.Flags&net.FlagLoopback == 0 {
			return false
		}
	}
	return true
}

// Localhost finds what the name localhost means on this machine: the
// lines of /etc/hosts that name it, and the addresses a lookup gives, in
// the order a client tries them. Tests may replace it, so that a golden
// transcript is the same on every machine.
var Localhost = func(ctx context.Context) (lines, addrs []string, err error) {
	if f, err := os.Open("/etc/hosts"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line, _, _ := strings.Cut(sc.Text(), "#")
			fields := strings.Fields(line)
			for _, name := range fields[min(1, len(fields)):] {
				if name == "localhost" {
					lines = append(lines, strings.Join(fields, " "))
					break
				}
			}
		}
		f.Close()
	}
	// getaddrinfo("localhost"): Go's resolver, as Python's asks the C
	// library, reads /etc/hosts first.
	addrs, err = net.DefaultResolver.LookupHost(ctx, "localhost")
	return lines, addrs, err
}

// anyAddress is the second scene: 0.0.0.0 and ::, every address of the
// machine. Bound live only where the machine has no network but its
// loopback; everywhere else explained, never bound.
func anyAddress(ctx context.Context, rec *trace.Recorder) error {
	tutor := rec.Side("tutor")
	if !PrivateNetwork() {
		tutor.Note("any address not bound")
		return nil
	}
	tutor.Note("private network")
	server, client := rec.Side("server"), rec.Side("client")
	// bind(("0.0.0.0", 0)): every IPv4 address, 127.0.0.2 too.
	ln, err := server.Listen("0.0.0.0:0", 5)
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(ln.Addr())
	served := acceptAndHangUp(ln)
	cerr := knock(ctx, client, "127.0.0.2:"+port)
	if cerr != nil {
		ln.Close()
	}
	if err := errors.Join(cerr, <-served); err != nil {
		return err
	}
	tutor.Note("every ipv4 address")
	// A dual-stack socket on ::, IPV6_V6ONLY off: IPv4 clients too.
	ln, err = server.ListenV6("[::]:0", 5, false)
	if err != nil {
		tutor.Note("no ipv6")
		return nil
	}
	_, port, _ = net.SplitHostPort(ln.Addr())
	dual := make(chan error, 1)
	go func() {
		dual <- serveOne(ln, func(conn *trace.Conn) error {
			// The client's address as the system gives it: IPv6.
			host, _, _, _, err := conn.Peer6()
			if errors.Is(err, trace.ErrLinuxOnly) {
				return nil // the address as the system gives it: Linux only
			}
			tutor.Note("dual stack", "addr", host, "go", conn.RemoteAddr())
			return err
		})
	}()
	cerr = knock(ctx, client, "127.0.0.1:"+port)
	if cerr != nil {
		ln.Close()
	}
	return errors.Join(cerr, <-dual)
}

// overIPv6 is the third scene: a server on ::1, IPv6's loopback. An IPv4
// client is refused; an IPv6 one gets lesson 1's exchange, and the
// server asks for the client's whole address, the four values Python's
// accept returns for AF_INET6.
func overIPv6(ctx context.Context, rec *trace.Recorder) error {
	server, client := rec.Side("server"), rec.Side("client")
	// socket(AF_INET6), IPV6_V6ONLY on, bind(("::1", 0)), listen(5).
	ln, err := server.ListenV6("[::1]:0", 5, true)
	if err != nil {
		// No IPv6 here: ::1 is not on this machine's loopback.
		rec.Side("tutor").Note("no ipv6")
		return nil
	}
	_, port, _ := net.SplitHostPort(ln.Addr())
	served := make(chan error, 1)
	go func() {
		served <- serveOne(ln, func(conn *trace.Conn) error {
			// Python: conn, (host, port, flowinfo, scope_id) = s.accept()
			conn.Peer6()
			return helloServer(conn)
		})
	}()
	// IPv4's loopback, the same port: nobody there.
	if err := knock(ctx, client, "127.0.0.1:"+port); err == nil {
		ln.Close()
		return errors.Join(errors.New("an IPv4 connect reached a server on ::1"), <-served)
	}
	cerr := helloClient(ctx, client, ln.Addr())
	if cerr != nil {
		ln.Close()
	}
	return errors.Join(cerr, <-served)
}

// dialEach connects to port at each of addrs in turn, and returns the
// first connection that succeeds: what Python's create_connection does
// with the addresses getaddrinfo gives (Go's net.Dial does the same).
func dialEach(ctx context.Context, me *trace.Side, addrs []string, port string) (*trace.Conn, error) {
	var errs []error
	for _, ip := range addrs {
		conn, err := me.Dial(ctx, net.JoinHostPort(ip, port))
		if err == nil {
			return conn, nil
		}
		// Refused (or unreachable) here: try the next address.
		errs = append(errs, err)
	}
	return nil, errors.Join(errs...)
}

// nameLocalhost is the fourth scene: the client is given the name
// localhost, not an address. What it means comes from /etc/hosts; the
// client tries each address it gives, and the server, on 127.0.0.1
// only, answers the one that is its own.
func nameLocalhost(ctx context.Context, rec *trace.Recorder) error {
	server, client := rec.Side("server"), rec.Side("client")
	lines, addrs, err := Localhost(ctx)
	client.Note("hosts", "text", strings.Join(lines, " · "), "lines", strings.Join(lines, " · "), "n", strconv.Itoa(len(lines)))
	if err != nil || len(addrs) == 0 {
		client.Note("localhost unresolved")
		return nil
	}
	client.Note("resolved", "text", strings.Join(addrs, " "), "host", "localhost", "addrs", strings.Join(addrs, " "), "n", strconv.Itoa(len(addrs)))
	ln, err := server.Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	_, port, _ := net.SplitHostPort(ln.Addr())
	served := acceptAndHangUp(ln)
	conn, cerr := dialEach(ctx, client, addrs, port)
	if cerr != nil {
		ln.Close()
		client.Note("localhost not served")
		return <-served
	}
	host, _, _ := net.SplitHostPort(conn.RemoteAddr())
	client.Note("dialled", "text", host, "addr", host)
	return errors.Join(conn.Close(), <-served)
}
