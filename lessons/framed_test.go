package lessons

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/socktour/socktour/runner/trace"
)

func lesson7(t *testing.T, ev []trace.Event) {
	sends := calls(ev, "server", "send")
	if len(sends) != 3 {
		t.Fatalf("%d server sends, want 3", len(sends))
	}
	if h := string(sends[0].Hex[:HeaderSize]); h != "27        " {
		t.Errorf("header %q, want \"27        \"", h)
	}
	var got map[string]string
	if err := json.Unmarshal(sends[0].Hex[HeaderSize:], &got); err != nil || len(got) != 2 || got["1"] != "Client" || got["2"] != "Server" {
		t.Errorf("body %q decodes to %v, %v", sends[0].Hex[HeaderSize:], got, err)
	}
	var sizes []int
	var whole []byte
	for _, r := range calls(ev, "client", "recv") {
		sizes = append(sizes, r.Size)
		whole = append(whole, r.Hex...)
	}
	// Part 1 reads 10, 10, 10, 7; part 2 reads the header only; part 3 reads 4, then 27.
	if want := []int{10, 10, 10, 7, 10, 4, 27}; !equal(sizes, want) {
		t.Errorf("client reads asked %v, want %v", sizes, want)
	}
	if !bytes.HasPrefix(whole, sends[0].Hex) {
		t.Errorf("the client read %q, not the frame sent", whole)
	}
	var objects, refused int
	for _, n := range calls(ev, "client", "note") {
		switch n.Key {
		case "object":
			objects++
			if n.Vals["text"] != "{'1': 'Client', '2': 'Server'}" {
				t.Errorf("object rebuilt as %s", n.Vals["text"])
			}
		case "refused":
			refused++
		}
	}
	if objects != 2 || refused != 1 {
		t.Errorf("%d objects rebuilt and %d frames refused, want 2 and 1", objects, refused)
	}
	if b := sends[2].Hex[:4]; !bytes.Equal(b, []byte{0, 0, 0, 27}) {
		t.Errorf("binary length % x, want 00 00 00 1b", b)
	}
}

func TestReadFrameErrors(t *testing.T) {
	for _, c := range []struct {
		in   string
		want error
	}{
		{"abc       {}", ErrBadHeader},
		{"1073741824{}", ErrTooBig},
		{"-1        ", ErrBadHeader},
		{"5         ab", ErrCutShort},
		{"27", ErrCutShort},
	} {
		_, err := readFrame(iotest.OneByteReader(strings.NewReader(c.in)), MaxBody, nil)
		if !errors.Is(err, c.want) {
			t.Errorf("%q: %v, want %v", c.in, err, c.want)
		}
	}
}

// FuzzReadFrame: whatever arrives, readFrame returns exactly the body the
// header claims, or an error; never more than the limit, never a panic.
func FuzzReadFrame(f *testing.F) {
	for _, seed := range []string{
		frameHeader(27) + `{"1":"Client","2":"Server"}`,
		"1073741824{}", "0         ", "abc", "", "99999999999999999999",
		"3         abcdef", " 3        abc", "3\x00        abc",
	} {
		f.Add([]byte(seed))
	}
	const limit = 4096
	f.Fuzz(func(t *testing.T, data []byte) {
		body, err := readFrame(bytes.NewReader(data), limit, nil)
		if err != nil {
			return
		}
		n, perr := strconv.Atoi(strings.TrimRight(string(data[:HeaderSize]), " "))
		if perr != nil || n != len(body) || n > limit || !bytes.Equal(body, data[HeaderSize:HeaderSize+n]) {
			t.Fatalf("%q gave body %q", data, body)
		}
	})
}
