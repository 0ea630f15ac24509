package tui

import (
	"errors"

	"github.com/manifoldco/promptui"
)

// Confirm asks a yes-or-no question with promptui; no is the default.
// Without a terminal to ask in it is ErrNoTerminal: the caller's --yes
// is the way to confirm in a script.
func Confirm(o *Console, Question string) (bool, error) {
	if !o.InTTY || !o.OutTTY {
		return false, ErrNoTerminal
	}
	in := o.menuReader()
	defer in.Close()
	p := promptui.Prompt{Label: Question, IsConfirm: true, Stdin: in, Stdout: noBell{o.Out}}
	_, err := p.Run()
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, promptui.ErrInterrupt):
		return false, ErrInterrupted
	case errors.Is(err, promptui.ErrAbort), errors.Is(err, promptui.ErrEOF):
		return false, nil
	}
	return false, err
}
