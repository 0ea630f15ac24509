package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/socktour/socktour/runner/trace"
)

// Mermaid writes the same sequence diagram as Diagram in Mermaid's
// language, for slides and notes: one participant per side, clients first,
// one arrow per send, FIN as a dotted arrow, a reset as a crossed one, and
// how each send was read as a note at the receiving end; a captured
// packet as a dotted arrow with a head.
func Mermaid(w io.Writer, title string, events []trace.Event) {
	as := arrows(events)
	fmt.Fprintln(w, "sequenceDiagram")
	if title != "" {
		fmt.Fprintf(w, "    title %s\n", mermaidText(title))
	}
	ids := map[string]string{}
	declare := func(name string) {
		if _, ok := ids[name]; ok || name == "" {
			return
		}
		id := strings.ReplaceAll(name, " ", "_")
		ids[name] = id
		if id == name {
			fmt.Fprintf(w, "    participant %s\n", id)
		} else {
			fmt.Fprintf(w, "    participant %s as %s\n", id, name)
		}
	}
	for _, pass := range []func(arrow) string{
		func(a arrow) string { return a.left },
		func(a arrow) string { return a.right },
	} {
		for _, a := range as {
			declare(pass(a))
		}
	}
	for _, a := range as {
		label := mermaidText(a.label)
		if a.dir == 0 {
			switch {
			case a.side > 0:
				fmt.Fprintf(w, "    Note right of %s: %s\n", ids[a.right], label)
			case a.side < 0:
				fmt.Fprintf(w, "    Note left of %s: %s\n", ids[a.left], label)
			case len(ids) > 0:
				first, last := firstLast(as, ids)
				fmt.Fprintf(w, "    Note over %s,%s: %s\n", first, last, label)
			}
			continue
		}
		from, to := ids[a.left], ids[a.right]
		if a.dir < 0 {
			from, to = to, from
		}
		line := "->>"
		switch a.kind {
		case "end":
			line = "--)"
		case "reset", "fail":
			line = "-x"
		case "packet":
			line = "-->>"
		}
		fmt.Fprintf(w, "    %s%s%s: %s\n", from, line, to, label)
		if a.got != "" {
			fmt.Fprintf(w, "    Note %s of %s: %s\n", map[bool]string{true: "right", false: "left"}[a.dir > 0], to, mermaidText(a.got))
		}
	}
}

// firstLast are the leftmost and rightmost participants, for a note
// across all of them.
func firstLast(as []arrow, ids map[string]string) (string, string) {
	var first, last string
	for _, a := range as {
		if first == "" && a.left != "" {
			first = ids[a.left]
		}
		if a.right != "" {
			last = ids[a.right]
		}
	}
	if first == "" {
		first = last
	}
	if last == "" {
		last = first
	}
	return first, last
}

// mermaidText escapes what Mermaid would read as syntax in a message:
// its entity codes stand for the characters themselves.
func mermaidText(s string) string {
	r := strings.NewReplacer("#", "#35;", ";", "#59;", "\"", "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ")
	return r.Replace(s)
}
