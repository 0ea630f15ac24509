package tui

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
	"github.com/socktour/socktour/runner/exercise"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/trace"
)

// menuItem is one row of the menu.
type menuItem struct {
	Line    string // "1 ✓ ★ Basic TCP: a client says hello   你好 in, 欢迎 back…"
	Details string // under the list while the row is highlighted
	kind    string // "lesson", "go on", "exercise" or "quit"
	lesson  int
	step    int  // where "go on" starts
	key     byte // the letter that chooses the row: c, e, q; 0 for a lesson
}

// menu lets the learner pick lessons until they quit. Without a terminal
// on both ends it prints the lesson list and how to run one instead.
func menu(ctx context.Context, io *Console) error {
	if !io.InTTY || !io.OutTTY || io.Term == nil {
		if err := io.ListLessons(); err != nil {
			return err
		}
		fmt.Fprintln(io.Out, "\n"+assets.UI("menu no terminal"))
		return nil
	}
	if io.dumb() {
		return menuLines(ctx, io)
	}
	pal := render.NewPalette(io.ColorOn)
	played := 0 // the lesson last played here: the cursor goes back to it
	for {
		w, _ := io.Term.Size()
		items := menuItems(io.progress(), w)
		cursor := 0 // the offer to go on, when there is one; else lesson 1
		for i, it := range items {
			if it.kind == "lesson" && (played == 0 && items[0].kind != "go on" && it.lesson == 1 || it.lesson == played) {
				cursor = i
			}
		}
		choice, err := pick(io, items, cursor, w)
		if err != nil {
			return err
		}
		it := items[choice]
		switch it.kind {
		case "quit":
			return nil
		case "exercise":
			if err := menuExercise(io, it.lesson); err != nil {
				return err
			}
			continue
		case "language":
			next := nextLanguage(assets.Language())
			assets.SetLanguage(next)
			io.saveProgress(func(p *progress.Progress) { p.Lang = next })
			continue
		}
		l, ok := lessons.Get(it.lesson)
		if !ok {
			continue
		}
		played = l.Number
		events, err := io.RunLesson(ctx, l.Number)
		if err != nil {
			return err
		}
		s := NewShow(l.Number, "", events)
		s.Rerun = func(ctx context.Context) ([]trace.Event, error) { return io.RunLesson(ctx, l.Number) }
		p := newPlayer(ctx, io, s, pal)
		p.step, p.inMenu = min(it.step, p.last()), true
		if err := p.play(); err != nil {
			return err
		}
		played = p.show.N // → at the end may have gone on to the next lesson
	}
}

// menuItems is a row per lesson, each marked with the learner's progress,
// then Quit. First come the ways on from where the learner was: to go on
// in a lesson left half-way, or to start the next after a finished one;
// and the exercise of the lesson last played. Every row fits w columns
// (promptui's redraw breaks on a row that wraps).
func menuItems(p *progress.Progress, w int) []menuItem {
	room := max(w-5, 20) // promptui puts 4 columns before a row
	legend := packed(strings.Split(assets.Section("ui", "menu legend"), "  "), w-1)
	details := func(text string) string {
		var lines []string
		for _, l := range append(render.Wrap(text, w-1), legend...) {
			lines = append(lines, render.Fit(l, w-1))
		}
		return strings.Join(lines, "\n")
	}
	var items []menuItem
	offer := func(kind, section string, lesson, step int, key byte, vals map[string]string) {
		line := assets.Fill(assets.Section("ui", section), vals)
		items = append(items, menuItem{Line: render.Shorten(line, room), Details: details(line),
			kind: kind, lesson: lesson, step: step, key: key})
	}
	if last := p.Last; last != nil && hasLesson(last.Lesson) {
		n := last.Lesson
		done := p.Peek(n) != nil && p.Peek(n).Finished != nil
		switch {
		case !done && last.Step > 0:
			offer("go on", "menu continue", n, last.Step, 'c', map[string]string{
				"n": strconv.Itoa(n), "step": strconv.Itoa(last.Step), "title": Title(n)})
		case done && hasLesson(n+1):
			offer("go on", "menu next", n+1, 0, 'c', map[string]string{"n": strconv.Itoa(n + 1), "title": Title(n + 1)})
		}
		if exs := exercise.For(n); len(exs) > 0 {
			offer("exercise", "menu exercise", n, 0, 'e', map[string]string{
				"n": strconv.Itoa(n), "title": assets.Exercise(exs[0].Text).Title})
		}
	}
	titleW := 0
	for _, l := range lessons.All {
		titleW = max(titleW, render.Width(assets.Lesson(l.Number).Title))
	}
	for _, l := range lessons.All {
		doc := assets.Lesson(l.Number)
		line := fmt.Sprintf("%2d %s %s", l.Number, Marks(p, l.Number), doc.Title)
		if room >= 7+titleW+2+16 { // a summary column only where it has room to say something
			line += strings.Repeat(" ", 7+titleW+2-render.Width(line)) + doc.Summary
		}
		items = append(items, menuItem{Line: render.Shorten(line, room), Details: details(doc.Summary),
			kind: "lesson", lesson: l.Number})
	}
	lang := assets.UI("menu language", "languages", languageNames())
	items = append(items, menuItem{Line: render.Shorten(lang, room), Details: details(lang), kind: "language", key: 'l'})
	quit := assets.Section("ui", "menu quit")
	return append(items, menuItem{Line: quit, Details: details(""), kind: "quit", key: 'q'})
}

