package runner

import (
	"fmt"
	"strconv"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
)

// hint gives lesson N's exercise hints one at a time: `socktour hint N`.
func hint(args []string, io *IO) error {
	fs := newFlags("hint")
	server, client := partFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	ex, err := exerciseArg(pos, "hint", *server, *client)
	if err != nil {
		return err
	}
	doc := assets.Exercise(ex.Text)
	var hints []string
	for i := 1; doc.Section("hint "+strconv.Itoa(i)) != ""; i++ {
		hints = append(hints, doc.Section("hint "+strconv.Itoa(i)))
	}
	seen := 0
	if l := io.progress().Peek(ex.Lesson); l != nil {
		seen = l.Hints[ex.Part]
	}
	next := min(seen+1, len(hints))
	io.saveProgress(func(p *progress.Progress) {
		l := p.Lesson(ex.Lesson)
		if l.Hints == nil {
			l.Hints = map[string]int{}
		}
		l.Hints[ex.Part] = next
	})
	r := io.renderer(fs.noColor, false)
	fmt.Fprintln(io.Out, r.Pal.Title.Sprint(assets.UI("exercise title", "n", strconv.Itoa(ex.Lesson), "title", doc.Title)))
	for i := 0; i < next; i++ {
		fmt.Fprintln(io.Out)
		fmt.Fprintln(io.Out, r.Pal.Title.Sprint(assets.UI("hint of", "k", strconv.Itoa(i+1), "n", strconv.Itoa(len(hints)))))
		for _, l := range r.Paragraphs(hints[i]) {
			fmt.Fprintln(io.Out, l)
		}
	}
	words := map[string]string{"n": strconv.Itoa(ex.Lesson), "flag": partFlag(ex)}
	key := "hint more"
	if next == len(hints) {
		key = "hint last"
	}
	fmt.Fprintln(io.Out)
	for _, l := range r.Paragraphs(assets.Fill(assets.Section("ui", key), words)) {
		fmt.Fprintln(io.Out, r.Pal.Dim.Sprint(l))
	}
	return nil
}

// solution shows a worked solution, in Go and in Python, after asking:
// `socktour solution N [--yes]`.
func solution(args []string, io *IO) error {
	fs := newFlags("solution")
	server, client := partFlags(fs)
	yes := fs.Bool("yes", false, "show it without asking")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	ex, err := exerciseArg(pos, "solution", *server, *client)
	if err != nil {
		return err
	}
	words := map[string]string{"n": strconv.Itoa(ex.Lesson), "flag": partFlag(ex)}
	if !*yes {
		ok, err := confirm(io, assets.Fill(assets.Section("ui", "solution confirm"), words))
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
	}
	pal := render.NewPalette(io.color(fs.noColor))
	goSrc, pySrc := assets.Solution(ex.Text)
	doc := assets.Exercise(ex.Text)
	fmt.Fprintln(io.Out, pal.Title.Sprint(assets.UI("solution title", "n", strconv.Itoa(ex.Lesson), "title", doc.Title)))
	fmt.Fprintf(io.Out, "\n%s\n\n%s\n", pal.Title.Sprint("Go (main.go)"), highlight(goSrc, pal))
	fmt.Fprintf(io.Out, "\n%s\n\n%s", pal.Title.Sprint("Python"), pySrc)
	fmt.Fprintln(io.Out, "\n"+pal.Dim.Sprint(assets.Fill(assets.Section("ui", "solution try"), words)))
	return nil
}
