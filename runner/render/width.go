package render

import (
	"strings"
	"unicode/utf8"
)

// runeWidth is the number of terminal columns r takes: 2 for the wide
// characters of East Asian scripts, 0 for combining marks, else 1.
func runeWidth(r rune) int {
	switch {
	case r == 0 || r < 32 || (r >= 0x7f && r < 0xa0):
		return 0
	case r >= 0x300 && r <= 0x36f, r == 0x200b:
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1faff,
		r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// Width is the number of terminal columns s takes, ignoring colour codes.
func Width(s string) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] == 0x1b { // skip an escape sequence: ESC [ … letter
			j := i + 1
			for j < len(s) && !(s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
				j++
			}
			i = j + 1
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w += runeWidth(r)
		i += size
	}
	return w
}

// pad fills plain text s with spaces to exactly w columns, cutting it
// with "…" when it is too wide.
func pad(s string, w int) string {
	if Width(s) > w {
		s = cut(s, w)
	}
	return s + strings.Repeat(" ", w-Width(s))
}

// cut shortens plain text s to at most w columns, ending it with "…".
func cut(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	var b strings.Builder
	used := 0
	for _, r := range s {
		rw := runeWidth(r)
		if used+rw > w-1 {
			break
		}
		b.WriteRune(r)
		used += rw
	}
	return b.String() + "…"
}

// Wrap breaks plain text into lines of at most w columns, at spaces where
// it can; blank lines separate paragraphs and are kept.
func Wrap(text string, w int) []string {
	if w < 10 {
		w = 10
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		words := words(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		line := ""
		for _, word := range words {
			for Width(word) > w { // a word longer than a line: break it
				if line != "" {
					out = append(out, line)
					line = ""
				}
				head := cutExact(word, w)
				out = append(out, head)
				word = word[len(head):]
			}
			switch {
			case line == "":
				line = word
			case Width(line)+1+Width(word) <= w:
				line += " " + word
			default:
				out = append(out, line)
				line = word
			}
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// words splits a paragraph at its single spaces. A run of two or more
// spaces is part of a word, not a break: it is data, such as lesson 7's
// header "27        ", whose spaces a reader must be able to count.
func words(para string) []string {
	para = strings.Trim(para, " \t")
	var out []string
	start := 0
	for i := 0; i < len(para); i++ {
		if para[i] != ' ' || i+1 < len(para) && para[i+1] == ' ' || i > 0 && para[i-1] == ' ' {
			continue
		}
		if i > start {
			out = append(out, para[start:i])
		}
		start = i + 1
	}
	if start < len(para) {
		out = append(out, para[start:])
	}
	return out
}

// cutExact returns the longest prefix of s at most w columns wide.
func cutExact(s string, w int) string {
	used := 0
	for i, r := range s {
		if used+runeWidth(r) > w {
			return s[:i]
		}
		used += runeWidth(r)
	}
	return s
}

// Fit cuts s, which may hold colour codes, to at most w columns, keeping
// its codes and resetting colour if it cut any.
func Fit(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	var b strings.Builder
	used, codes := 0, false
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			j := i + 1
			for j < len(s) && !(s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z') {
				j++
			}
			if j < len(s) {
				j++
			}
			b.WriteString(s[i:j])
			codes = true
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if used+runeWidth(r) > w {
			break
		}
		b.WriteRune(r)
		used += runeWidth(r)
		i += size
	}
	if codes {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}
