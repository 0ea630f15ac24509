package tui

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/render"
)

// dumb reports a terminal that cannot move its cursor or clear its screen
// (TERM=dumb, as in an editor's shell buffer): it gets line mode, never
// the alternate screen or promptui's redrawn menu.
func (o *Console) dumb() bool {
	return o.Getenv != nil && o.Getenv("TERM") == "dumb"
}

// lines reads what the learner types, a line at a time, giving up when
// ctx ends (Ctrl-C): the read goes on in a goroutine of its own.
type lines struct {
	ctx context.Context
	in  *bufio.Reader
}

func (o *Console) lineReader(ctx context.Context) *lines {
	if o.typed == nil {
		o.typed = bufio.NewReader(o.In)
	}
	return &lines{ctx: ctx, in: o.typed}
}

// next returns the next line typed, trimmed; ok is false at the end of
// the input or when ctx ended.
func (l *lines) next() (line string, ok bool) {
	got := make(chan string, 1)
	go func() {
		s, err := l.in.ReadString('\n')
		if err != nil && s == "" {
			close(got)
			return
		}
		got <- strings.TrimSpace(s)
	}()
	select {
	case s, ok := <-got:
		return s, ok
	case <-l.ctx.Done():
		return "", false
	}
}

// playLines plays a run in line mode: the transcript, one step per Enter,
// with the questions asked (a number answers, Enter alone skips). q and
// Enter ends it.
func playLines(ctx context.Context, io *Console, r *render.Renderer, s *Show, noQuiz bool) error {
	in := io.lineReader(ctx)
	var quiz []Question
	if !noQuiz {
		quiz = Questions(s.N, s.Ordered, s.Infos())
	}
	last := len(s.Ordered)
	stopped := false
	pause := func(step int) bool {
		if stopped {
			return false
		}
		for _, q := range quiz {
			if q.Before == step && !askLine(io, r, in, q) {
				stopped = true // q at the answer: stop, as at the prompt
				fmt.Fprintln(io.Out)
				return false
			}
		}
		if step > len(s.Ordered) {
			return true // the closing words and the diagram follow at once
		}
		fmt.Fprint(io.Out, r.Pal.Dim.Sprint(assets.Fill(assets.Section("ui", "line prompt"),
			map[string]string{"step": strconv.Itoa(step), "last": strconv.Itoa(last)}))+" ")
		typed, ok := in.next()
		if !ok || typed == "q" {
			stopped = true
			fmt.Fprintln(io.Out)
			return false
		}
		return true
	}
	r.PacedTranscript(io.Out, s.N, s.Heading, s.Shown(), nil, pause)
	if ctx.Err() != nil {
		return ErrInterrupted
	}
	return nil
}

// askLine asks one question in line mode and says what the run answered;
// false means the learner typed q, to stop the lesson.
func askLine(io *Console, r *render.Renderer, in *lines, q Question) bool {
	fmt.Fprintln(io.Out, "    "+r.Pal.Tutor.Sprint("? "+q.head()))
	for _, l := range render.Wrap(q.Text, r.Width-8) {
		fmt.Fprintln(io.Out, "      "+l)
	}
	for i, c := range q.Choices {
		fmt.Fprintf(io.Out, "      %d  %s\n", i+1, c)
	}
	fmt.Fprint(io.Out, "      "+assets.Fill(assets.Section("ui", "line answer"), map[string]string{"n": strconv.Itoa(len(q.Choices))})+" ")
	typed, ok := in.next()
	if !ok || typed == "q" {
		return false
	}
	choice := ""
	if i, err := strconv.Atoi(typed); err == nil && i >= 1 && i <= len(q.Choices) {
		choice = q.Choices[i-1]
	}
	said, _ := q.verdict(choice)
	for _, l := range render.Wrap(said, r.Width-8) {
		fmt.Fprintln(io.Out, "      "+l)
	}
	return true
}

// menuLines is the menu in line mode: the list, then a lesson's number.
func menuLines(ctx context.Context, io *Console) error {
	in := io.lineReader(ctx)
	for {
		if err := io.ListLessons(); err != nil {
			return err
		}
		fmt.Fprint(io.Out, "\n"+assets.Fill(assets.Section("ui", "line menu"), map[string]string{"last": LessonRange()})+" ")
		typed, ok := in.next()
		if !ok || typed == "q" {
			fmt.Fprintln(io.Out)
			return nil
		}
		if typed == "" {
			continue
		}
		n, err := strconv.Atoi(typed)
		l, ok := lessons.Get(n)
		if err != nil || !ok {
			fmt.Fprintf(io.Out, assets.Message("unknown lesson %q (%s)")+"\n", typed, LessonRange())
			continue
		}
		events, err := io.RunLesson(ctx, l.Number)
		if err != nil {
			return err
		}
		r := &render.Renderer{Width: io.Width(), Pal: render.NewPalette(false)}
		if err := playLines(ctx, io, r, NewShow(l.Number, "", events), false); err != nil {
			return err
		}
	}
}
