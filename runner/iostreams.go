package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"

	"golang.org/x/term"
)

// IO is where a command reads and writes, and what it knows of the
// terminal. SystemIO is the real one; tests build their own with buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
	// InTTY and OutTTY tell whether In and Out are terminals: only then
	// does socktour show its menu and step-by-step player.
	InTTY, OutTTY bool
	// Getenv reads the environment (NO_COLOR, TERM).
	Getenv func(string) string
	// Term, when In and Out are a terminal, switches it to raw mode and
	// back and tells its size. Tests give a fake one.
	Term Terminal
	// Interrupt, when set, derives from ctx a context that Ctrl-C and
	// SIGTERM cancel, and the function that stops catching them. Main asks
	// for it only for commands that wait. SystemIO sets it; tests leave it
	// nil and cancel the context they give Main.
	Interrupt func(ctx context.Context) (context.Context, context.CancelFunc)
	keys      tui.KeySource // set by SystemIO; else keys are read from In
	// menuIn is what the menu reads, when it is not In (see SystemIO).
	menuIn func() tui.MenuReader
	con    *tui.Console // the terminal interface's view of this IO
	// noColor is --no-color given before the command.
	noColor bool
	// Home is the directory of the progress file; "" keeps progress in
	// memory only, as tests do unless they give one.
	Home  string
	store *progress.Store
	// told is set once a trouble with the progress file has been said:
	// one sentence is enough, however often the file is read or written.
	told bool
}

// progress loads the learner's progress, saying (once) if the file had
// to be set aside or cannot be read.
func (o *IO) progress() *progress.Progress {
	p, note := o.progressStore().Load()
	o.tell(note)
	return p
}

func (o *IO) progressStore() *progress.Store {
	if o.store == nil {
		o.store = &progress.Store{Dir: o.Home}
	}
	return o.store
}

// rememberedLanguage is the language last chosen in the menu, or "".
func (o *IO) rememberedLanguage() string {
	if l := o.progressStore().Lang(); known(l) {
		return l
	}
	return ""
}

// saveProgress changes the progress and saves it, as one update that no
// other socktour process can come between; a failure to save is said
// once and does not stop the lesson.
func (o *IO) saveProgress(change func(*progress.Progress)) {
	note, err := o.progressStore().Update(change)
	o.tell(note)
	if err != nil {
		o.tell(err.Error())
	}
}

// tell says a trouble with the progress file, unless one was said.
func (o *IO) tell(trouble string) {
	if trouble == "" || o.told {
		return
	}
	o.told = true
	fmt.Fprintf(o.Err, "socktour: %s\n", trouble)
}

// Terminal is the little socktour needs of a terminal.
type Terminal = tui.Terminal

// SystemIO is the process's standard streams.
func SystemIO() *IO {
	in, out := int(os.Stdin.Fd()), int(os.Stdout.Fd())
	getenv := os.Getenv
	if !tui.PrepareConsole(out) {
		// A console without escape codes (Windows' classic one) is a
		// dumb terminal: no colour, and the line mode's one step per
		// Enter instead of a screen.
		getenv = func(k string) string {
			if k == "TERM" {
				return "dumb"
			}
			return os.Getenv(k)
		}
	}
	return &IO{
		In: os.Stdin, Out: os.Stdout, Err: os.Stderr,
		InTTY: term.IsTerminal(in), OutTTY: term.IsTerminal(out),
		Getenv:    getenv,
		Home:      progress.DefaultDir(os.Getenv),
		Term:      tui.SystemTerminal(in, out),
		Interrupt: notifyInterrupt,
		keys:      tui.TerminalKeys(in),
		menuIn:    func() tui.MenuReader { return tui.TerminalMenuReader(in) },
	}
}

// width is the width to draw at: the terminal's, or 80 for a pipe.
func (o *IO) width() int { return o.console().Width() }

// renderer draws at o's width, in colour unless noColor or o says not.
func (o *IO) renderer(noColor, noHex bool) *render.Renderer {
	return &render.Renderer{Width: o.width(), Pal: render.NewPalette(o.color(noColor)), NoHex: noHex}
}

// color tells whether to colour: only on a terminal, and never with
// NO_COLOR set, TERM=dumb or --no-color.
func (o *IO) color(noColor bool) bool {
	if noColor || o.noColor || !o.OutTTY || o.Getenv == nil {
		return false
	}
	return o.Getenv("NO_COLOR") == "" && o.Getenv("TERM") != "dumb"
}

// console is the terminal interface's view of o: its streams and
// terminal, and what the interface asks of the commands.
func (o *IO) console() *tui.Console {
	if o.con == nil {
		o.con = &tui.Console{In: o.In, Out: o.Out, InTTY: o.InTTY, OutTTY: o.OutTTY, Term: o.Term,
			Getenv: o.Getenv, Keys: o.keys, MenuIn: o.menuIn,
			RunLesson: func(ctx context.Context, n int) ([]trace.Event, error) {
				l, _ := lessons.Get(n)
				return runLesson(ctx, l)
			},
			ShowExercise: func(n int) error { return exerciseCmd([]string{strconv.Itoa(n)}, o) },
			ListLessons:  func() error { return list(nil, o) },
			LoadProgress: o.progress,
			SaveProgress: o.saveProgress,
		}
	}
	o.con.ColorOn = o.color(false)
	return o.con
}
