package exercise

import (
	"context"
	"strings"
)

func init() {
	All = append(All, &Exercise{Lesson: 12, Part: "client", Text: "boundaries", play: linesClient})
}

// lines are lesson 12's exercise: three newline-ended messages in one
// send, then a fourth in two pieces cut inside a character, each piece
// sent once the client has read the one before.
var (
	lineMessages = []string{"hello", "world", "!", "再见"}
	linePieces   = []string{"hello\nworld\n!\n", "再见\n"[:2], "再见\n"[2:]}
)

// linesClient is socktour's server for the line-reading client.
func linesClient(ctx context.Context, t *Trial) error {
	conn, ok, err := t.acceptClient(lineMessages...)
	if !ok {
		return err
	}
	defer conn.Close()
	t.sendAndHangUp(conn, len(strings.Join(linePieces, "")), linePieces...)
	before := len(t.Checks)
	t.finish(lineMessages...)
	for _, c := range t.Checks[before:] {
		if !c.OK {
			return nil // it missed a message: that says enough
		}
	}
	if !apart(t.Prog.Output().String(), lineMessages) {
		t.fail("lines stuck", "out", quoteOut(t.Prog.Output().Head()))
	} else {
		t.pass("lines apart")
	}
	return nil
}

// apart reports whether each of msgs was printed on a line of its own,
// in order, whatever else the line says: a line that holds two messages
// printed them stuck together.
func apart(out string, msgs []string) bool {
	i := 0
	for _, line := range strings.Split(out, "\n") {
		held := 0
		for _, m := range msgs {
			if strings.Contains(line, m) {
				held++
			}
		}
		if held > 1 {
			return false
		}
		if i < len(msgs) && strings.Contains(line, msgs[i]) {
			i++
		}
	}
	return i == len(msgs)
}
