package lessons

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/socktour/socktour/runner/trace"
)

// runHTTP is lesson 11's run: the tutorial's request, the right one,
// the same page sent in chunks, then the well-known ports. The server is
// net/http's own, on a traced listener.
//
// This is plumbing around the lesson code: a learner would have a web
// server running already and write only the client.
func runHTTP(ctx context.Context, rec *trace.Recorder) error {
	tutor := rec.Side("tutor")
	me := rec.Side("client")
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	closed := make(chan struct{}, 1)
	stop, _ := startHTTP(ln.NetListener(), closed)
	// Each request in turn, the next once the server has closed the
	// connection of the one before (its close recorded).
	for _, part := range []struct{ note, request string }{
		{"", tutorialRequest},
		{"part-right", rightRequest("/")},
		{"part-chunked", rightRequest("/chunked")},
	} {
		if part.note != "" {
			tutor.Note(part.note)
		}
		if err = fetch(ctx, me, ln.Addr(), part.request, true); err != nil {
			break
		}
		select {
		case <-closed:
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err != nil {
			break
		}
	}
	if serr := stop(); err == nil {
		err = serr
	}
	if err != nil {
		return err
	}
	tutor.Note("part-ports", wellKnownPorts()...)
	return nil
}

// httpMux routes lesson 11's two pages.
func httpMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/", servePage)
	mux.HandleFunc("/chunked", servePageInChunks)
	return stamped(mux)
}

// stamped sets the Date header that net/http would add itself, from
// Now: the same bytes, from a clock a test can fix.
func stamped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", Now().UTC().Format(http.TimeFormat))
		h.ServeHTTP(w, r)
	})
}

// startHTTP serves lesson 11's pages with net/http's Server on ln and
// returns the function that stops it: it closes the listener and every
// connection, and returns once each connection's goroutine is done.
// closed, when not nil, is told of each connection the server has closed;
// ended is closed when the server stops serving, for whatever reason.
func startHTTP(ln net.Listener, closed chan<- struct{}) (stop func() error, ended <-chan struct{}) {
	var conns sync.WaitGroup
	srv := &http.Server{
		Handler:  httpMux(),
		ErrorLog: log.New(io.Discard, "", 0), // nothing may print over the player
		ConnState: func(c net.Conn, s http.ConnState) {
			switch s {
			case http.StateNew:
				conns.Add(1)
			case http.StateClosed, http.StateHijacked:
				if closed != nil {
					select {
					case closed <- struct{}{}:
					default:
					}
				}
				conns.Done()
			}
		},
	}
	served := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		served <- srv.Serve(ln)
		close(done)
	}()
	return func() error {
		srv.Close()
		err := <-served
		conns.Wait()
		// Closed by srv.Close, or under it by the recorder's Abort.
		if errors.Is(err, http.ErrServerClosed) || errors.Is(err, net.ErrClosed) {
			return nil
		}
		return err
	}, done
}

// serveHTTP is `serve 11`: net/http's server with lesson 11's pages on
// addr until ctx is done, at most MaxClients connections at once.
func serveHTTP(ctx context.Context, rec *trace.Recorder, addr string, ready func(string)) error {
	ln, err := rec.Side("server").Listen(addr, ServeBacklog)
	if err != nil {
		return err
	}
	ready(ln.Addr())
	stop, ended := startHTTP(&limitListener{ln: ln, busy: make(chan struct{}, MaxClients)}, nil)
	select {
	case <-ctx.Done():
	case <-ended:
	}
	return stop()
}

// limitListener accepts at most cap(busy) connections at once; one more
// is closed at once, so that a flood cannot exhaust the server.
type limitListener struct {
	ln   *trace.Listener
	busy chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.ln.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.busy <- struct{}{}:
			return &released{Conn: conn.NetConn(), busy: l.busy}, nil
		default:
			conn.Note("busy", "clients", strconv.Itoa(cap(l.busy)))
			conn.Close()
		}
	}
}

func (l *limitListener) Close() error   { return l.ln.Close() }
func (l *limitListener) Addr() net.Addr { return l.ln.NetListener().Addr() }

// released is a connection that frees its place when closed.
type released struct {
	net.Conn
	busy chan struct{}
	once sync.Once
}

func (r *released) Close() error {
	err := r.Conn.Close()
	r.once.Do(func() { <-r.busy })
	return err
}

// CloseWrite keeps the half-close that net/http looks for.
func (r *released) CloseWrite() error { return r.Conn.(trace.CloseWriter).CloseWrite() }

// wellKnownPorts are the ports of the common services, as this machine's
// services database (/etc/services) names them, and the lowest port an
// unprivileged program may bind on Linux: name, value pairs for a note.
func wellKnownPorts() []string {
	var vals []string
	for _, s := range []struct{ key, name string }{
		{"ftpdata", "ftp-data"}, {"ftp", "ftp"}, {"ssh", "ssh"}, {"telnet", "telnet"},
		{"smtp", "smtp"}, {"dns", "domain"}, {"http", "http"}, {"https", "https"},
	} {
		port := "?"
		if p, err := net.LookupPort("tcp", s.name); err == nil {
			port = strconv.Itoa(p)
		}
		vals = append(vals, s.key, port)
	}
	start := "1024"
	if b, err := os.ReadFile("/proc/sys/net/ipv4/ip_unprivileged_port_start"); err == nil {
		start = strings.TrimSpace(string(b))
	}
	return append(vals, "unprivileged", start)
}
