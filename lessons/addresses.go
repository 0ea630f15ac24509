package lessons

import (
	"context"
	"errors"
	"net"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// addresses is lesson 13: what a bind address decides, who can connect.
// Each scene is a part of its own: 127.0.0.1 against 127.0.0.2, the
// address of every interface, IPv6 on ::1, the name localhost, and a Unix
// domain socket, a path instead of an address and a port.
var addresses = &Lesson{
	Number:  13,
	Network: "tcp",
	Handle:  helloServer,
	Client:  familyClient,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		scenes := []struct {
			part string
			run  func(context.Context, *trace.Recorder) error
		}{
			{"part-bind-address", bindAddressDecides},
			{"part-any-address", anyAddress},
			{"part-ipv6", overIPv6},
			{"part-localhost", nameLocalhost},
			{"part-unix", overUnixSocket},
		}
		for _, s := range scenes {
			tutor.Note(s.part)
			if err := s.run(ctx, rec); err != nil {
				return err
			}
		}
		return nil
	},
	ServeFunc: serveFamilies,
	Code: []string{"knock", "bindAddressDecides", "overIPv6", "dialEach",
		"unixHelloServer", "unixHelloClient", "overUnixSocket"},
}

func init() { register(addresses) }

// TakesFamilies reports whether `serve N` and `client N` also speak over
// a Unix domain socket (--unix PATH) and over ::1 (--ipv6): lesson 13's
// do, with lesson 1's exchange.
func (l *Lesson) TakesFamilies() bool { return l == addresses }

// UnixAddr is how `serve` and `client` pass a Unix socket's path as an
// address: "unix:" then the path.
const UnixAddr = "unix:"

// knock connects to addr and hangs up at once: enough to see whether
// anyone answers there.
func knock(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// acceptAndHangUp is a server that accepts one client, stops listening
// and hangs up.
func acceptAndHangUp(ln *trace.Listener) <-chan error {
	served := make(chan error, 1)
	go func() { served <- serveOne(ln, func(*trace.Conn) error { return nil }) }()
	return served
}

// bindAddressDecides is the first scene: a server bound to 127.0.0.1 is
// not there for a client that dials 127.0.0.2, though both addresses are
// this machine's loopback; bound to 127.0.0.2, the reverse.
func bindAddressDecides(ctx context.Context, rec *trace.Recorder) error {
	server, client := rec.Side("server"), rec.Side("client")
	for _, pair := range [][2]string{{"127.0.0.1", "127.0.0.2"}, {"127.0.0.2", "127.0.0.1"}} {
		bound, other := pair[0], pair[1]
		// bind(("127.0.0.1", 0)): this address only.
		ln, err := server.Listen(bound+":0", 5)
		if err != nil {
			// Off Linux, 127.0.0.2 may not be this machine's at all.
			rec.Side("tutor").Note("no 127.0.0.2")
			return nil
		}
		_, port, _ := net.SplitHostPort(ln.Addr())
		served := acceptAndHangUp(ln)
		// The same port on the other loopback address: refused.
		if err := knock(ctx, client, net.JoinHostPort(other, port)); err == nil {
			ln.Close()
			return errors.Join(errors.New("a connect to "+other+" got through"), <-served)
		}
		// The address the server bound: accepted.
		cerr := knock(ctx, client, ln.Addr())
		if cerr != nil {
			ln.Close()
		}
		if err := errors.Join(cerr, <-served); err != nil {
			return err
		}
	}
	return nil
}

// familyClient is `client 13`: lesson 1's client, over a Unix domain
// socket when addr is "unix:PATH", else over TCP (IPv4 or IPv6).
func familyClient(ctx context.Context, me *trace.Side, addr string) error {
	if path, ok := strings.CutPrefix(addr, UnixAddr); ok {
		return unixHelloClient(ctx, me, path)
	}
	return helloClient(ctx, me, addr)
}
