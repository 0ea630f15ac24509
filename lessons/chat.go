package lessons

import (
	"context"
	"errors"
	"io"

	"github.com/socktour/socktour/runner/trace"
)

// chat is lesson 8: both sides talk at once, each with a reader and a
// writer of its own, and the client ends its side with a half-close.
var chat = &Lesson{
	Number:  8,
	Network: "tcp",
	Handle: func(conn *trace.Conn) error {
		// `serve 8`: 欢迎 and 不错呦 for every client, at once.
		return chatServer(conn, "欢迎", typed("不错呦"), func(string) {})
	},
	Client: func(ctx context.Context, me *trace.Side, addr string) error {
		// `client 8`: 你好, then exit once the server has said something.
		u := newChatUser()
		return chatClient(ctx, me, addr, "你好", u.keys, u.saw)
	},
	Run:  runChat,
	Code: []string{"chatServer", "chatClient", "sendTyped", "readAndPrint"},
}

func init() { register(chat) }

// lastWords is what the server says once the client has finished.
const lastWords = "再见"

// chatServer talks with one client: it greets it, then a writer
// goroutine sends what the user types while this goroutine prints
// whatever the client says. Once the client has ended its side, the
// server says its last words and closes.
func chatServer(conn *trace.Conn, greeting string, keys <-chan string, screen func(string)) error {
	// Greet at once, without waiting for the client to speak first.
	if _, err := conn.Write([]byte(greeting)); err != nil {
		return err
	}
	// The writer, in a goroutine of its own (the tutorial's second
	// thread): send each line the user types, whatever the client
	// does meanwhile. Its calls show as "server sends". It goes
	// on even after the client's half-close (no gone channel): the
	// client still listens.
	typing := make(chan error, 1)
	go func() { typing <- sendTyped(conn.WritesAs("sends"), keys, nil) }()

	// The reader, at the same time: print each message until the
	// client ends its side of the stream (a 0-byte read).
	err := readAndPrint(conn, screen)
	// Wait until the user has typed all they had to say.
	if werr := <-typing; err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	// The client sends no more, but it still listens: our side of the
	// connection is open. Say goodbye, then close it.
	if _, err := conn.Write([]byte(lastWords)); err != nil {
		return err
	}
	return conn.Close()
}

// chatClient connects and talks with the server: it greets it, then a
// writer goroutine sends what the user types, exit last, while this
// goroutine prints what the server says until the server closes.
func chatClient(ctx context.Context, me *trace.Side, addr, greeting string, keys <-chan string, screen func(string)) error {
	conn, err := me.Dial(ctx, addr)
	if err != nil {
		return err
	}
	defer conn.Close()

	// Greet at once: the server's greeting may be crossing ours.
	if _, err := conn.Write([]byte(greeting)); err != nil {
		return err
	}

	// The writer, in a goroutine of its own: send each line the user
	// types; after exit, shut down the sending side. Its calls show as
	// "client sends".
	gone := make(chan struct{})
	typing := make(chan error, 1)
	go func() { typing <- sendTyped(conn.WritesAs("sends"), keys, gone) }()

	// The reader: print what the server says, until it ends its side.
	// It goes on after our shutdown: the server's half is still open.
	err = readAndPrint(conn, screen)
	close(gone)
	if werr := <-typing; err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	// Both directions have ended: close the socket.
	return conn.Close()
}

// sendTyped is each side's writer: it sends every line the user types.
// After exit it shuts down the sending side, shutdown(SHUT_WR), and stops:
// the peer's next read finds the end of the stream, and this side can
// still read what the peer says. It also stops when gone closes (the
// peer has hung up); a nil gone never closes.
func sendTyped(w *trace.Writer, keys <-chan string, gone <-chan struct{}) error {
	for {
		select {
		case line, ok := <-keys:
			if !ok {
				return nil // the user typed nothing more
			}
			if _, err := w.Write([]byte(line)); err != nil {
				return err
			}
			if line == "exit" {
				// shutdown(SHUT_WR), not close(): close would end
				// both directions, and the peer's last words would
				// meet a closed socket.
				return w.CloseWrite()
			}
		case <-gone:
			return nil // the peer has ended its side: nobody to talk to
		}
	}
}

// readAndPrint is each side's reader: recv(1024) in a loop, printing
// each message as it comes, until a 0-byte read says the peer has ended
// its side of the stream.
func readAndPrint(conn *trace.Conn, screen func(string)) error {
	buf := make([]byte, 1024)
	for {
		n, err := conn.Read(buf)
		if n > 0 {
			// One read is not one message: two sends can arrive in
			// one read (lesson 12). Here each read holds one.
			msg := decode(buf[:n])
			conn.Note("printed", "text", msg)
			screen(msg)
		}
		if errors.Is(err, io.EOF) {
			return nil // the peer's FIN: it will send no more
		}
		if err != nil {
			return err
		}
	}
}
