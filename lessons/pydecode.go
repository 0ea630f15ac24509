package lessons

import (
	"fmt"
	"unicode/utf8"
)

// decodedNote is what a client records after decoding b: the text as Go
// decodes it with replacement ("text"), and what a Python learner's
// data.decode("utf-8") would do with the same bytes ("python": the text,
// or the exception it raises; "pyerr": the exception's whole message).
func decodedNote(b []byte) []string {
	vals := []string{"text", decode(b), "python", string(b), "pyerr", ""}
	if reason, msg := pythonDecodeError(b); reason != "" {
		vals[3] = "UnicodeDecodeError: " + reason
		vals[5] = "UnicodeDecodeError: " + msg
	}
	return vals
}

// pythonDecodeError says why Python's strict UTF-8 decoder refuses b, in
// its own words: the reason ("unexpected end of data", "invalid start
// byte", "invalid continuation byte") and the whole message. Both are ""
// when b is valid UTF-8.
func pythonDecodeError(b []byte) (reason, msg string) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			i += size
			continue
		}
		c := b[i]
		need := 0
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need = 2
		case c >= 0xE0 && c <= 0xEF:
			need = 3
		case c >= 0xF0 && c <= 0xF4:
			need = 4
		}
		if need == 0 {
			return "invalid start byte", pyMsg(b, i, i, "invalid start byte")
		}
		for j := 1; j < need; j++ {
			if i+j == len(b) { // every byte so far fits: the data ended
				return "unexpected end of data", pyMsg(b, i, len(b)-1, "unexpected end of data")
			}
			lo, hi := byte(0x80), byte(0xBF)
			if j == 1 { // the second byte's range depends on the first
				switch c {
				case 0xE0:
					lo = 0xA0
				case 0xED:
					hi = 0x9F
				case 0xF0:
					lo = 0x90
				case 0xF4:
					hi = 0x8F
				}
			}
			if b[i+j] < lo || b[i+j] > hi {
				return "invalid continuation byte", pyMsg(b, i, i, "invalid continuation byte")
			}
		}
		i++ // not reached for bytes DecodeRune refused; kept for safety
	}
	return "", ""
}

// pyMsg writes a UnicodeDecodeError's message as Python does.
func pyMsg(b []byte, from, to int, reason string) string {
	if from == to {
		return fmt.Sprintf("'utf-8' codec can't decode byte 0x%02x in position %d: %s", b[from], from, reason)
	}
	return fmt.Sprintf("'utf-8' codec can't decode bytes in position %d-%d: %s", from, to, reason)
}
