package lessons

import (
	"bytes"
	"context"
	"errors"
	"io"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// BulkSize is how many bytes lesson 2's experiment sends per buffer size.
var BulkSize = 1 << 20

// sendBulk returns a server that sends n bytes in one sendall and hangs up.
// Its calls are counted, not recorded one by one.
func sendBulk(n int) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		data := bytes.Repeat([]byte("socket! "), n/8+1)[:n]
		if _, err := conn.Counting().Write(data); err != nil {
			return err
		}
		return conn.Close()
	}
}

// readAll returns a client that reads to the end with a size-byte buffer,
// timing the reads and counting them.
func readAll(size int) func(context.Context, *trace.Side, string) error {
	return func(ctx context.Context, me *trace.Side, addr string) error {
		conn, err := me.Dial(ctx, addr)
		if err != nil {
			return err
		}
		defer conn.Close()

		counted := conn.Counting()
		buf := make([]byte, size)
		start := time.Now()
		for {
			_, err := counted.Read(buf)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
		}
		elapsed := time.Since(start)
		me.Measure("bulk", size, counted.Calls, counted.Bytes, elapsed)
		return conn.Close()
	}
}
