package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
)

// Width is the number of terminal columns s takes, ignoring colour codes:
// 2 for the wide characters of Chinese and Korean, 1 for East Asian
// Ambiguous ones such as ─ and … whatever the locale (they are drawn one
// column wide by the terminals learners use), 0 for combining marks.
func Width(s string) int { return ansi.StringWidth(s) }

// pad fills plain text s with spaces to exactly w columns, cutting it
// with "…" when it is too wide.
func pad(s string, w int) string {
	if Width(s) > w {
		s = cut(s, w)
	}
	return s + strings.Repeat(" ", max(0, w-Width(s)))
}

// cut shortens plain text s to at most w columns, ending it with "…";
// a wide character is never cut in half.
func cut(s string, w int) string {
	if Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// cutExact returns the longest prefix of s at most w columns wide.
func cutExact(s string, w int) string { return ansi.Truncate(s, w, "") }

// Shorten is Fit with a mark of the cut: s, which may hold colour codes,
// cut to at most w columns ending in "…", for a row whose rest is said
// elsewhere (the menu's, whose whole summary shows under the list).
func Shorten(s string, w int) string { return fitTail(s, w, "…") }

// Fit cuts s, which may hold colour codes, to at most w columns, keeping
// its codes and resetting colour if it cut any.
func Fit(s string, w int) string { return fitTail(s, w, "") }

// fitTail cuts s to at most w columns, tail included, keeping its colour
// codes and resetting colour if it cut any.
func fitTail(s string, w int, tail string) string {
	if Width(s) <= w {
		return s
	}
	out := ansi.Truncate(s, w, tail)
	if strings.IndexByte(s, 0x1b) >= 0 {
		out += "\x1b[0m"
	}
	return out
}

// Wrap breaks plain text into lines of at most w columns; blank lines
// separate paragraphs and are kept. Latin and Korean text breaks at
// spaces (Korean readers expect words kept whole); Chinese text, which
// has no spaces, breaks where Unicode's line-breaking rules allow (UAX
// #14: never before ，or 。). It takes time linear in the text's length.
func Wrap(text string, w int) []string {
	if w < 10 {
		w = 10
	}
	var out []string
	for _, para := range strings.Split(text, "\n") {
		pieces := breakable(para)
		if len(pieces) == 0 {
			out = append(out, "")
			continue
		}
		var line strings.Builder
		used := 0 // columns in line
		flush := func() {
			out = append(out, line.String())
			line.Reset()
			used = 0
		}
		for _, p := range pieces {
			pw := Width(p.text)
			gap := 0
			if p.space && used > 0 {
				gap = 1
			}
			if used > 0 && used+gap+pw > w {
				flush()
				gap = 0
			}
			for pw > w { // a piece longer than a line: break it anywhere
				head := cutExact(p.text, w-used)
				if head == "" {
					flush()
					continue
				}
				line.WriteString(head)
				flush()
				p.text = p.text[len(head):]
				pw = Width(p.text)
			}
			if gap > 0 {
				line.WriteByte(' ')
			}
			line.WriteString(p.text)
			used += gap + pw
		}
		if used > 0 {
			flush()
		}
	}
	return out
}

// piece is a run of text that wrapping keeps whole; space says that a
// space separated it from the piece before.
type piece struct {
	text  string
	space bool
}

// breakable splits a paragraph into the pieces a line may break between:
// its words, at single spaces, and within a word the places where UAX
// #14 allows a break next to a wide (Chinese) character. A run of two or
// more spaces is part of a word, not a break: it is data, such as lesson
// 7's header "27        ", whose spaces a reader must be able to count.
func breakable(para string) []piece {
	var out []piece
	for _, word := range words(para) {
		space := true
		for _, part := range splitCJK(word) {
			out = append(out, piece{text: part, space: space})
			space = false
		}
	}
	return out
}

// words splits a paragraph at its single spaces, keeping runs of spaces.
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

// splitCJK cuts a word of Chinese text at the line-break opportunities of
// UAX #14 that touch a Han or Kana character. Any other word stays whole:
// "recv(7)", "--no-color", "소켓을", and code that holds a little Chinese,
// such as "你好".encode().
func splitCJK(word string) []string {
	if !mostlyHan(word) {
		return []string{word}
	}
	var out []string
	start, state := 0, -1
	rest := word
	for len(rest) > 0 {
		_, rest, _, state = uniseg.FirstLineSegmentInString(rest, state)
		end := len(word) - len(rest)
		if rest == "" {
			break
		}
		before, _ := utf8.DecodeLastRuneInString(word[:end])
		after, _ := utf8.DecodeRuneInString(rest)
		if isHan(before) || isHan(after) {
			out = append(out, word[start:end])
			start = end
		}
	}
	return append(out, word[start:])
}

// mostlyHan reports whether Han or Kana characters fill at least half of
// s's columns.
func mostlyHan(s string) bool {
	han := 0
	for _, r := range s {
		if isHan(r) {
			han += 2
		}
	}
	return han > 0 && 2*han >= Width(s)
}

// isHan reports a Chinese or Japanese character, one a line may break
// before or after.
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana)
}

// Fold cuts a line of plain text, exactly as it is (spaces and all), into
// pieces of at most w columns: a program's output, whose every character
// may matter. A wide character is never cut in half.
func Fold(line string, w int) []string {
	w = max(w, 2)
	var out []string
	for Width(line) > w {
		head := cutExact(line, w)
		out = append(out, head)
		line = line[len(head):]
	}
	return append(out, line)
}
