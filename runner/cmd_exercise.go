package runner

import (
	"fmt"
	"strconv"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/exercise"
	"github.com/socktour/socktour/runner/progress"
)

// exerciseArg reads "N" and --client/--server into lesson N's exercise.
func exerciseArg(pos []string, cmd string, server, client bool) (*exercise.Exercise, error) {
	l, err := lessonArg(pos, cmd)
	if err != nil {
		return nil, err
	}
	exs := exercise.For(l.Number)
	if server && client {
		return nil, usagef("%s: --client or --server, not both", cmd)
	}
	if len(exs) == 0 {
		return nil, usagef("%s: lesson %d has no exercise", cmd, l.Number)
	}
	for _, e := range exs {
		if (server && e.Part == "server") || (client && e.Part == "client") || (!server && !client) {
			return e, nil
		}
	}
	part := "server"
	if client {
		part = "client"
	}
	return nil, usagef("%s: lesson %d's exercise is a %s, not a %s", cmd, l.Number, exs[0].Part, part)
}

// partFlags adds --client and --server, for lessons with both exercises.
func partFlags(fs *flags) (server, client *bool) {
	return fs.Bool("server", false, "the exercise where you write the server"),
		fs.Bool("client", false, "the exercise where you write the client")
}

// exerciseCmd states lesson N's exercises: `socktour exercise N`, or only
// the one --client or --server names.
func exerciseCmd(args []string, io *IO) error {
	fs := newFlags("exercise")
	server, client := partFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	l, err := lessonArg(pos, "exercise")
	if err != nil {
		return err
	}
	exs := exercise.For(l.Number)
	if *server || *client || len(exs) == 0 {
		ex, err := exerciseArg(pos, "exercise", *server, *client)
		if err != nil {
			return err
		}
		exs = []*exercise.Exercise{ex}
	}
	r := io.renderer(fs.noColor, false)
	p := io.progress()
	for i, ex := range exs {
		if i > 0 {
			fmt.Fprintln(io.Out)
		}
		doc := assets.Exercise(ex.Text)
		title := assets.UI("exercise title", "n", strconv.Itoa(l.Number), "title", doc.Title)
		if passed(p, ex) {
			title += "  " + assets.UI("exercise passed")
		}
		fmt.Fprintln(io.Out, r.Pal.Title.Sprint(title))
		words := map[string]string{"n": strconv.Itoa(l.Number), "flag": partFlag(ex)}
		for _, part := range []struct{ head, text string }{
			{"", doc.Summary},
			{assets.Section("ui", "exercise exchange"), doc.Section("exchange")},
			{assets.Section("ui", "exercise checked"), doc.Section("checked")},
			{assets.Section("ui", "exercise try"), assets.Fill(assets.Section("ui", "exercise try text"), words)},
		} {
			fmt.Fprintln(io.Out)
			if part.head != "" {
				fmt.Fprintln(io.Out, r.Pal.Title.Sprint(part.head))
			}
			for _, line := range r.Paragraphs(part.text) {
				fmt.Fprintln(io.Out, line)
			}
		}
	}
	return nil
}

// partFlag is the flag that names ex among its lesson's exercises.
func partFlag(ex *exercise.Exercise) string {
	if len(exercise.For(ex.Lesson)) > 1 {
		return " --" + ex.Part
	}
	return ""
}

func passed(p *progress.Progress, ex *exercise.Exercise) bool {
	l := p.Peek(ex.Lesson)
	if l == nil {
		return false
	}
	_, ok := l.Exercises[ex.Part]
	return ok
}
