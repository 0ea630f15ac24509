package lessons

import (
	"context"
	"errors"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// framework is lesson 9: a server framework, the timestamp echo. The
// framework listens, accepts and loops; the lesson writes only the
// handler.
var framework = &Lesson{
	Number:  9,
	Network: "tcp",
	Handle:  timestampEcho,
	Client: func(ctx context.Context, me *trace.Side, addr string) error {
		_, err := timestampClient(ctx, me, addr, nil)
		return err
	},
	ServeFunc:    serveTimestamps,
	NameHandlers: true,
	Run:          runFramework,
	Code:         []string{"timestampEcho", "ServeForever", "timestampClient", "impatientClient", "waitForBoth"},
}

func init() { register(framework) }

// Now is the clock of the timestamps lesson 9's handler writes and of the
// Date lesson 11's server sends: time.Now, except in a test that needs
// the same transcript every run.
var Now = time.Now

// timestampRequests are what lesson 9's client sends, one at a time.
var timestampRequests = []string{"hello python", "hello pythontab"}

// Server is a small server framework, the Go shape of Python's
// socketserver.ThreadingTCPServer (and of net/http's Server): it owns
// listen, accept and the loop, and gives each connection to Handler in a
// goroutine of its own. The learner writes only the Handler.
type Server struct {
	// Rec names each connection's handler: "handler 1", "handler 2"…
	Rec *trace.Recorder
	// Handler serves one connection, as a socketserver handler's handle()
	// does; the framework closes the connection when it returns.
	Handler func(conn *trace.Conn) error
	// Setup, when set, runs before Handler, as socketserver's setup().
	Setup func(conn *trace.Conn) error

	handlers int
}

// ServeForever accepts connections on ln until ln is closed, each served
// by Handler in its own goroutine, then waits for the handlers to finish:
// socketserver's serve_forever. At most MaxClients are served at once; one
// more is closed at once, so that a flood cannot exhaust the server.
func (s *Server) ServeForever(ln *trace.Listener) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	busy := make(chan struct{}, MaxClients)
	for {
		// accept(): the next client, in the order they connected.
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
		if err != nil {
			continue // recorded; the next client may fare better
		}
		select {
		case busy <- struct{}{}:
		default:
			conn.Note("busy", "clients", strconv.Itoa(MaxClients))
			conn.Close()
			continue
		}
		// A handler of its own, in a goroutine of its own (a thread in
		// ThreadingTCPServer); the loop goes straight back to accept.
		s.handlers++
		conn.HandTo(s.Rec.Side("handler " + strconv.Itoa(s.handlers)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-busy }()
			defer conn.Close()
			if s.Setup != nil && s.Setup(conn) != nil {
				return
			}
			s.Handler(conn)
		}()
	}
}

// timestampEcho is the handler, the one part the learner writes: it
// answers each request with the time, in C's ctime form, and the request.
func timestampEcho(conn *trace.Conn) error {
	buf := make([]byte, 1024)
	for {
		// recv(1024): the next request, or b'' when the client is done.
		n, err := conn.Read(buf)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		// The answer: "Thu Sep 15 23:53:31 2016 hello python". Go's
		// time.ANSIC is ctime's layout; the request is decoded to text
		// first (formatting the bytes themselves gives b'hello python').
		answer := Now().Format(time.ANSIC) + " " + decode(buf[:n])
		if _, err := conn.Write([]byte(answer)); err != nil {
			return err
		}
	}
}

// timestampClient sends lesson 9's timestampRequests on one connection, each only
// once the answer to the one before has come, and returns the answers.
// connected, when not nil, is closed once the connection is made.
func timestampClient(ctx context.Context, me *trace.Side, addr string, connected chan<- struct{}) ([]string, error) {
	conn, err := me.Dial(ctx, addr)
	if connected != nil {
		close(connected)
	}
	if err != nil {
		return nil, err
	}
	defer conn.Close()

	var answers []string
	buf := make([]byte, 1024)
	for _, request := range timestampRequests {
		if _, err := conn.Write([]byte(request)); err != nil {
			return answers, err
		}
		// recv(1024): wait for this answer before sending the next
		// request. That wait is what keeps the timestampRequests apart.
		n, err := conn.Read(buf)
		if n == 0 {
			return answers, errors.Join(errNoAnswer, err)
		}
		answers = append(answers, decode(buf[:n]))
		conn.Note("decoded", "text", decode(buf[:n]))
	}
	return answers, conn.Close()
}

// waitForBoth is the setup of the impatient client's handler: before
// the handler reads, wait until both requests are in the receive buffer
// (ioctl FIONREAD), so that its recv finds them together for certain.
// Without it they meet in one read only when the handler is slower than
// the second send.
func waitForBoth(conn *trace.Conn) error {
	_, err := conn.WaitUnread(len(timestampRequests[0]) + len(timestampRequests[1]))
	return err
}

// errNoAnswer: the server hung up instead of answering.
var errNoAnswer = errors.New("the server closed the connection without an answer")

// impatientClient sends both timestampRequests at once, without waiting for an
// answer in between, then reads.
func impatientClient(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, request := range timestampRequests {
		if _, err := conn.Write([]byte(request)); err != nil {
			return err
		}
	}
	// recv(1024): it expects two answers.
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if n == 0 {
		return errors.Join(errNoAnswer, err)
	}
	conn.Note("decoded", "text", decode(buf[:n]))
	return conn.Close()
}
