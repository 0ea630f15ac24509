package lessons

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// Silence is how long lesson 6's slow client stays silent once the
// other clients have said hello. It only has to stand out from the other
// clients' waits, which are well under a millisecond when nothing holds
// them up (TestSilenceStandsOut checks the gap over many runs).
var Silence = 40 * time.Millisecond

// threading is lesson 6: a goroutine per connection.
var threading = &Lesson{
	Number:       6,
	Network:      "tcp",
	Handle:       helloServer,
	Client:       helloClient,
	NameHandlers: true,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		tutor.Note("part-one-at-a-time")
		slow1, waits1, err := crowd(ctx, rec, serveOneAtATime)
		if err != nil {
			return err
		}
		tutor.Note("part-concurrent")
		slow2, waits2, err := crowd(ctx, rec, serveEachInItsOwnGoroutine)
		if err != nil {
			return err
		}
		tutor.Note("compare",
			"slow", ms(slow1), "one2", ms(waits1[0]), "one3", ms(waits1[1]),
			"slowc", ms(slow2), "each2", ms(waits2[0]), "each3", ms(waits2[1]))
		return nil
	},
	Code: []string{"serveOneAtATime", "serveEachInItsOwnGoroutine", "helloServer", "silentClient", "timedHello"},
}

// serveOneAtATime accepts a connection, serves it to the end, and only
// then accepts the next: the classic first server.
func serveOneAtATime(rec *trace.Recorder, ln *trace.Listener, clients int) error {
	for range clients {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		// The next client waits in the backlog until this one is done.
		helloServer(conn)
		conn.Close()
	}
	return ln.Close()
}

// serveEachInItsOwnGoroutine hands every connection to a goroutine of its
// own and goes straight back to accept.
func serveEachInItsOwnGoroutine(rec *trace.Recorder, ln *trace.Listener, clients int) error {
	var wg sync.WaitGroup
	for i := range clients {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		// Name the handler, then let it run on its own.
		conn.HandTo(rec.Side("handler " + strconv.Itoa(i+1)))
		wg.Add(1)
		go func() {
			defer wg.Done()
			helloServer(conn)
			conn.Close()
		}()
	}
	// All expected clients are in: stop listening, let the handlers finish.
	err := ln.Close()
	wg.Wait()
	return err
}

// silentClient connects, says nothing until the others have said hello
// and for a while after, then says hello itself.
func silentClient(ctx context.Context, me *trace.Side, addr string, connected chan<- struct{}, othersSpoke <-chan struct{}) error {
	conn, err := me.Dial(ctx, addr)
	close(connected)
	if err != nil {
		return err
	}
	defer conn.Close()
	silent := time.Now()
	// Connected, and silent: the server's read waits on us.
	select {
	case <-othersSpoke:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-time.After(Silence):
	case <-ctx.Done():
		return ctx.Err()
	}
	me.Note("says nothing for", "ms", ms(time.Since(silent)))
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	buf := make([]byte, 1024)
	if _, err := conn.Read(buf); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return conn.Close()
}

// timedHello connects, says hello and measures how long the answer took
// to come; said is closed once the hello is sent.
func timedHello(ctx context.Context, me *trace.Side, addr string, connected, said chan<- struct{}) (time.Duration, error) {
	start := time.Now()
	conn, err := me.Dial(ctx, addr)
	close(connected)
	if err != nil {
		close(said)
		return 0, err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("你好"))
	close(said)
	if err != nil {
		return 0, err
	}
	// The answer comes when the server gets round to us.
	buf := make([]byte, 1024)
	if _, err := conn.Read(buf); err != nil && !errors.Is(err, io.EOF) {
		return 0, err
	}
	waited := time.Since(start)
	me.Note("waited", "ms", ms(waited))
	return waited, conn.Close()
}

// crowd runs a silent client, then two prompt ones, against serve on a
// fresh port, and returns how long each waited for its answer.
func crowd(ctx context.Context, rec *trace.Recorder,
	serve func(*trace.Recorder, *trace.Listener, int) error) (time.Duration, [2]time.Duration, error) {
	var waits [2]time.Duration
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		return 0, waits, err
	}
	served := make(chan error, 1)
	go func() { served <- serve(rec, ln, 3) }()

	start := time.Now()
	connected := make(chan struct{})
	othersSpoke := make(chan struct{})
	slow := make(chan error, 1)
	go func() { slow <- silentClient(ctx, rec.Side("client 1"), ln.Addr(), connected, othersSpoke) }()
	<-connected // the silent client is in first
	errs := make([]error, 2)
	said := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Add(1)
		connected := make(chan struct{})
		go func() {
			defer wg.Done()
			waits[i], errs[i] = timedHello(ctx, rec.Side(fmt.Sprintf("client %d", i+2)), ln.Addr(), connected, said[i])
		}()
		<-connected // in the backlog in order: 2, then 3
	}
	<-said[0]
	<-said[1]
	close(othersSpoke) // client 1's silence now holds up whoever it can
	wg.Wait()
	err = errors.Join(<-slow, errs[0], errs[1])
	slowTook := time.Since(start)
	if err != nil {
		ln.Close()
	}
	if serr := <-served; err == nil && serr != nil && !errors.Is(serr, net.ErrClosed) {
		err = serr
	}
	return slowTook, waits, err
}

// ms writes a duration in milliseconds, to a tenth.
func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
}
