package runner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
	"time"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/capture"
	"github.com/socktour/socktour/runner/trace"
)

// serveTimeout is how long `serve` waits on a silent client.
const serveTimeout = 10 * time.Second

// serve runs lesson N's server alone until Ctrl-C, showing each client's
// traffic as it happens.
func serve(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("serve")
	port := fs.Int("port", 0, "port to listen on; 0 lets the system pick")
	unixPath := fs.String("unix", "", "lesson 13: serve over a Unix domain socket at this path")
	ipv6 := fs.Bool("ipv6", false, "lesson 13: listen on ::1, IPv6's loopback")
	packets := fs.Bool("packets", false, "show the packets of the served connections (host loopback, CAP_NET_RAW)")
	pcap := fs.String("pcap", "", "write the served connections' packets to this pcap file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "serve")
	if err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usagef("serve: --port must be 0 to 65535, not %d", *port)
	}
	if err := familyFlags("serve", l, *unixPath, *ipv6); err != nil {
		return err
	}
	r := io.renderer(fs.noColor, false)
	out := newLive(io.Out, r, l.Number)
	rec := trace.NewRecorder()
	rec.Timeout, rec.Live, rec.Discard, rec.Elide = serveTimeout, out.event, true, true
	stop := context.AfterFunc(ctx, rec.Abort)
	defer stop()

	addr := net.JoinHostPort(loopback(*ipv6), strconv.Itoa(*port))
	if *unixPath != "" {
		addr = lessons.UnixAddr + *unixPath
	}
	var wire *capture.Wire
	if (*packets || *pcap != "") && *unixPath == "" { // a Unix socket's bytes cross no loopback
		// The clients are outside programs: the host's loopback, or one
		// sentence and no packets.
		wire, _, _ = beginCapture(ctx, io, "serve", args,
			capture.Request{Events: *packets, Pcap: *pcap, Outside: true})
		defer wire.Close()
	}
	stopPackets := func() {}
	defer func() { stopPackets() }()
	err = l.Serve(ctx, rec, addr, func(addr string) {
		out.start("listening on "+addr,
			fmt.Sprintf("%s: serving every client until Ctrl-C.", r.Title(l.Number)))
		stopPackets = streamPackets(io, wire, out, addr, nil, portOf(addr))
	})
	if ctx.Err() != nil {
		return errInterrupted
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		return fmt.Errorf("cannot listen on %s: the port is already in use", addr)
	}
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %s", addr, trace.SysWords(err))
	}
	return nil
}

// client runs lesson N's client once against a server already listening.
func client(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("client")
	host := fs.String("host", "", "the server's host (127.0.0.1, or ::1 with --ipv6)")
	port := fs.Int("port", 0, "the server's port")
	unixPath := fs.String("unix", "", "lesson 13: connect to a Unix domain socket at this path")
	ipv6 := fs.Bool("ipv6", false, "lesson 13: connect to ::1, IPv6's loopback")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "client")
	if err != nil {
		return err
	}
	if err := familyFlags("client", l, *unixPath, *ipv6); err != nil {
		return err
	}
	if *host == "" {
		*host = loopback(*ipv6)
	}
	if *unixPath == "" && (*port < 1 || *port > 65535) {
		return usagef("client: --port must name the server's port, 1 to 65535")
	}
	r := io.renderer(fs.noColor, false)
	out := newLive(io.Out, r, l.Number)
	rec := trace.NewRecorder()
	rec.Live = out.event
	stop := context.AfterFunc(ctx, rec.Abort)
	defer stop()

	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
	if *unixPath != "" {
		addr = lessons.UnixAddr + *unixPath
	}
	out.start(fmt.Sprintf("%s: the client, against %s", r.Title(l.Number), addr))
	err = l.Client(ctx, rec.Side("client"), addr)
	switch {
	case ctx.Err() != nil:
		return errInterrupted
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Errorf("nothing is listening on %s (connection refused)", addr)
	case err != nil:
		return fmt.Errorf("lesson %d's client failed against %s: %s", l.Number, addr, trace.SysWords(err))
	}
	return nil
}

// familyFlags checks --unix and --ipv6 of serve and client: lesson 13's
// only, and not both at once.
func familyFlags(cmd string, l *lessons.Lesson, unixPath string, ipv6 bool) error {
	if unixPath == "" && !ipv6 {
		return nil
	}
	if !l.TakesFamilies() {
		return usagef("%s: --unix and --ipv6 are lesson 13's; lesson %d speaks TCP on 127.0.0.1", cmd, l.Number)
	}
	if unixPath != "" && ipv6 {
		return usagef("%s: --unix and --ipv6 are two different sockets: give one", cmd)
	}
	return nil
}

// loopback is the address serve and client use: 127.0.0.1, or ::1.
func loopback(ipv6 bool) string {
	if ipv6 {
		return "::1"
	}
	return "127.0.0.1"
}
