package runner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/manifoldco/promptui"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// menuItem is one row of the menu.
type menuItem struct {
	Line    string // "1  Basic TCP: a client says hello   你好 in, 欢迎 back…"
	Summary string
}

// menu lets the learner pick lessons until they quit. Without a terminal
// on both ends it prints the lesson list and how to run one instead.
func menu(ctx context.Context, io *IO) error {
	if !io.InTTY || !io.OutTTY || io.Term == nil {
		if err := list(nil, io); err != nil {
			return err
		}
		fmt.Fprintln(io.Out, "\nRun a lesson with: socktour run N   (socktour --help for more)")
		return nil
	}
	pal := render.NewPalette(io.color(false))
	lesson := 1 // where the cursor goes: the lesson last played
	for {
		prog := io.progress()
		items, goOn := menuItems(prog)
		offset := 0
		if goOn != nil {
			offset = 1
		}
		choice, err := pick(io, io.color(false), items, lesson-1+offset, offset)
		if err != nil {
			return err
		}
		if choice == len(items)-1 { // Quit
			return nil
		}
		start := 0
		var l *lessons.Lesson
		if goOn != nil && choice == 0 {
			l, start = lessons.All[goOn.Lesson-1], goOn.Step
		} else {
			l = lessons.All[choice-offset]
		}
		lesson = l.Number
		events, err := runLesson(ctx, l)
		if err != nil {
			return err
		}
		s := newShow(l.Number, "", events)
		s.rerun = func(ctx context.Context) ([]trace.Event, error) { return runLesson(ctx, l) }
		p := newPlayer(ctx, io, s, pal)
		p.step = min(start, p.last())
		if err := p.play(); err != nil {
			return err
		}
	}
}

// menuItems is a row per lesson, each marked with the learner's progress,
// then Quit; first, when the learner stopped in the middle of a lesson, an
// offer to go on from there, which goOn names.
func menuItems(p *progress.Progress) (items []menuItem, goOn *progress.Place) {
	if last := p.Last; last != nil && last.Step > 0 && last.Lesson >= 1 && last.Lesson <= len(lessons.All) {
		if l := p.Peek(last.Lesson); l == nil || l.Finished == nil {
			goOn = last
			line := assets.Fill(assets.Section("ui", "menu continue"), map[string]string{
				"n": strconv.Itoa(last.Lesson), "step": strconv.Itoa(last.Step), "title": title(last.Lesson)})
			items = append(items, menuItem{Line: render.Fit(line, 74)})
		}
	}
	for _, l := range lessons.All {
		doc := assets.Lesson(l.Number)
		line := fmt.Sprintf("%d %s %s", l.Number, marks(p, l.Number), doc.Title)
		line += strings.Repeat(" ", max(2, 36-render.Width(line))) + doc.Summary
		// promptui indents rows by four; a row that wraps breaks its redraw.
		items = append(items, menuItem{Line: render.Fit(line, 74), Summary: doc.Summary})
	}
	return append(items, menuItem{Line: "q     Quit"}), goOn
}

// pick shows the menu once and returns the chosen row.
func pick(o *IO, colorOn bool, items []menuItem, cursor, offset int) (int, error) {
	// promptui's own colours ignore NO_COLOR: use them only when colour is on.
	active, label := "▸ {{ .Line }}", "{{ . }}"
	if colorOn {
		active, label = "▸ {{ .Line | cyan | bold }}", "{{ . | bold }}"
	}
	in := o.menuReader()
	defer in.Close()
	sel := &promptui.Select{
		Label: assets.Section("ui", "menu"),
		Items: items,
		Size:  len(items),
		Templates: &promptui.SelectTemplates{
			Label:    label,
			Active:   active,
			Inactive: "  {{ .Line }}",
			Selected: " ",
		},
		HideHelp:     true,
		HideSelected: true,
		Stdin:        &menuKeys{r: in, items: len(items), offset: offset},
		Stdout:       noBell{o.Out},
	}
	fmt.Fprint(o.Out, "\x1b[H\x1b[2J")
	i, _, err := sel.RunCursorAt(cursor, 0)
	switch {
	case errors.Is(err, promptui.ErrInterrupt):
		return 0, errInterrupted
	case errors.Is(err, promptui.ErrEOF), errors.Is(err, io.EOF):
		return len(items) - 1, nil
	case err != nil:
		return 0, fmt.Errorf("menu: %w", err)
	}
	return i, nil
}

// noBell drops the terminal bell that promptui's line reader rings on
// every arrow key on Linux.
type noBell struct{ w io.Writer }

func (n noBell) Write(b []byte) (int, error) {
	if !strings.ContainsRune(string(b), '\a') {
		return n.w.Write(b)
	}
	if _, err := n.w.Write([]byte(strings.ReplaceAll(string(b), "\a", ""))); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (n noBell) Close() error { return nil }
