package trace

import (
	"bytes"
	"io"
	"net"
	"strconv"
	"testing"
)

// The benchmarks in this file open their connections once, before the
// timed loop, and make every call on them: a benchmark that dialled per
// iteration would fill the loopback's port range with TIME_WAIT sockets
// and measure bind and connect slowing down instead of the calls.

// message is a lesson-sized payload: what lessons 2 to 4 send.
var message = []byte("Socket Programming in Python")

// lessonEvents is how many events a benchmark of a lesson-scale recorder
// records before it starts a new recorder: as many as a lesson records
// (15 to 141 today; lesson 3, 27).
const lessonEvents = 32

// streamPair returns a loopback connection, its reading end traced,
// under a recorder of its own, kept for the whole benchmark.
func streamPair(b *testing.B) (*Conn, net.Conn) {
	b.Helper()
	return pair(b, NewRecorder())
}

// BenchmarkRecordedCall is the cost of one recorded call at lesson scale:
// a 28-byte read, each through the bare socket, a Counter and the
// recording Conn (a fresh recorder every lessonEvents calls, as in a
// lesson), and a 28-byte send the same three ways. The difference between
// bare and recorded is what recording adds to a call; B/op and allocs/op
// are what it keeps and allocates.
func BenchmarkRecordedCall(b *testing.B) {
	reads := []struct {
		name string
		read func(c *Conn, buf []byte) (int, error)
	}{
		{"bare", func(c *Conn, buf []byte) (int, error) { return c.c.Read(buf) }},
		{"counted", nil},
		{"recorded", (*Conn).Read},
	}
	for _, r := range reads {
		b.Run("recv/"+r.name, func(b *testing.B) {
			c, raw := streamPair(b)
			read := r.read
			if read == nil {
				k := c.Counting()
				read = func(_ *Conn, buf []byte) (int, error) { return k.Read(buf) }
			}
			buf := make([]byte, 1024)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i++; i%lessonEvents == 0 {
					c.HandTo(NewRecorder().Side("server"))
				}
				if _, err := raw.Write(message); err != nil {
					b.Fatal(err)
				}
				if n, err := read(c, buf); n != len(message) || err != nil {
					b.Fatalf("read %d, %v", n, err)
				}
			}
		})
	}
	writes := []struct {
		name  string
		write func(c *Conn, b []byte) (int, error)
	}{
		{"bare", func(c *Conn, b []byte) (int, error) { return c.c.Write(b) }},
		{"counted", nil},
		{"recorded", (*Conn).Write},
	}
	for _, w := range writes {
		b.Run("send/"+w.name, func(b *testing.B) {
			c, raw := streamPair(b)
			write := w.write
			if write == nil {
				k := c.Counting()
				write = func(_ *Conn, b []byte) (int, error) { return k.Write(b) }
			}
			buf := make([]byte, len(message))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if i++; i%lessonEvents == 0 {
					c.HandTo(NewRecorder().Side("server"))
				}
				if _, err := write(c, message); err != nil {
					b.Fatal(err)
				}
				if _, err := io.ReadFull(raw, buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLongStream is a recorded 28-byte read on a connection whose
// recorder already holds `before` events: the cost of a call must not
// grow with how long the stream has run (a relay, a live server).
func BenchmarkLongStream(b *testing.B) {
	for _, before := range []int{0, 100_000, 1_000_000} {
		b.Run("events-"+strconv.Itoa(before), func(b *testing.B) {
			c, raw := streamPair(b)
			rec := c.side.rec
			for i := range before {
				rec.Add(Event{Side: "server", Op: "recv", Sock: c.sock, N: len(message),
					Size: 1024, Off: int64(i * len(message)), Hex: bytes.Clone(message)})
			}
			buf := make([]byte, 1024)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := raw.Write(message); err != nil {
					b.Fatal(err)
				}
				if _, err := c.Read(buf); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCountedStream reads a long loopback stream through a 7-byte
// and a 1024-byte buffer, through the bare socket and through a Counter,
// on one connection for the whole benchmark: lesson 2's experiment must
// measure the buffer size, not socktour, so counted reads must cost what
// bare ones do. The writer keeps the stream full; each iteration is one
// read.
func BenchmarkCountedStream(b *testing.B) {
	for _, size := range []int{7, 1024} {
		for _, how := range []string{"bare", "counted"} {
			b.Run(how+"/"+strconv.Itoa(size), func(b *testing.B) {
				c, raw := streamPair(b)
				done := make(chan struct{})
				go func() { // keep the stream full until the reader is done
					defer close(done)
					chunk := bytes.Repeat([]byte("socket! "), 8<<10)
					for {
						if _, err := raw.Write(chunk); err != nil {
							return
						}
					}
				}()
				var r io.Reader = c.c
				if how == "counted" {
					r = c.Counting()
				}
				buf := make([]byte, size)
				b.ReportAllocs()
				for b.Loop() {
					if _, err := r.Read(buf); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				c.Close() // the writer's next write fails: it ends
				<-done
			})
		}
	}
}
