package lessons

import "testing"

// TestPythonDecodeError checks the words against what Python 3.11 says
// for the same bytes (python3 -c "b'...'.decode('utf-8')").
func TestPythonDecodeError(t *testing.T) {
	for in, want := range map[string]string{
		"套接字编程"[:7]:    "'utf-8' codec can't decode byte 0xe5 in position 6: unexpected end of data",
		"套接字编程"[:8]:    "'utf-8' codec can't decode bytes in position 6-7: unexpected end of data",
		"套接字编程"[7:]:    "'utf-8' codec can't decode byte 0xad in position 0: invalid start byte",
		"\xe4A":        "'utf-8' codec can't decode byte 0xe4 in position 0: invalid continuation byte",
		"ab\xff":       "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte",
		"\xf0\x9f\x98": "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data",
		"\xed\xa0\x80": "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
		"Socket 套接字":   "",
	} {
		if _, got := pythonDecodeError([]byte(in)); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// TestLesson3SaysWhatPythonDoes checks that lesson 3's cut Chinese read
// records both decodings: Go's with U+FFFD, and Python's strict decode
// refusing the bytes the run really read.
func TestLesson3SaysWhatPythonDoes(t *testing.T) {
	ev := run(t, 3)
	notes := calls(ev, "client", "note")
	reads := calls(ev, "client", "recv")
	if len(notes) != 2 || len(reads) != 2 {
		t.Fatalf("%d notes, %d reads; want 2 of each", len(notes), len(reads))
	}
	_, want := pythonDecodeError(reads[1].Hex)
	cut := notes[1].Vals
	if want == "" || cut["python"] != "UnicodeDecodeError: unexpected end of data" ||
		cut["pyerr"] != "UnicodeDecodeError: "+want || cut["text"] != "套接\uFFFD" {
		t.Errorf("decoded note %v, want Go's 套接� and Python's %q", cut, want)
	}
	if whole := notes[0].Vals; whole["python"] != "Socket " || whole["pyerr"] != "" {
		t.Errorf("first decoded note %v, want Python's text as Go's", whole)
	}
}
