package lessons

import (
	"context"
	"errors"
	"io"

	"github.com/socktour/socktour/runner/trace"
)

// loopingReceive is lesson 4: read 7 bytes at a time until the end.
var loopingReceive = &Lesson{
	Number:  4,
	Network: "tcp",
	Handle:  tellAndHangUp(message),
	Client:  readUntilClosed,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		return runPair(ctx, rec, tellAndHangUp(message), readUntilClosed)
	},
	Code: []string{"tellAndHangUp", "waitForHangUp", "readUntilClosed"},
}

// readUntilClosed reads 7 bytes at a time until the server closes.
func readUntilClosed(ctx context.Context, me *trace.Side, addr string) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	var whole []byte
	buf := make([]byte, 7)
	for {
		// recv(7): up to 7 more bytes.
		n, err := conn.Read(buf)
		whole = append(whole, buf[:n]...)
		// 0 bytes means the end of the stream: the server closed, so
		// the message is complete. Without this check the loop would
		// never end.
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	// Decode once, after the whole message is in.
	conn.Note("decoded", "text", decode(whole))
	return conn.Close()
}
