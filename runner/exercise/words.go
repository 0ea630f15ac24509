package exercise

import (
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/socktour/socktour/assets"
)

// garbled reports whether a program's words show a character cut by a
// read decoded on its own: Python's UnicodeDecodeError, or the
// replacement character U+FFFD that a lenient decoder puts in its place.
func garbled(p *Program) bool {
	return p.Output().Contains("\ufffd") || strings.Contains(p.Errors().Tail(), "UnicodeDecodeError")
}

// validPrefix is the longest start of s, at most n bytes, that ends
// between characters.
func validPrefix(s string, n int) string {
	for n > 0 && !utf8.ValidString(s[:n]) {
		n--
	}
	return s[:n]
}

// spaced is b in hex, a space between bytes: "e4 bd a0".
func spaced(b []byte) string {
	if len(b) > 32 {
		return strings.TrimSpace(hexSpaced(b[:32])) + " …"
	}
	return hexSpaced(b)
}

func hexSpaced(b []byte) string {
	h := hex.EncodeToString(b)
	var parts []string
	for i := 0; i+1 < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, " ")
}

// quoteOut is a program's output, quoted and cut for one line.
func quoteOut(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return assets.UI("output nothing")
	}
	if len(s) > 120 {
		cut := 120
		for cut > 0 && !utf8.RuneStart(s[cut]) { // never half a character
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
