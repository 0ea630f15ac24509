package tui

import (
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// The player's packets: a run captured with --packets shows, under each
// call's row, the packets the call caused; p shows and hides them.

// shownWire is the run's packets when they are shown, else nil.
func (p *player) shownWire() *render.Wire {
	if p.noWire {
		return nil
	}
	return p.wire
}

// drawn is what the diagram draws: the calls, and the packets when shown.
func (p *player) drawn() []trace.Event {
	if p.shownWire() == nil {
		return p.show.Ordered
	}
	return p.show.Shown()
}

// history is the last room lines of the rows of the steps before step
// i+1 (0 from the first), each with its packets when they are shown,
// then more.
func (p *player) history(r *render.Renderer, i, room int, more []string) []string {
	w := p.shownWire()
	out := more
	for j := i - 1; j >= 0 && len(out) < room; j-- {
		block := append(r.WireBefore(w, j), r.Line(j+1, p.events()[j], p.infos[j], false))
		out = append(append(block, r.WireUnder(w, j)...), out...)
	}
	return out[max(0, len(out)-max(room, 0)):]
}

// keysText is the help screen's text: the keys, and for a run with
// packets the key that shows and hides them, before the last line (how
// to go back).
func (p *player) keysText() string {
	text := assets.Section("ui", "keys")
	if p.wire == nil {
		return text
	}
	i := strings.LastIndexByte(text, '\n')
	if i < 0 {
		return text + "\n" + assets.Section("ui", "keys packets")
	}
	return text[:i] + "\n" + assets.Section("ui", "keys packets") + text[i:]
}
