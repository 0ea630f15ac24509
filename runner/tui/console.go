// Package tui is socktour's terminal interface: the lesson menu
// (promptui), the step player with its keys, the questions it asks, line
// mode for a terminal that cannot redraw, and the reading of keys on each
// system. It shows what render draws of a run's events; what a command
// does (run a lesson, state an exercise, keep progress) it asks of the
// Console's functions, so the flow stays one way: commands → tui →
// render → trace.
package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"

	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/trace"
)

// ErrInterrupted ends the program at once, as Ctrl-C in the player or a
// menu does.
var ErrInterrupted = errors.New("interrupted")

// ErrNoTerminal is a question asked where there is no terminal to ask in.
var ErrNoTerminal = errors.New("no terminal")

// Terminal is the little the interface needs of a terminal.
type Terminal interface {
	// Raw switches to raw mode (single keys, no echo) and returns the
	// function that restores the mode it found.
	Raw() (restore func(), err error)
	// Size is the terminal's width and height.
	Size() (w, h int)
}

// Console is the terminal the interface draws on and reads keys from,
// and what it asks of the commands.
type Console struct {
	In  io.Reader
	Out io.Writer
	// InTTY and OutTTY tell whether In and Out are a terminal.
	InTTY, OutTTY bool
	// Term switches the terminal to raw mode and tells its size.
	Term Terminal
	// Getenv reads the environment (TERM).
	Getenv func(string) string
	// Keys are the player's keys: TerminalKeys for a real terminal; nil
	// reads them from In, as tests type them.
	Keys KeySource
	// MenuIn opens what the menu reads: TerminalMenuReader for a real
	// terminal; nil reads In.
	MenuIn func() MenuReader
	// ColorOn tells whether to colour the menu.
	ColorOn bool

	// RunLesson runs lesson n for real and returns its events.
	RunLesson func(ctx context.Context, n int) ([]trace.Event, error)
	// ShowExercise prints lesson n's exercise, as `socktour exercise N`.
	ShowExercise func(n int) error
	// ListLessons prints the lesson list, as `socktour list`.
	ListLessons func() error
	// LoadProgress and SaveProgress read and change the learner's
	// progress.
	LoadProgress func() *progress.Progress
	SaveProgress func(change func(*progress.Progress))

	typed *bufio.Reader // In, buffered for line mode
}

func (c *Console) progress() *progress.Progress { return c.LoadProgress() }

func (c *Console) saveProgress(change func(*progress.Progress)) { c.SaveProgress(change) }

// KeySource is where the player's keys come from.
func (c *Console) keySource() KeySource {
	if c.Keys == nil {
		c.Keys = &readerKeys{r: c.In}
	}
	return c.Keys
}

// Width is the width to draw at: the terminal's, or 80 for a pipe.
func (c *Console) Width() int {
	if c.OutTTY && c.Term != nil {
		w, _ := c.Term.Size()
		return w
	}
	return 80
}

// Title is lesson n's title, in the learner's language.
func Title(n int) string {
	if t := assets.LessonTitle(n); t != "" {
		return t
	}
	return assets.UI("lesson heading", "n", strconv.Itoa(n))
}

// LessonRange says which lessons there are: "lessons are 1 to 13".
func LessonRange() string {
	return fmt.Sprintf(assets.Message("lessons are 1 to %d"), lessons.All[len(lessons.All)-1].Number)
}
