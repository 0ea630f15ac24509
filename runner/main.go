// Package runner is socktour's command line: it parses what the user
// typed, runs lessons on real sockets through the trace package, and shows
// their events as JSON, a diagram or a printed transcript, or hands them
// to the terminal interface (runner/tui: the menu and the step-by-step
// player). Main is the whole program; only main.go exits.
package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/tui"
)

// Version is socktour's version, printed by --version.
var Version = "0.1.0"

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// usageError is a mistake in what the user typed: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// usagef is a usage error in the learner's language: format is the
// English, and its translation comes from assets/errors.md.
func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(assets.Message(format), args...)}
}

// errorf is fmt.Errorf in the learner's language, as usagef.
func errorf(format string, args ...any) error {
	return fmt.Errorf(assets.Message(format), args...)
}

// errSilent fails with exit code 1 when the reason is already shown, as
// verify's verdict is.
var errSilent = errors.New("failed")

// errSilentUsage is a usage error already said, by the child that ran
// the command in a private network: exit code 2.
var errSilentUsage = errors.New("usage error, said")

// errInterrupted ends the program at once, as Ctrl-C in the player does.
var errInterrupted = tui.ErrInterrupted

// Main runs socktour with args (without the program's name) and returns
// the exit code. Cancelling ctx interrupts a command as Ctrl-C does.
//
// Only a command that waits (on sockets, on a program or on the learner)
// asks io.Interrupt for a context that Ctrl-C and SIGTERM cancel: catching
// signals costs threads, and `list` or `--version` never wait for
// anything. Commands that do not wait leave Ctrl-C to the system, which
// ends them with the same exit status 130.
func Main(ctx context.Context, args []string, io *IO) int {
	args, err := chooseLanguage(args, io)
	if err != nil {
		return exitCode(ctx, err, io)
	}
	if waits(args) && io.Interrupt != nil {
		var stop context.CancelFunc
		ctx, stop = io.Interrupt(ctx)
		defer stop()
	}
	err = dispatch(ctx, args, io)
	return exitCode(ctx, err, io)
}

// waits tells whether the command in args may wait, so that Ctrl-C must
// be caught to close its sockets, stop the learner's program or leave the
// terminal as it was: the menu (no command), run, serve, client, watch,
// verify and replay; also solution and reset, whose question puts the
// terminal in raw mode (there Ctrl-C is a key, but SIGTERM must not end
// the program before the terminal is restored).
func waits(args []string) bool {
	for len(args) > 0 && (args[0] == "--no-color" || args[0] == "-no-color") {
		args = args[1:]
	}
	if len(args) == 0 {
		return true
	}
	switch args[0] {
	case "run", "serve", "client", "watch", "verify", "replay", "solution", "reset":
		return helpOrVersion(args[1:]) == nil
	}
	return false
}

// exitCode maps an error to its exit code and says it in one sentence.
func exitCode(ctx context.Context, err error, io *IO) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errHelp):
		fmt.Fprint(io.Out, assets.Text("usage.txt"))
		return exitOK
	case errors.Is(err, errVersion):
		fmt.Fprintf(io.Out, "socktour %s\n", Version)
		return exitOK
	case errors.Is(err, errInterrupted) || ctx.Err() != nil:
		return exitInterrupted
	case errors.Is(err, errSilent):
		return exitFailure
	case errors.Is(err, errSilentUsage):
		return exitUsage
	case errors.As(err, &ue):
		fmt.Fprintf(io.Err, "socktour: %s\n%s\n", ue.msg, assets.UI("usage hint"))
		return exitUsage
	}
	fmt.Fprintf(io.Err, "socktour: %s\n", err)
	return exitFailure
}

func dispatch(ctx context.Context, args []string, io *IO) error {
	if len(args) == 0 {
		return tui.Menu(ctx, io.console())
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "-h", "-help", "--help", "help":
		return errHelp
	case "-version", "--version", "version":
		return errVersion
	case "--no-color", "-no-color":
		io.noColor = true
		return dispatch(ctx, rest, io)
	}
	// --help and --version work after every command, before anything the
	// command itself would check.
	if err := helpOrVersion(rest); err != nil {
		return err
	}
	switch cmd {
	case "list":
		return list(rest, io)
	case "run":
		return run(ctx, rest, io)
	case "serve":
		return serve(ctx, rest, io)
	case "client":
		return client(ctx, rest, io)
	case "code":
		return code(rest, io)
	case "replay":
		return replay(ctx, rest, io)
	case "watch":
		return watch(ctx, rest, io)
	case "exercise":
		return exerciseCmd(rest, io)
	case "verify":
		return verify(ctx, rest, io)
	case "hint":
		return hint(rest, io)
	case "solution":
		return solution(rest, io)
	case "progress":
		return showProgress(rest, io)
	case "reset":
		return reset(rest, io)
	}
	if strings.HasPrefix(cmd, "-") {
		return usagef("unknown flag %s", cmd)
	}
	return usagef("unknown command %q (commands: list, run, replay, watch, serve, client, code, exercise, verify, hint, solution, progress, reset)", cmd)
}

// lessonArg reads the lesson number of a command.
func lessonArg(pos []string, cmd string) (*lessons.Lesson, error) {
	if len(pos) == 0 {
		return nil, usagef("%s needs a lesson number (%s)", cmd, tui.LessonRange())
	}
	if len(pos) > 1 {
		return nil, usagef("%s takes one lesson number, not %q", cmd, strings.Join(pos, " "))
	}
	n, err := strconv.Atoi(pos[0])
	l, ok := lessons.Get(n)
	if err != nil || !ok {
		return nil, usagef("unknown lesson %q (%s)", pos[0], tui.LessonRange())
	}
	return l, nil
}

// list prints one line per lesson: "N  Title".
func list(args []string, io *IO) error {
	fs := newFlags("list")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("list takes no arguments")
	}
	var b strings.Builder // one write, not one a line
	for _, l := range lessons.All {
		fmt.Fprintf(&b, "%2d  %s\n", l.Number, tui.Title(l.Number)) // 1 to 13, aligned
	}
	_, err = fmt.Fprint(io.Out, b.String())
	return err
}
