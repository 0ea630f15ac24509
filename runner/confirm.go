package runner

import (
	"errors"

	"github.com/manifoldco/promptui"
)

// confirm asks a yes-or-no question with promptui; no is the default.
// Without a terminal to ask in, it is a usage error: the caller's --yes
// is the way to confirm in a script.
func confirm(o *IO, question string) (bool, error) {
	if !o.InTTY || !o.OutTTY {
		return false, usagef("there is no terminal to ask in: add --yes to confirm")
	}
	in := o.menuReader()
	defer in.Close()
	p := promptui.Prompt{Label: question, IsConfirm: true, Stdin: in, Stdout: noBell{o.Out}}
	_, err := p.Run()
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, promptui.ErrInterrupt):
		return false, errInterrupted
	case errors.Is(err, promptui.ErrAbort), errors.Is(err, promptui.ErrEOF):
		return false, nil
	}
	return false, err
}
