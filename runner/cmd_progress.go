package runner

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/exercise"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
	"github.com/socktour/socktour/runner/tui"
)

// showProgress prints the learner's progress: `socktour progress`.
func showProgress(args []string, io *IO) error {
	fs := newFlags("progress")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("progress takes no arguments")
	}
	pal := render.NewPalette(io.color(fs.noColor))
	p := io.progress()
	fmt.Fprintln(io.Out, pal.Title.Sprint(assets.Section("ui", "progress heading")))
	for _, l := range lessons.All {
		fmt.Fprintf(io.Out, "  %s  %2d  %s\n", tui.Marks(p, l.Number), l.Number, tui.Title(l.Number))
		if details := progressDetails(p, l.Number); details != "" {
			fmt.Fprintf(io.Out, "            %s\n", pal.Dim.Sprint(details))
		}
	}
	if p.Last != nil {
		key := "progress last"
		if l := p.Peek(p.Last.Lesson); l != nil && l.Finished != nil {
			key = "progress finished"
			if p.Last.Lesson == lessons.All[len(lessons.All)-1].Number {
				key = "progress all"
			}
		}
		fmt.Fprintln(io.Out)
		fmt.Fprintln(io.Out, assets.Fill(assets.Section("ui", key), map[string]string{
			"n": strconv.Itoa(p.Last.Lesson), "step": strconv.Itoa(p.Last.Step),
			"next": strconv.Itoa(p.Last.Lesson + 1)}))
	}
	where := assets.UI("progress in memory")
	if io.store != nil && io.store.Path() != "" {
		where = io.store.Path()
	}
	fmt.Fprintln(io.Out)
	fmt.Fprintln(io.Out, pal.Dim.Sprint(assets.Fill(assets.Section("ui", "progress legend"), map[string]string{"file": where})))
	return nil
}

// progressDetails says in words what a lesson's marks mean.
func progressDetails(p *progress.Progress, n int) string {
	l := p.Peek(n)
	if l == nil {
		return ""
	}
	var parts []string
	if l.Finished != nil {
		parts = append(parts, assets.UI("progress done", "when", l.Finished.Local().Format("2006-01-02 15:04")))
	}
	if len(l.Questions) > 0 {
		right := 0
		for _, ok := range l.Questions {
			if ok {
				right++
			}
		}
		parts = append(parts, assets.UI("progress right", "right", strconv.Itoa(right), "of", strconv.Itoa(len(l.Questions))))
	}
	for _, ex := range exercise.For(n) {
		if _, ok := l.Exercises[ex.Part]; ok {
			parts = append(parts, assets.UI("progress passed", "part", render.SideName(ex.Part)))
		} else if l.Hints[ex.Part] > 0 {
			key := "progress hints"
			if l.Hints[ex.Part] == 1 {
				key = "progress hint"
			}
			parts = append(parts, assets.UI(key, "part", render.SideName(ex.Part), "n", strconv.Itoa(l.Hints[ex.Part])))
		}
	}
	return strings.Join(parts, "; ")
}

// reset clears progress: `socktour reset N|all [--yes]`.
func reset(args []string, io *IO) error {
	fs := newFlags("reset")
	yes := fs.Bool("yes", false, "reset without asking")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	n, what := 0, assets.Section("ui", "reset all")
	if len(pos) != 1 || pos[0] != "all" {
		l, err := lessonArg(pos, "reset")
		if err != nil {
			return usagef("reset takes a lesson number or all (%s)", tui.LessonRange())
		}
		n, what = l.Number, assets.Fill(assets.Section("ui", "reset one"), map[string]string{"n": strconv.Itoa(l.Number)})
	}
	if !*yes {
		ok, err := confirm(io, assets.Fill(assets.Section("ui", "reset confirm"), map[string]string{"what": what}))
		if err != nil || !ok {
			return err
		}
	}
	if _, err := io.progressStore().Update(func(p *progress.Progress) { p.Reset(n) }); err != nil {
		return err
	}
	fmt.Fprintln(io.Out, assets.Fill(assets.Section("ui", "reset done"), map[string]string{"what": what}))
	return nil
}