// languageNames are the languages in their own words, the current one
// marked: "[English] · 中文 · 한국어".
func languageNames() string {
	names := map[string]string{assets.English: "English", assets.Chinese: "中文", assets.Korean: "한국어"}
	var parts []string
	for _, l := range assets.Languages {
		if l == assets.Language() {
			parts = append(parts, "["+names[l]+"]")
		} else {
			parts = append(parts, names[l])
		}
	}
	return strings.Join(parts, " · ")
}

// nextLanguage is the language after l, in the menu's order.
func nextLanguage(l string) string {
	for i, k := range assets.Languages {
		if k == l {
			return assets.Languages[(i+1)%len(assets.Languages)]
		}
	}
	return assets.English
}

// packed lays out items on lines of at most w columns, two spaces apart,
// never breaking an item (a mark stays with its word).
func packed(items []string, w int) []string {
	var lines []string
	line := ""
	for _, it := range items {
		switch {
		case line == "":
			line = it
		case render.Width(line)+2+render.Width(it) <= w:
			line += "  " + it
		default:
			lines, line = append(lines, line), it
		}
	}
	return append(lines, line)
}

// menuExercise shows lesson n's exercise, chosen in the menu, until Enter.
func menuExercise(io *Console, n int) error {
	fmt.Fprint(io.Out, "\x1b[H\x1b[2J")
	if err := io.ShowExercise(n); err != nil {
		return err
	}
	fmt.Fprintln(io.Out, "\n"+assets.Section("ui", "menu back"))
	in := io.menuReader()
	defer in.Close()
	b := make([]byte, 1)
	for {
		if _, err := in.Read(b); err != nil || b[0] == '\r' || b[0] == '\n' {
			return nil
		}
	}
}

// pick shows the menu once, w columns wide, and returns the chosen row.
func pick(o *Console, items []menuItem, cursor, w int) (int, error) {
	// As many rows as fit under the label and above the details (the
	// lesson's summary and the legend); promptui scrolls the rest.
	size := len(items)
	if _, h := o.Term.Size(); h > 0 {
		details := 0
		for _, it := range items {
			details = max(details, strings.Count(it.Details, "\n")+1)
		}
		size = max(3, min(size, h-1-details-1))
	}
	// promptui's own colours ignore NO_COLOR: use them only when colour is on.
	active, label := "▸ {{ .Line }}", "{{ . }}"
	if o.ColorOn {
		active, label = "▸ {{ .Line | cyan | bold }}", "{{ . | bold }}"
	}
	in := o.menuReader()
	defer in.Close()
	keys := &menuKeys{r: in, items: len(items), letters: map[byte]int{}}
	for i, it := range items {
		if it.key != 0 {
			keys.letters[it.key] = i
		}
		if it.kind == "lesson" && it.lesson == 1 {
			keys.first = i
		}
		if it.kind == "lesson" {
			keys.lessons++
		}
	}
	sel := &promptui.Select{
		Label: render.Fit(assets.Section("ui", "menu"), w-1),
		Items: items,
		Size:  size,
		Templates: &promptui.SelectTemplates{
			Label:    label,
			Active:   active,
			Inactive: "  {{ .Line }}",
			Selected: " ",
			Details:  "{{ .Details }}",
		},
		HideHelp:     true,
		HideSelected: true,
		Stdin:        keys,
		Stdout:       noBell{o.Out},
	}
	fmt.Fprint(o.Out, "\x1b[H\x1b[2J")
	i, _, err := sel.RunCursorAt(cursor, max(0, cursor-size+1))
	switch {
	case errors.Is(err, promptui.ErrInterrupt):
		return 0, ErrInterrupted
	case errors.Is(err, promptui.ErrEOF), errors.Is(err, io.EOF):
		return len(items) - 1, nil
	case err != nil:
		return 0, fmt.Errorf(assets.Message("menu: %w"), err)
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

// hasLesson reports whether the course has a lesson numbered n: lessons
// register by number, so a number below the last may still be missing.
func hasLesson(n int) bool {
	_, ok := lessons.Get(n)
	return ok
}
