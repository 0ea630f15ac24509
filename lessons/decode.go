package lessons

import (
	"strings"
	"unicode/utf8"
)

// decode turns received bytes into text the way Python's
// bytes.decode("utf-8", errors="replace") does: a broken character
// becomes U+FFFD, the replacement character.
func decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
