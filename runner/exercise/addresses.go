package exercise

import (
	"context"
	"os"
	"path/filepath"
)

// Lesson 13's exercise: a client over a Unix domain socket.
func init() {
	All = append(All, &Exercise{Lesson: 13, Part: "client", Text: "unix-client", play: unixClient})
}

// unixClient is socktour's server for the Unix socket client: lesson 1's
// exchange at a path in a private temporary directory of its own, given
// to the program as its last argument (and in PORT).
func unixClient(ctx context.Context, t *Trial) error {
	dir, err := os.MkdirTemp("", "socktour-verify-13-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hello.sock")
	ln, err := t.Rec.Side("server").ListenUnix(path, 5)
	if err != nil {
		return err
	}
	defer ln.Close()
	t.Addr = path
	if t.Prog, err = Start(t.ctx, t.args, path, welcome); err != nil {
		return err
	}
	conn, err := t.acceptBefore(ln)
	if err != nil {
		t.fail("never connected unix", "how", t.how())
		t.finish(welcome)
		return nil
	}
	t.pass("connected")
	defer conn.Close()
	if t.readGreeting(conn) {
		if _, err := conn.Write([]byte(welcome)); err != nil {
			t.fail("closed before answer")
		} else {
			t.hangUp(conn, len(welcome), false)
		}
	}
	t.finish(welcome)
	return nil
}
