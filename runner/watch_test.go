package runner

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/recording"
)

// background runs socktour with args until stop is called, and returns
// the first line it printed and a function that stops it and returns its
// exit code and the rest of its output.
func background(t *testing.T, args ...string) (first string, stop func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := ioPipe()
	o := &IO{In: strings.NewReader(""), Out: pw, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, args, o); pw.Close() }()
	lines := bufio.NewScanner(pr)
	if !lines.Scan() {
		cancel()
		t.Fatalf("%v printed nothing: %s", args, o.Err)
	}
	first = lines.Text()
	var rest strings.Builder
	read := make(chan struct{})
	go func() {
		defer close(read)
		for lines.Scan() {
			rest.WriteString(lines.Text() + "\n")
		}
	}()
	return first, func() (int, string) {
		cancel()
		code := <-done
		<-read
		return code, rest.String()
	}
}

var addrRE = regexp.MustCompile(`127\.0\.0\.1:(\d+)`)

// TestWatchRelaysLessonSevenAndRecords puts socktour watch between
// lesson 7's server and client, as an instructor would put it between
// two Python programs, and replays what it recorded.
func TestWatchRelaysLessonSevenAndRecords(t *testing.T) {
	first, stopServe := background(t, "serve", "7")
	serverPort := addrRE.FindStringSubmatch(first)[1]
	file := filepath.Join(t.TempDir(), "watch.rec")
	heading, stopWatch := background(t, "watch", "--listen", "0", "--to", serverPort, "--record", file)
	m := addrRE.FindAllStringSubmatch(heading, -1)
	if len(m) != 2 || m[1][1] != serverPort {
		t.Fatalf("watch heading %q", heading)
	}
	code, out, stderr := cli(t, "client", "7", "--port", m[0][1])
	if code != 0 || !strings.Contains(out, "'2': 'Server'") {
		t.Errorf("client through the relay: exit %d %s\n%s", code, stderr, out)
	}
	code, watched := stopWatch()
	if code != 130 {
		t.Errorf("watch stopped with exit %d, want 130", code)
	}
	stopServe()
	for _, want := range []string{"client 1: connect() via the relay", "server 1: accept() from the relay", "the sizes shown are the relay's own reads", "Connection 1 is over: 0 bytes from the client to the server, 37 bytes"} {
		if !strings.Contains(strings.Join(strings.Fields(watched), " "), want) {
			t.Errorf("watch output lacks %q:\n%s", want, watched)
		}
	}

	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := recording.Read(context.Background(), f, file)
	if err != nil {
		t.Fatal(err)
	}
	var got []byte
	for _, e := range rec.Events {
		if e.Op == "send" && e.Side == "server 1" {
			got = append(got, e.Hex...)
		}
	}
	if want := `27        {"1":"Client","2":"Server"}`; string(got) != want {
		t.Errorf("recorded %q, want %q", got, want)
	}
	if rec.Header.Watch != "127.0.0.1:"+m[0][1]+" → 127.0.0.1:"+serverPort {
		t.Errorf("header names %q", rec.Header.Watch)
	}
	code, replayed, stderr := cli(t, "replay", file)
	if code != 0 || !strings.HasPrefix(replayed, "Watched: 127.0.0.1:") || !strings.Contains(replayed, "server 1 → client 1 bytes 0..") {
		t.Errorf("replay: exit %d %s\n%s", code, stderr, replayed)
	}
}

func TestWatchMistakes(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, busy, _ := net.SplitHostPort(ln.Addr().String())
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"watch", "--listen", "0"}, 2, "watch needs --to"},
		{[]string{"watch", "--to", "nowhere"}, 2, `--to must be HOST:PORT or PORT`},
		{[]string{"watch", "--to", "127.0.0.1:99999"}, 2, `--to must be HOST:PORT or PORT`},
		{[]string{"watch", "--listen", "-1", "--to", "80"}, 2, "--listen must be a port"},
		{[]string{"watch", "--listen", busy, "--to", "80"}, 1, "cannot listen on 127.0.0.1:" + busy + ": the port is already in use"},
		{[]string{"watch", "--listen", busy, "--to", "localhost:" + busy}, 1, "cannot listen on"},
	} {
		code, _, stderr := cli(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.want) || strings.Count(stderr, "\n") > 2 {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", c.args, code, stderr, c.code, c.want)
		}
	}
}

// TestWatchRecordsTheEdgesOfLargeReads relays 8 MiB: the recording keeps
// of each large read its edges and the count of the rest, and its replay
// says how many bytes were not kept.
func TestWatchRecordsTheEdgesOfLargeReads(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	const total = 8 << 20
	served := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			served <- err
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		_, err = c.Write(bytes.Repeat([]byte("0123456789abcdef"), total/16))
		served <- err
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	file := filepath.Join(t.TempDir(), "big.rec")
	heading, stopWatch := background(t, "watch", "--listen", "0", "--to", port, "--record", file, "--no-hex")
	c, err := net.DialTimeout("tcp", addrRE.FindString(heading), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	n, err := io.Copy(io.Discard, c)
	c.Close()
	if err != nil || n != total {
		t.Fatalf("%d bytes through the relay: %v", n, err)
	}
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	if code, _ := stopWatch(); code != 130 {
		t.Errorf("watch stopped with exit %d", code)
	}
	st, err := os.Stat(file)
	if err != nil || st.Size() > total/20 {
		t.Fatalf("8 MiB relayed, a recording of %v bytes: %v", st.Size(), err)
	}
	code, replayed, stderr := cli(t, "replay", file, "--no-hex")
	if code != 0 || !strings.Contains(replayed, " bytes not kept …") {
		t.Errorf("replay: exit %d %s\n%.2000s", code, stderr, replayed)
	}
}
