package lessons

import (
	"context"
	"io"
	"net"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

func init() { moreFacts[10] = lesson10 }

// parts splits a run's events at its tutor's "part-…" notes.
func parts(ev []trace.Event) map[string][]trace.Event {
	out := map[string][]trace.Event{}
	part := ""
	for _, e := range ev {
		if e.Side == "tutor" && e.Op == "note" && strings.HasPrefix(e.Key, "part-") {
			part = e.Key
			continue
		}
		out[part] = append(out[part], e)
	}
	return out
}

// errs lists side's failed calls of the given call, in order.
func errs(ev []trace.Event, side, call string) []trace.Event {
	var out []trace.Event
	for _, e := range calls(ev, side, "error") {
		if e.Call == call {
			out = append(out, e)
		}
	}
	return out
}

// note finds the first note keyed key.
func note(ev []trace.Event, key string) (trace.Event, bool) {
	for _, e := range ev {
		if e.Op == "note" && e.Key == key {
			return e, true
		}
	}
	return trace.Event{}, false
}

func lesson10(t *testing.T, ev []trace.Event) {
	p := parts(ev)
	for _, name := range []string{"part-refused", "part-in-use", "part-time-wait", "part-reset",
		"part-timeout", "part-no-such-name", "part-broken-pipe", "part-listening-socket"} {
		if len(p[name]) == 0 {
			t.Errorf("no %s in the run", name)
		}
	}
	t.Run("refused", func(t *testing.T) { refusedFacts(t, p["part-refused"]) })
	t.Run("in use", func(t *testing.T) { inUseFacts(t, p["part-in-use"]) })
	t.Run("time-wait", func(t *testing.T) { timeWaitFacts(t, p["part-time-wait"]) })
	t.Run("reset", func(t *testing.T) { resetFacts(t, p["part-reset"]) })
	t.Run("timeout", func(t *testing.T) { timeoutFacts(t, p["part-timeout"]) })
	t.Run("no such name", func(t *testing.T) { lookupFacts(t, p["part-no-such-name"]) })
	t.Run("broken pipe", func(t *testing.T) { brokenPipeFacts(t, p["part-broken-pipe"]) })
	t.Run("listening socket", func(t *testing.T) { listenerFacts(t, p["part-listening-socket"]) })
}

// refusedFacts: a connect refused where the server had stopped, then a
// connect to the same address once it is back, and lesson 1's exchange.
func refusedFacts(t *testing.T, ev []trace.Event) {
	ref := errs(ev, "client", "connect")
	if len(ref) != 1 || ref[0].Err != "connection refused" {
		t.Fatalf("refused connects: %+v, want one", ref)
	}
	lst := calls(ev, "server", "listen")
	if len(lst) != 2 || lst[0].Local != ref[0].Remote || lst[1].Local != ref[0].Remote {
		t.Errorf("listens %+v: want the stopped server and its restart on %s", lst, ref[0].Remote)
	}
	conn := calls(ev, "client", "connect")
	if len(conn) != 1 || conn[0].Remote != ref[0].Remote || conn[0].Seq < lst[1].Seq {
		t.Errorf("connects %+v: want one to %s, after the restart", conn, ref[0].Remote)
	}
	expectData(t, calls(ev, "client", "send"), []int{0}, "你好")
	if r := calls(ev, "client", "recv"); len(r) != 1 || string(r[0].Hex) != "欢迎" {
		t.Errorf("client recv %+v, want 欢迎", r)
	}
}

// inUseFacts: two more servers on a listening port fail at bind, the
// first with SO_REUSEADDR set, the second without.
func inUseFacts(t *testing.T, ev []trace.Event) {
	lst := calls(ev, "server", "listen")
	bad := errs(ev, "server", "bind")
	if len(lst) != 1 || len(bad) != 2 {
		t.Fatalf("listens %+v, failed binds %+v: want one listener, two failures", lst, bad)
	}
	for _, b := range bad {
		if b.Err != "address already in use" || b.Local != lst[0].Local {
			t.Errorf("bind %+v, want address already in use on %s", b, lst[0].Local)
		}
	}
	// Who set SO_REUSEADDR: the first listener and the second server.
	var opts []int
	for _, e := range calls(ev, "server", "setsockopt") {
		opts = append(opts, e.Seq)
	}
	if len(opts) != 2 || !(opts[0] < lst[0].Seq && opts[1] > lst[0].Seq && opts[1] < bad[0].Seq) {
		t.Errorf("setsockopt at %v: want the first server's and the second's, none for the third", opts)
	}
}

// timeWaitFacts: a server without SO_REUSEADDR ends first, its side is
// in TIME_WAIT, and a restart on its port fails; with SO_REUSEADDR on
// both, it binds; of the four combinations, three fail.
func timeWaitFacts(t *testing.T, ev []trace.Event) {
	lst := calls(ev, "server", "listen")
	bad := errs(ev, "server", "bind")
	if len(lst) != 3 || len(bad) != 1 {
		t.Fatalf("listens %+v, failed binds %+v", lst, bad)
	}
	if bad[0].Local != lst[0].Local || bad[0].Err != "address already in use" {
		t.Errorf("restart over TIME_WAIT: %+v, want address already in use on %s", bad[0], lst[0].Local)
	}
	if lst[2].Local != lst[1].Local {
		t.Errorf("restart with SO_REUSEADDR on both listened on %s, want %s", lst[2].Local, lst[1].Local)
	}
	// The server's FIN first: the client reads the end of the stream and
	// then closes; the server, shut down, then reads the client's FIN.
	// (Which of the two sides records first can vary; each side's own
	// order cannot.)
	sh := calls(ev, "server", "shutdown")
	sr := calls(ev, "server", "recv")
	cr := calls(ev, "client", "recv")
	cl := calls(ev, "client", "close")
	if len(sh) != 2 || len(sr) != 2 || len(cr) != 2 || len(cl) != 2 {
		t.Fatalf("shutdowns %d, server reads %d, client reads %d, client closes %d: want 2 each", len(sh), len(sr), len(cr), len(cl))
	}
	for i := range 2 {
		if !cr[i].EOF || cr[i].Seq > cl[i].Seq || !sr[i].EOF || sh[i].Seq > sr[i].Seq {
			t.Errorf("run %d: the server must shut down first and read the client's FIN after", i+1)
		}
	}
	if runtime.GOOS == "linux" {
		n := 0
		for _, e := range ev {
			if e.Key == "time-wait" && e.Vals["state"] == "TIME_WAIT" {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d notes saw TIME_WAIT, want 2", n)
		}
	}
	four, ok := note(ev, "four restarts")
	if !ok || four.Vals["failed"] != "3" || four.Vals["oldonnewon"] != "bound" ||
		four.Vals["oldonnewoff"] != "address already in use" || four.Vals["oldoffnewon"] != "address already in use" {
		t.Errorf("four restarts: %+v, want only old on, new on to bind", four.Vals)
	}
}

// resetFacts: the server reads 6 of 12 bytes, answers, closes with 6
// unread; the client, once the reset is in, still reads the answer
// first, then the reset, then the end of the stream.
func resetFacts(t *testing.T, ev []trace.Event) {
	expectData(t, calls(ev, "client", "send"), []int{0}, "你好再见")
	sr := calls(ev, "server", "recv")
	if len(sr) != 1 || sr[0].Size != 6 || string(sr[0].Hex) != "你好" {
		t.Errorf("server recv %+v, want recv(6) of 你好", sr)
	}
	cl := calls(ev, "server", "close")
	var unread trace.Event
	for _, c := range cl {
		if c.Key != "listener" {
			unread = c
		}
	}
	if unread.Unread != 6 {
		t.Errorf("server close %+v, want 6 bytes unread", unread)
	}
	r := calls(ev, "client", "recv")
	rst := errs(ev, "client", "recv")
	if len(r) != 2 || len(rst) != 1 {
		t.Fatalf("client recvs %+v, errors %+v", r, rst)
	}
	if string(r[0].Hex) != "欢迎" || r[0].Seq < unread.Seq {
		t.Errorf("first client recv %+v: want 欢迎, read after the server's close", r[0])
	}
	if rst[0].Err != "connection reset by peer" || rst[0].Seq < r[0].Seq {
		t.Errorf("reset %+v, want connection reset by peer after the answer", rst[0])
	}
	if !r[1].EOF || r[1].N != 0 || r[1].Seq < rst[0].Seq {
		t.Errorf("last recv %+v, want the end of the stream after the reset", r[1])
	}
}

// timeoutFacts: the read times out, and the same socket then sends and
// gets its answer.
func timeoutFacts(t *testing.T, ev []trace.Event) {
	to := errs(ev, "client", "recv")
	if len(to) != 1 || to[0].Err != "i/o timeout" {
		t.Fatalf("client errors %+v, want one i/o timeout", to)
	}
	s := calls(ev, "client", "send")
	r := calls(ev, "client", "recv")
	if len(s) != 1 || len(r) != 1 || s[0].Sock != to[0].Sock || r[0].Sock != to[0].Sock ||
		s[0].Seq < to[0].Seq || string(r[0].Hex) != "欢迎" {
		t.Errorf("after the timeout: sends %+v, recvs %+v, want 你好 and 欢迎 on the same socket", s, r)
	}
	if len(calls(ev, "server", "accept")) != 0 {
		t.Error("the server's calls are shown; the scene shows the client's only")
	}
}

// lookupFacts: socktour's DNS server got the query and answered
// NXDOMAIN; the lookup failed with no such host.
func lookupFacts(t *testing.T, ev []trace.Event) {
	q, ok := note(ev, "dns query")
	if !ok || q.Vals["text"] != "nosuch.invalid. A" {
		t.Errorf("dns query %+v, want nosuch.invalid. A", q)
	}
	if a, ok := note(ev, "dns answer"); !ok || a.Vals["text"] != "NXDOMAIN" {
		t.Errorf("dns answer %+v, want NXDOMAIN", a)
	}
	l := errs(ev, "client", "lookup")
	if len(l) != 1 || l[0].Err != "no such host" || l[0].Vals["host"] != NoSuchName {
		t.Errorf("lookup %+v, want no such host for %s", l, NoSuchName)
	}
	for _, e := range ev {
		if e.Op == "connect" || e.Op == "socket" {
			t.Errorf("a socket call in the lookup scene: %+v", e)
		}
	}
}

// brokenPipeFacts: after a FIN the first send succeeds and the next is
// a broken pipe; after a reset the first send is reset, the next broken.
func brokenPipeFacts(t *testing.T, ev []trace.Event) {
	r := calls(ev, "client", "recv")
	if len(r) != 1 || !r[0].EOF {
		t.Errorf("client recv %+v, want the end of the stream", r)
	}
	s := calls(ev, "client", "send")
	e := errs(ev, "client", "send")
	if len(s) != 2 || s[0].N != 6 || s[1].N != 12 || len(e) != 3 {
		t.Fatalf("sends %+v, failed sends %+v", s, e)
	}
	want := []struct {
		err   string
		after int
	}{{"broken pipe", s[0].Seq}, {"connection reset by peer", s[1].Seq}, {"broken pipe", s[1].Seq}}
	for i, w := range want {
		if e[i].Err != w.err || e[i].Seq < w.after {
			t.Errorf("failed send %d: %+v, want %s", i+1, e[i], w.err)
		}
	}
	if e[0].Sock != s[0].Sock || e[1].Sock != s[1].Sock {
		t.Error("the failures are not on the sockets that sent")
	}
	for _, c := range calls(ev, "server", "close") {
		if c.Key != "listener" && c.Unread != 0 && c.Unread != 6 {
			t.Errorf("server close %+v", c)
		}
	}
}

// listenerFacts: recv on the listening socket fails with ENOTCONN; recv
// on the accepted one gets 你好.
func listenerFacts(t *testing.T, ev []trace.Event) {
	lst := calls(ev, "server", "listen")
	bad := errs(ev, "server", "recv")
	if len(lst) != 1 || len(bad) != 1 || bad[0].Local != lst[0].Local || bad[0].Sock != lst[0].Sock ||
		bad[0].Err != "transport endpoint is not connected" || bad[0].Size != 1024 {
		t.Fatalf("listen %+v, failed recv %+v: want recv(1024) on the listening socket refused", lst, bad)
	}
	r := calls(ev, "server", "recv")
	if len(r) != 1 || string(r[0].Hex) != "你好" || r[0].Sock == lst[0].Sock {
		t.Errorf("server recv %+v, want 你好 on the accepted socket", r)
	}
}

// TestLesson10IsQuick: the whole lesson runs in well under a second (it
// waits on no network, and TIME_WAIT is shown, not waited out).
func TestLesson10IsQuick(t *testing.T) {
	start := time.Now()
	run(t, 10)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("lesson 10 took %v", d)
	}
}

// TestServe10SurvivesAnyClient: serve 10 answers as lesson 1's server
// does, after garbage, a reset and a silent client.
func TestServe10SurvivesAnyClient(t *testing.T) {
	addr, _ := startServe(t, 10)
	g := dial(t, addr)
	g.Write([]byte{0x00, 0xff, 0xfe, '\n'})
	if reply, _ := io.ReadAll(g); string(reply) != "欢迎" {
		t.Errorf("garbage got %q", reply)
	}
	r := dial(t, addr)
	r.SetLinger(0)
	r.Close()
	silent := dial(t, addr)
	hello(t, addr)
	silent.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("silent client read %v, want the server to close (EOF)", err)
	}
	hello(t, addr)
}

