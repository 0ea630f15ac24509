package lessons

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// BulkBudget is how long lesson 2's experiment reads through each buffer
// size. Like a Go benchmark, which runs its loop b.N times and raises b.N
// until the loop lasts long enough, the experiment sizes its transfer to
// the machine: a short one first, then one sized from its pace to last
// about BulkBudget. Long enough for a figure close to what the machine
// can do, short enough for the whole lesson to run in well under 150 ms.
var BulkBudget = 25 * time.Millisecond

// bulkChunk is the size of the one buffer lesson 2's server sends from,
// over and over: built once, before any timing starts.
const bulkChunk = 256 << 10

// bulkMax bounds one transfer of the experiment, whatever the pace.
const bulkMax = 1 << 30

// bulkRun is what one transfer of the experiment measured: reads made,
// bytes read, and how long the reads took.
type bulkRun struct {
	calls int
	bytes int64
	took  time.Duration
}

// measureBulk is lesson 2's experiment for one buffer size: transfers
// through a size-byte buffer, each sized from the pace of the one before,
// until one lasts at least half of BulkBudget; that one is recorded. The
// first moves 1024 bufferfuls (at most 4 MiB): a millisecond or two.
func measureBulk(ctx context.Context, rec *trace.Recorder, size int, payload []byte) error {
	n := min(1024*size, 4<<20)
	for {
		var got bulkRun
		if err := runQuietPair(ctx, rec, sendBulk(n, payload), readAll(size, &got)); err != nil {
			return err
		}
		if got.took >= BulkBudget/2 || n >= bulkMax {
			rec.Side("client").Measure("bulk", size, got.calls, got.bytes, got.took)
			return nil
		}
		n = nextBulk(n, got.took)
	}
}

// nextBulk is how many bytes should take BulkBudget, at the pace of n
// bytes in took: at most 100 times n (a first transfer slowed by its
// start says little), at most bulkMax, rounded to two significant
// digits so that the figure reads well.
func nextBulk(n int, took time.Duration) int {
	next := float64(n) * float64(BulkBudget) / float64(max(took, time.Microsecond))
	next = min(next, 100*float64(n), bulkMax)
	unit := math.Pow(10, math.Floor(math.Log10(next))-1)
	return max(int(math.Round(next/unit)*unit), n+1)
}

// bulkPayload is the server's buffer for lesson 2's experiment.
func bulkPayload() []byte {
	return bytes.Repeat([]byte("socket! "), bulkChunk/8)
}

// sendBulk returns a server that sends n bytes, from payload again and
// again, and hangs up. Its calls are counted, not recorded one by one.
func sendBulk(n int, payload []byte) func(*trace.Conn) error {
	return func(conn *trace.Conn) error {
		counted := conn.Counting()
		// sendall of the same buffer until n bytes are sent.
		for sent := 0; sent < n; {
			k, err := counted.Write(payload[:min(len(payload), n-sent)])
			sent += k
			if err != nil {
				return err
			}
		}
		return conn.Close()
	}
}

// readAll returns a client that reads to the end with a size-byte buffer,
// timing the reads and counting them into got.
func readAll(size int, got *bulkRun) func(context.Context, *trace.Side, string) error {
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
		*got = bulkRun{counted.Calls, counted.Bytes, time.Since(start)}
		return conn.Close()
	}
}
