package lessons

import (
	"context"
	"sync"

	"github.com/socktour/socktour/runner/trace"
)

// The people at the keyboards of lesson 8. They are plumbing around the
// lesson code, not part of it: in the tutorial a person types each line
// (input()) and reads what the reader thread prints.

// typed is a keyboard on which lines were typed before anything came:
// `serve 8`'s user, who greets every client at once.
func typed(lines ...string) <-chan string {
	keys := make(chan string, len(lines))
	for _, l := range lines {
		keys <- l
	}
	close(keys)
	return keys
}

// chatUser types exit once it has read something: `client 8`'s user,
// whose exit then cannot arrive stuck to its greeting, whatever server it
// talks to.
type chatUser struct {
	keys chan string
	once sync.Once
}

func newChatUser() *chatUser {
	return &chatUser{keys: make(chan string, 1)}
}

// saw is its screen: the first message read makes it type exit.
func (u *chatUser) saw(string) {
	u.once.Do(func() {
		u.keys <- "exit"
		close(u.keys)
	})
}

// runChat is the lesson: a client and a server chat, and their users
// take turns the way two people do, each typing once they have read the
// other's words. The sockets impose no turns (the greetings cross on the
// wire); the turns only make every run the same, one message per read:
// lesson 12 shows what happens when two messages meet in one read.
func runChat(ctx context.Context, rec *trace.Recorder) error {
	clientKeys, serverKeys := make(chan string, 2), make(chan string, 2)
	clientSaw, serverSaw := make(chan string, 8), make(chan string, 8)
	screen := func(saw chan<- string) func(string) {
		return func(msg string) {
			select {
			case saw <- msg:
			default:
			}
		}
	}
	// The director stops (and both users stop typing) as soon as either
	// side is done, also when it failed: nobody waits on a keyboard.
	stop := make(chan struct{})
	var once sync.Once
	done := func() { once.Do(func() { close(stop) }) }
	directed := make(chan struct{})
	go func() {
		defer close(directed)
		direct(stop, clientKeys, serverKeys, clientSaw, serverSaw)
	}()
	err := runPair(ctx, rec,
		func(conn *trace.Conn) error {
			defer done()
			return chatServer(conn, "欢迎", serverKeys, screen(serverSaw))
		},
		func(ctx context.Context, me *trace.Side, addr string) error {
			defer done()
			return chatClient(ctx, me, addr, "你好", clientKeys, screen(clientSaw))
		})
	done()
	<-directed
	return err
}

// direct types the lines of both users in turn, after their greetings
// (你好 and 欢迎, sent at once): 不错呦 once each has read the other's
// greeting, exit once the client has read 不错呦. It stops (closing both
// keyboards) when stop closes.
func direct(stop <-chan struct{}, clientKeys, serverKeys chan<- string, clientSaw, serverSaw <-chan string) {
	closed := false
	defer func() {
		if !closed {
			close(clientKeys)
			close(serverKeys)
		}
	}()
	wait := func(saw <-chan string) bool {
		select {
		case <-saw:
			return true
		case <-stop:
			return false
		}
	}
	if !wait(clientSaw) || !wait(serverSaw) {
		return
	}
	serverKeys <- "不错呦"
	close(serverKeys)
	if !wait(clientSaw) {
		close(clientKeys)
		closed = true
		return
	}
	clientKeys <- "exit"
	close(clientKeys)
	closed = true
}
