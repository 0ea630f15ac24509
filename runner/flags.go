package runner

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// flags is one command's flag set, with the flags every command takes.
type flags struct {
	*flag.FlagSet
	noColor bool
}

func newFlags(name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are said once, by exitCode
	f := &flags{FlagSet: fs}
	fs.BoolVar(&f.noColor, "no-color", false, "no colour")
	return f
}

// errHelp asks the caller to print the usage and succeed.
var errHelp = errors.New("help")

// parse parses flags wherever they stand among the arguments, so that
// `run 3 --mode auto` works as well as `run --mode auto 3`, and returns the
// positional arguments.
func parse(f *flags, args []string) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			msg := err.Error()
			if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
				msg = "unknown flag " + rest
			}
			return nil, usagef("%s: %s", f.Name(), msg)
		}
		args = f.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
