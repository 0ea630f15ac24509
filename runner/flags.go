package runner

import (
	"errors"
	"flag"
	"fmt"
	"github.com/socktour/socktour/assets"
	"io"
	"strconv"
	"strings"
	"time"
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

// errHelp asks the caller to print the usage and succeed; errVersion, to
// print the version and succeed.
var (
	errHelp    = errors.New("help")
	errVersion = errors.New("version")
)

// helpOrVersion finds --help or --version among a command's arguments, up
// to a "--" (after which they belong to the learner's program, as in
// `verify 1 -- ./client --help`). Either one wins over anything else typed,
// so that `socktour verify --help` helps instead of asking for a program.
func helpOrVersion(args []string) error {
	for _, a := range args {
		switch a {
		case "--":
			return nil
		case "-h", "-help", "--help":
			return errHelp
		case "-version", "--version":
			return errVersion
		}
	}
	return nil
}

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
			return nil, usageError{f.Name() + ": " + f.explain(err, args)}
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

// explain turns an error of the flag package into words that name the
// flag as the user typed it (`--bogus`, where the flag package says
// `-bogus`) and say what would do. args are the arguments Parse was given.
func (f *flags) explain(err error, args []string) string {
	msg := err.Error()
	name, value, why, kind := splitFlagError(msg)
	if kind == "" {
		return msg
	}
	// Parse stops just after the flag at fault, or after its value when
	// that is the next argument: the flag is the last one so named before.
	done := max(len(args)-len(f.Args()), 0)
	typed := "--" + name
	if i := typedAt(args[:done], name); i >= 0 {
		typed, _, _ = strings.Cut(args[i], "=")
	}
	switch kind {
	case "syntax":
		return fmt.Sprintf(assets.Message("unknown flag %s"), name)
	case "unknown":
		return fmt.Sprintf(assets.Message("unknown flag %s"), typed)
	case "no value":
		return needsValue(typed, f.Lookup(name))
	}
	if fl := f.Lookup(name); fl != nil {
		if g, ok := fl.Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case time.Duration:
				if _, err := strconv.ParseFloat(value, 64); err == nil {
					return fmt.Sprintf(assets.Message("%s %s needs a unit, such as %s%s"), typed, value, value, unit(fl.DefValue))
				}
				return fmt.Sprintf(assets.Message("%s takes a duration such as %s, not %q"), typed, fl.DefValue, value)
			case int, int64, uint, uint64:
				return fmt.Sprintf(assets.Message("%s takes a whole number, not %q"), typed, value)
			case float64:
				return fmt.Sprintf(assets.Message("%s takes a number, not %q"), typed, value)
			case bool:
				return fmt.Sprintf(assets.Message("%s takes no value, not %q"), typed, value)
			}
		}
	}
	if why != "" { // a value of socktour's own says what is wrong itself
		return why
	}
	return fmt.Sprintf(assets.Message("%s does not take %q"), typed, value)
}

// splitFlagError takes apart the error messages of the flag package, which
// name every flag with one dash. kind is "unknown", "no value", "bad
// value", "syntax" (name is then the whole argument), or "" for a message
// it does not know.
func splitFlagError(msg string) (name, value, why, kind string) {
	if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		return rest, "", "", "unknown"
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return rest, "", "", "no value"
	}
	if rest, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return rest, "", "", "syntax" // rest is the argument as typed
	}
	rest, ok := strings.CutPrefix(msg, "invalid value ")
	if !ok {
		if rest, ok = strings.CutPrefix(msg, "invalid boolean value "); !ok {
			return "", "", "", ""
		}
	}
	q, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", "", "", ""
	}
	value, _ = strconv.Unquote(q)
	rest = strings.TrimPrefix(strings.TrimPrefix(rest[len(q):], " for flag -"), " for -")
	name, why, _ = strings.Cut(rest, ": ")
	return name, value, why, "bad value"
}

// typedAt is the index of the last argument that names flag name (-name,
// --name, -name=v or --name=v), or -1.
func typedAt(args []string, name string) int {
	for i := len(args) - 1; i >= 0; i-- {
		bare := strings.TrimLeft(args[i], "-")
		dashes := len(args[i]) - len(bare)
		if n, _, _ := strings.Cut(bare, "="); n == name && dashes >= 1 && dashes <= 2 {
			return i
		}
	}
	return -1
}

// needsValue says that the flag typed needs a value, with an example
// where its value has a shape worth showing (a duration: its default).
func needsValue(typed string, fl *flag.Flag) string {
	if fl != nil {
		if g, ok := fl.Value.(flag.Getter); ok {
			switch g.Get().(type) {
			case time.Duration:
				return fmt.Sprintf(assets.Message("%s needs a value, such as %s"), typed, fl.DefValue)
			case int, int64, uint, uint64:
				return fmt.Sprintf(assets.Message("%s needs a value, a whole number"), typed)
			}
		}
	}
	return fmt.Sprintf(assets.Message("%s needs a value"), typed)
}

// unit is the unit a duration is written in ("ms" for "800ms", "s" for
// "10s"), the one to suggest for a number typed without one.
func unit(d string) string {
	u := strings.TrimLeft(d, "0123456789.")
	if u == "" || strings.ContainsAny(u, "0123456789") {
		return "ms"
	}
	return u
}