// TestClient10WaitsForTheServer: client 10, started before any server
// listens, connects once one does.
func TestClient10WaitsForTheServer(t *testing.T) {
	l, _ := Get(10)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	rec := trace.NewRecorder()
	refused := make(chan struct{})
	var once sync.Once
	rec.Live = func(e trace.Event) {
		if e.Op == "error" && e.Call == "connect" {
			once.Do(func() { close(refused) })
		}
	}
	done := make(chan error, 1)
	go func() { done <- l.Client(context.Background(), rec.Side("client"), addr) }()
	// Once the first refusal is recorded, start a server there.
	select {
	case <-refused:
	case err := <-done:
		t.Fatalf("client 10 ended before any refusal: %v", err)
	}
	srv, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	go func() {
		c, err := srv.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Read(make([]byte, 1024))
		c.Write([]byte("欢迎"))
	}()
	if err := <-done; err != nil {
		t.Fatalf("client 10: %v", err)
	}
	if n := len(errs(rec.Events(), "client", "connect")); n < 1 {
		t.Errorf("%d refusals recorded, want at least one", n)
	}
}

// TestIntroNamesEachScenesStep: the steps the intro gives for the scenes
// are where the run's part notes are (the tutor's notes are shown where
// they were made, so a note's place in the run is its step).
func TestIntroNamesEachScenesStep(t *testing.T) {
	intro := assets.Lesson(10).Section("intro")
	var want []int
	for _, m := range regexp.MustCompile(`\(step (\d+)\)`).FindAllStringSubmatch(intro, -1) {
		n, _ := strconv.Atoi(m[1])
		want = append(want, n)
	}
	var got []int
	for i, e := range run(t, 10) {
		if e.Side == "tutor" && strings.HasPrefix(e.Key, "part-") {
			got = append(got, i+1)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("the scenes begin at steps %v; the intro says %v", got, want)
	}
}
