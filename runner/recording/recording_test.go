package recording

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/socktour/socktour/runner/trace"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func sample() []trace.Event {
	return []trace.Event{
		{Seq: 1, Side: "server", Op: "listen", Size: 5, Local: "127.0.0.1:9"},
		{Seq: 2, Side: "client", Op: "send", N: 3, Hex: trace.Bytes("a\x00\xff"), Local: "127.0.0.1:10", Remote: "127.0.0.1:9"},
		{Seq: 3, Side: "tutor", Op: "note", Key: "decoded", Vals: map[string]string{"text": "a"}},
	}
}

func write(t *testing.T, events []trace.Event) string {
	t.Helper()
	var b bytes.Buffer
	w, err := NewWriter(&b, Header{Lesson: 3, Socktour: "0.1.0", Recorded: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		w.Event(e)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRoundTrip(t *testing.T) {
	text := write(t, sample())
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want header, 3 events, end:\n%s", len(lines), text)
	}
	if want := `{"format":"socktour-recording","version":1,"lesson":3,"socktour":"0.1.0","recorded":"2026-11-23T12:00:00Z"}`; lines[0] != want {
		t.Errorf("header\n got %s\nwant %s", lines[0], want)
	}
	if want := `{"end":true,"events":3}`; lines[4] != want {
		t.Errorf("closing line %s, want %s", lines[4], want)
	}
	rec, err := Read(context.Background(), strings.NewReader(text), "r.rec")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Header.Lesson != 3 || rec.Header.Version != 1 || len(rec.Events) != 3 {
		t.Fatalf("read back %+v", rec)
	}
	if got := rec.Events[1]; string(got.Hex) != "a\x00\xff" || got.N != 3 || got.Remote != "127.0.0.1:9" {
		t.Errorf("send read back as %+v", got)
	}
	if rec.Events[2].Vals["text"] != "a" {
		t.Errorf("note values lost: %+v", rec.Events[2])
	}
}

func TestBadRecordings(t *testing.T) {
	good := write(t, sample())
	lines := strings.SplitAfter(good, "\n")
	for _, c := range []struct{ name, text, want string }{
		{"empty", "", "r.rec: the file is empty"},
		{"not json", "hello\n", "r.rec:1: not a socktour recording"},
		{"other json", `{"seq":1,"side":"client","op":"send"}` + "\n", "r.rec:1: not a socktour recording"},
		{"newer", strings.Replace(good, `"version":1`, `"version":2`, 1), "r.rec:1: recorded in format version 2 by socktour 0.1.0; this socktour reads version 1 at most"},
		{"no lesson", strings.Replace(good, `"lesson":3,`, ``, 1), "r.rec:1: the first line must name either a lesson"},
		{"cut at a line", strings.Join(lines[:3], ""), "r.rec:3: the recording is cut short: it ends after 2 events, without its closing line"},
		{"cut mid-line", strings.Join(lines[:2], "") + lines[2][:20], "r.rec:3: the recording is cut short: this last line stops in the middle"},
		{"bad event", strings.Join(lines[:2], "") + "{oops}\n" + strings.Join(lines[2:], ""), "r.rec:3: not an event: not valid JSON"},
		{"bad hex", strings.Replace(good, `"hex":"6100ff"`, `"hex":"zz"`, 1), "r.rec:3: not an event"},
		{"unknown op", strings.Replace(good, `"op":"send"`, `"op":"teleport"`, 1), `r.rec:3: unknown call "teleport"`},
		{"out of order", strings.Replace(good, `"seq":3`, `"seq":1`, 1), "r.rec:4: event 1 comes after event 2"},
		{"wrong count", strings.Replace(good, `"events":3`, `"events":4`, 1), "r.rec:5: the closing line counts 4 events, but 3 came before it"},
		{"text after", good + "more\n", "r.rec:6: more text after the recording's closing line"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(context.Background(), strings.NewReader(c.text), "r.rec")
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("error %v, want a *recording.Error", err)
			}
			if !strings.HasPrefix(err.Error(), c.want) {
				t.Errorf("error\n got %s\nwant %s…", err, c.want)
			}
		})
	}
}
