package tui

import "golang.org/x/term"

// SystemTerminal is the process's own terminal: keys read from the
// descriptor in, output drawn on out, through golang.org/x/term on every
// system.
func SystemTerminal(in, out int) Terminal { return sysTerm{in: in, out: out} }

type sysTerm struct{ in, out int }

func (t sysTerm) Raw() (func(), error) {
	old, err := term.MakeRaw(t.in)
	if err != nil {
		return nil, err
	}
	return func() { term.Restore(t.in, old) }, nil
}

// Size is the terminal's size, 80×24 where it cannot be asked.
func (t sysTerm) Size() (int, int) {
	w, h, err := term.GetSize(t.out)
	if err != nil || w <= 0 || h <= 0 {
		return 80, 24
	}
	return w, h
}
