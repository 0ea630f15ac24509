package runner

import (
	"errors"

	"github.com/socktour/socktour/runner/tui"
)

// confirm asks a yes-or-no question; no is the default. Without a
// terminal to ask in, it is a usage error: --yes is the way to confirm in
// a script.
func confirm(o *IO, question string) (bool, error) {
	ok, err := tui.Confirm(o.console(), question)
	if errors.Is(err, tui.ErrNoTerminal) {
		return false, usagef("there is no terminal to ask in: add --yes to confirm")
	}
	return ok, err
}
