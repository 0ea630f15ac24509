package relay

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// BenchmarkRelayThroughput sends 8 MiB through the relay to a server that
// discards it, recording every read as watch does: the cost of relaying
// and recording against the loopback's own speed.
func BenchmarkRelayThroughput(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { io.Copy(io.Discard, c); c.Close() }()
		}
	}()
	rec := trace.NewRecorder()
	rec.Discard = true
	rec.Live = func(trace.Event) {}
	addr, stop := startRelay(b, ln.Addr().String(), rec)
	defer stop()
	data := make([]byte, 8<<20)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			b.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(10 * time.Second))
		if _, err := c.Write(data); err != nil {
			b.Fatal(err)
		}
		c.(*net.TCPConn).CloseWrite()
		io.Copy(io.Discard, c) // until the relay passes the server's close on
		c.Close()
	}
}
