package lessons

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// runFramework is lesson 9's run: two clients at once, each served by
// its own handler; the tutorial's bytes formatting; then a client that
// does not wait between its requests.
//
// This is plumbing around the lesson code: a learner would start the
// server and each client as programs of their own.
func runFramework(ctx context.Context, rec *trace.Recorder) error {
	tutor := rec.Side("tutor")
	srv := &Server{Rec: rec, Handler: timestampEcho}
	answers, err := twoAtOnce(ctx, rec, srv)
	if err != nil {
		return err
	}
	// The tutorial formats the received bytes, not the decoded text.
	stamp := answers[0][:len(time.ANSIC)]
	tutor.Note("bytes-bug", "ours", answers[0],
		"theirs", stamp+" "+pyBytes([]byte(timestampRequests[0])), "stamp", stamp)

	tutor.Note("part-impatient")
	srv.Setup = waitForBoth
	return onOwnServer(ctx, rec, srv, func(addr string) error {
		return impatientClient(ctx, rec.Side("client 3"), addr)
	})
}

// twoAtOnce serves client 1 and client 2 at the same time and returns
// client 1's answers.
func twoAtOnce(ctx context.Context, rec *trace.Recorder, srv *Server) ([]string, error) {
	var answers [2][]string
	var errs [2]error
	// Both clients are connected before either is answered: the handlers'
	// setup waits for it, so client 1 cannot be done and gone before
	// client 2 even connects, however the scheduler runs them.
	both := make(chan struct{})
	srv.Setup = func(*trace.Conn) error {
		select {
		case <-both:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	defer func() { srv.Setup = nil }()
	err := onOwnServer(ctx, rec, srv, func(addr string) error {
		var wg sync.WaitGroup
		for i := range 2 {
			connected := make(chan struct{})
			wg.Add(1)
			go func() {
				defer wg.Done()
				answers[i], errs[i] = timestampClient(ctx, rec.Side(fmt.Sprintf("client %d", i+1)), addr, connected)
			}()
			<-connected // in the backlog in order: handler 1 is client 1's
		}
		close(both)
		wg.Wait()
		return errors.Join(errs[0], errs[1])
	})
	if err == nil && len(answers[0]) != len(timestampRequests) {
		err = fmt.Errorf("client 1 got %d answers", len(answers[0]))
	}
	return answers[0], err
}

// onOwnServer runs srv on a fresh loopback port (backlog 5, as the
// tutorial) while clients runs against it, then stops it and waits for
// its handlers.
func onOwnServer(ctx context.Context, rec *trace.Recorder, srv *Server, clients func(addr string) error) error {
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.ServeForever(ln) }()
	cerr := clients(ln.Addr())
	ln.Close()
	return errors.Join(cerr, <-served)
}

// serveTimestamps is `serve 9`: the framework, serving the timestamp
// echo on addr until ctx is done.
func serveTimestamps(ctx context.Context, rec *trace.Recorder, addr string, ready func(string)) error {
	ln, err := rec.Side("server").Listen(addr, ServeBacklog)
	if err != nil {
		return err
	}
	ready(ln.Addr())
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	return (&Server{Rec: rec, Handler: timestampEcho}).ServeForever(ln)
}

// pyBytes writes b as Python's repr of a bytes object does: b'hello'.
func pyBytes(b []byte) string {
	quote := byte('\'')
	if strings.IndexByte(string(b), '\'') >= 0 && strings.IndexByte(string(b), '"') < 0 {
		quote = '"'
	}
	var s strings.Builder
	s.WriteString("b" + string(quote))
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			s.WriteString("\\" + string(c))
		case c == '\t':
			s.WriteString(`\t`)
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\r':
			s.WriteString(`\r`)
		case c < ' ' || c >= 0x7f:
			s.WriteString(`\x` + fmt.Sprintf("%02x", c))
		default:
			s.WriteByte(c)
		}
	}
	s.WriteByte(quote)
	return s.String()
}
