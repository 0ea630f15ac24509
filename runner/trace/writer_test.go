package trace

import (
	"io"
	"testing"
)

// TestWriterRecordsUnderItsOwnParty: the writer's sends go under its
// party at the connection's offsets, its shutdown ends the stream, and
// the connection's own send continues after them.
func TestWriterRecordsUnderItsOwnParty(t *testing.T) {
	rec := NewRecorder()
	conn, peer := pair(t, rec)
	w := conn.WritesAs("sends")
	done := make(chan error, 1)
	go func() {
		_, err := w.Write([]byte("ab"))
		done <- err
	}()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Write([]byte("c")); err != nil {
		t.Fatal(err)
	}
	if err := w.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	if got, err := io.ReadAll(peer); string(got) != "abc" || err != nil {
		t.Errorf("peer read %q, %v", got, err)
	}
	var sends []Event
	for _, e := range rec.Events() {
		if e.Op == "send" || e.Op == "shutdown" {
			sends = append(sends, e)
		}
	}
	if len(sends) != 3 || sends[0].Side != "server sends" || sends[0].Off != 0 ||
		sends[1].Side != "server" || sends[1].Off != 2 || sends[2].Side != "server sends" || sends[2].Op != "shutdown" {
		t.Errorf("events: %+v", sends)
	}
}
