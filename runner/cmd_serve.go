package runner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// serveTimeout is how long `serve` waits on a silent client.
const serveTimeout = 10 * time.Second

// serve runs lesson N's server alone until Ctrl-C, showing each client's
// traffic as it happens.
func serve(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("serve")
	port := fs.Int("port", 0, "port to listen on; 0 lets the system pick")
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
	r := &render.Renderer{Width: io.width(), Pal: render.NewPalette(io.color(fs.noColor))}
	out := newLive(io.Out, r, l.Number)
	rec := trace.NewRecorder()
	rec.Timeout, rec.Live, rec.Discard, rec.Elide = serveTimeout, out.event, true, true
	stop := context.AfterFunc(ctx, rec.Abort)
	defer stop()

	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
	err = l.Serve(ctx, rec, addr, func(addr string) {
		out.start("listening on "+addr,
			fmt.Sprintf("%s: serving every client until Ctrl-C.", r.Title(l.Number)))
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
	host := fs.String("host", "127.0.0.1", "the server's host")
	port := fs.Int("port", 0, "the server's port")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "client")
	if err != nil {
		return err
	}
	if *port < 1 || *port > 65535 {
		return usagef("client: --port must name the server's port, 1 to 65535")
	}
	r := &render.Renderer{Width: io.width(), Pal: render.NewPalette(io.color(fs.noColor))}
	out := newLive(io.Out, r, l.Number)
	rec := trace.NewRecorder()
	rec.Live = out.event
	stop := context.AfterFunc(ctx, rec.Abort)
	defer stop()

	addr := net.JoinHostPort(*host, strconv.Itoa(*port))
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
