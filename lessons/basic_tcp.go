package lessons

import (
	"context"
	"errors"
	"io"

	"github.com/socktour/socktour/runner/trace"
)

// basicTCP is lesson 1: the client says 你好, the server answers 欢迎.
var basicTCP = &Lesson{
	Number:  1,
	Network: "tcp",
	Handle:  helloServer,
	Client:  helloClient,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		return runPair(ctx, rec, helloServer, helloClient)
	},
	Code: []string{"helloServer", "helloClient"},
}

// helloServer answers one client: it reads its greeting and replies.
func helloServer(conn *trace.Conn) error {
	// recv(1024): wait for the client's bytes, at most 1024 of them.
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	// Decode what this one read got. Here that is the whole greeting,
	// because 你好 is tiny and came in one send; a read may return only
	// part of a message (lessons 3 and 4), and a part may end inside a
	// character.
	conn.Note("decoded", "text", decode(buf[:n]))

	// Encode the reply as UTF-8 and send all of it.
	if _, err := conn.Write([]byte("欢迎")); err != nil {
		return err
	}
	// Hang up.
	return conn.Close()
}

// helloClient connects, says 你好 and reads the answer.
func helloClient(ctx context.Context, me *trace.Side, addr string) error {
	// connect(): the system picks our own port.
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	// Encode the greeting as UTF-8 and send all of it.
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	// recv(1024): the server's answer.
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	conn.Note("decoded", "text", decode(buf[:n]))
	return conn.Close()
}
