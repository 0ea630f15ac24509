package trace

import (
	"bytes"

	"errors"
	"io"
	"net"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// pair returns both ends of a loopback connection, the reading end traced.
func pair(t testing.TB, rec *Recorder) (*Conn, net.Conn) {
	t.Helper()
	ln, err := rec.Side("server").Listen("127.0.0.1:0", 5)
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan *Conn, 1)
	go func() {
		c, _ := ln.Accept()
		accepted <- c
	}()
	raw, err := net.Dial("tcp", ln.Addr())
	if err != nil {
		t.Fatal(err)
	}
	c := <-accepted
	ln.Close()
	t.Cleanup(func() { c.Close(); raw.Close() })
	return c, raw
}

func TestRecordsReadsWithOffsetsAndEOF(t *testing.T) {
	rec := NewRecorder()
	c, raw := pair(t, rec)
	raw.Write([]byte("hello, world"))
	raw.Close()
	buf := make([]byte, 5)
	var got []byte
	for {
		n, err := c.Read(buf)
		got = append(got, buf[:n]...)
		if errors.Is(err, io.EOF) {
			break
		}
	}
	var reads []Event
	for _, e := range rec.Events() {
		if e.Op == "recv" {
			reads = append(reads, e)
		}
	}
	if string(got) != "hello, world" || len(reads) != 4 {
		t.Fatalf("got %q in %d reads", got, len(reads))
	}
	for i, want := range []struct {
		off  int64
		data string
	}{{0, "hello"}, {5, ", wor"}, {10, "ld"}, {12, ""}} {
		if reads[i].Off != want.off || string(reads[i].Hex) != want.data || reads[i].Size != 5 {
			t.Errorf("read %d: %+v, want %q at %d", i, reads[i], want.data, want.off)
		}
	}
	if !reads[3].EOF || reads[2].EOF {
		t.Error("EOF not on the last read only")
	}
}

func TestAbortUnblocksEveryCall(t *testing.T) {
	rec := NewRecorder()
	c, _ := pair(t, rec)
	done := make(chan error, 1)
	go func() {
		_, err := c.Read(make([]byte, 1))
		done <- err
	}()
	rec.Abort()
	if err := <-done; err == nil {
		t.Error("read returned no error after Abort")
	}
	if n := rec.OpenSockets(); n != 0 {
		t.Errorf("%d sockets open after Abort", n)
	}
}

// benchTransfer reads n bytes through a size-byte buffer with read.
func benchTransfer(b *testing.B, size int, wrap func(*Conn) io.Reader) {
	const n = 256 << 10
	data := bytes.Repeat([]byte("x"), n)
	buf := make([]byte, size)
	b.SetBytes(n)
	for b.Loop() {
		rec := NewRecorder()
		c, raw := pair(b, rec)
		go func() { raw.Write(data); raw.Close() }()
		r := wrap(c)
		for {
			if _, err := r.Read(buf); err != nil {
				break
			}
		}
	}
}

// BenchmarkTracing compares reading a loopback stream through the bare
// socket, through a Counter (what lesson 2's experiment uses) and through
// the recording Conn: the Counter must cost next to nothing, or the
// experiment's MB/s would measure socktour instead of the buffer size.
func BenchmarkTracing(b *testing.B) {
	for _, size := range []int{7, 1024} {
		b.Run("bare/"+itoa(size), func(b *testing.B) {
			benchTransfer(b, size, func(c *Conn) io.Reader { return c.c })
		})
		b.Run("counted/"+itoa(size), func(b *testing.B) {
			benchTransfer(b, size, func(c *Conn) io.Reader { return c.Counting() })
		})
		b.Run("recorded/"+itoa(size), func(b *testing.B) {
			benchTransfer(b, size, func(c *Conn) io.Reader { return c })
		})
	}
}

func itoa(n int) string {
	return string(bytes.TrimLeft([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}, "0"))
}
