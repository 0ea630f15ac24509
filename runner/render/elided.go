package render

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/trace"
)

// notKept says how many bytes of a payload were not kept:
// "… 31744 bytes not kept …".
func notKept(n int) string {
	return assets.Fill(assets.Section("ui", "bytes not kept"), map[string]string{"n": strconv.Itoa(n)})
}

// quoteEvent is e's payload as quoted text cut to w columns; of a payload
// whose middle was not kept, the head, then how much is missing.
func quoteEvent(e trace.Event, w int) string {
	if e.Elided <= 0 {
		return quoteBytes(e.Hex, w)
	}
	gap := " " + notKept(e.Elided)
	return cut(strconv.Quote(string(e.Head())), w-Width(gap)) + gap
}

// dumpEvent is e's payload as a dump; of a payload whose middle was not
// kept, the head and the tail at their own offsets, and between them how
// many bytes are missing.
func (r *Renderer) dumpEvent(e trace.Event) []string {
	if e.Elided <= 0 {
		return r.dump(e.Hex)
	}
	head, tail := e.Head(), e.Tail()
	lines := r.dumpAt(head, 0)
	lines = append(lines, "  "+r.Pal.Dim.Sprint(notKept(e.Elided)))
	return append(lines, r.dumpAt(tail, len(head)+e.Elided)...)
}

// dumpAt is b dumped as the bytes from offset off of a payload.
func (r *Renderer) dumpAt(b []byte, off int) []string {
	lines := strings.Split(strings.TrimRight(hex.Dump(b), "\n"), "\n")
	for i, l := range lines {
		if len(l) > 8 {
			l = fmt.Sprintf("%08x", off+16*i) + l[8:]
		}
		lines[i] = "  " + r.Pal.Dim.Sprint(l)
	}
	return lines
}
