package exercise

import (
	"context"
	"strconv"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// messagePieces are the pieces the message is sent in: each ends inside
// a character (3 bytes each in UTF-8), and the next is sent only once the
// client has read it, so no read can span two pieces: whatever its
// buffer, a client that decodes each read on its own meets a cut one.
var messagePieces = []string{message[:12], message[12:22], message[22:]}

// framePieces split the header (the first read can hold only 4 of its 10
// bytes) and the body.
var framePieces = []string{frame[:4], frame[4:16], frame[16:]}

// sendInPieces sends parts, each once the client has read all of the one
// before, and says how it ended: taken when the client read them all,
// reset when it was gone first, stalled when it stopped reading. early
// says whether a reset came before the last piece was sent.
func (t *Trial) sendInPieces(conn *trace.Conn, parts ...string) (how outcome, early bool) {
	for i, p := range parts {
		if _, err := conn.Write([]byte(p)); err != nil {
			return reset, true
		}
		switch settle(t.ctx, conn, true, t.end) {
		case reset:
			return reset, i < len(parts)-1
		case stalled:
			return stalled, false
		case unknown: // no socket state here: space the pieces out
			if i < len(parts)-1 {
				time.Sleep(30 * time.Millisecond)
			}
		}
	}
	return taken, false
}

// sendAndHangUp sends parts as sendInPieces does, then the end of the
// stream, and judges how the client ended.
func (t *Trial) sendAndHangUp(conn *trace.Conn, total int, parts ...string) {
	unread := func() string {
		if t.Ex.Text == "whole" {
			return t.unread(total)
		}
		return "some"
	}
	switch how, early := t.sendInPieces(conn, parts...); {
	case how == reset && early:
		t.fail("left early", "unread", unread(), "total", strconv.Itoa(total))
	case how == reset:
		t.fail("closed unread", "unread", unread())
	case how == taken:
		if err := conn.CloseWrite(); err == nil {
			t.hangUp(conn, total, true)
		} else {
			t.fail("closed unread", "unread", unread())
		}
	}
}

// wholeMessage is socktour's server for the whole-message client: the
// message in pieces, then the end of the stream.
func wholeMessage(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient(message)
	if !ok {
		return err
	}
	defer conn.Close()
	t.sendAndHangUp(conn, len(message), messagePieces...)
	t.finish(message)
	return nil
}

// framedClient is socktour's server for the framed client: lesson 7's
// frame, in pieces that split the header and the body.
func framedClient(ctx context.Context, t *Trial) error {
	header, body := frame[:10], frame[10:]
	conn, ok, err := t.acceptClient("Client", "Server", header, body)
	if !ok {
		return err
	}
	defer conn.Close()
	t.sendAndHangUp(conn, len(frame), framePieces...)
	t.finish("Client", "Server")
	if out := t.Prog.Output(); out.Contains(header) || out.Contains(body) {
		what := visible([]byte(body))
		if out.Contains(header) {
			what = visible([]byte(header)) + " …"
		}
		t.fail("printed wire", "what", what)
	}
	return nil
}
