package runner

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/capture"
	"github.com/socktour/socktour/runner/exercise"
	"github.com/socktour/socktour/runner/progress"
	"github.com/socktour/socktour/runner/render"
)

// defaultLimit is how long verify lets a learner's program run.
const defaultLimit = 10 * time.Second

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
	r := &render.Renderer{Width: io.width(), Pal: render.NewPalette(io.color(fs.noColor))}
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

// verify checks the learner's program: `socktour verify N -- CMD ARGS…`.
func verify(ctx context.Context, args []string, io *IO) error {
	dash := slices.Index(args, "--")
	if dash < 0 || dash == len(args)-1 {
		return usagef("verify needs your program after --, such as: socktour verify 1 -- python3 client.py")
	}
	command := args[dash+1:]
	fs := newFlags("verify")
	server, client := partFlags(fs)
	limit := fs.Duration("timeout", defaultLimit, "how long your program may run")
	packets := fs.Bool("packets", false, "show the packets under the calls, and judge by them too")
	pcap := fs.String("pcap", "", "write the captured packets to this pcap file")
	pos, err := parse(fs, args[:dash])
	if err != nil {
		return err
	}
	ex, err := exerciseArg(pos, "verify", *server, *client)
	if err != nil {
		return err
	}
	if *limit <= 0 {
		return usagef("verify: --timeout must be positive, such as 10s")
	}
	var around exercise.Around
	if *packets || *pcap != "" {
		// The whole command again in a private network, where the
		// learner's program, its child, runs too.
		wire, code, done := beginCaptureOf(ctx, io, "verify", args, *packets, *pcap, false)
		if done {
			return childExit(code)
		}
		defer wire.Close()
		if wire != nil {
			around = wire.Run
		}
	}
	r := &render.Renderer{Width: io.width(), Pal: render.NewPalette(io.color(fs.noColor)), NoHex: true}
	doc := assets.Exercise(ex.Text)
	fmt.Fprintln(io.Out, r.Pal.Title.Sprint(assets.UI("exercise title", "n", strconv.Itoa(ex.Lesson), "title", doc.Title)))
	running := assets.Fill(assets.Section("ui", "verify running"), map[string]string{
		"cmd": shellWords(command), "side": render.SideName(ex.Part), "limit": limit.String()})
	for _, l := range render.Wrap(running, r.Width) {
		fmt.Fprintln(io.Out, r.Pal.Dim.Sprint(l))
	}

	t, err := exercise.RunWith(ctx, ex, command, *limit, around)
	if ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	showTrial(io, r, t)
	if t.Passed() {
		io.saveProgress(func(p *progress.Progress) {
			l := p.Lesson(ex.Lesson)
			if l.Exercises == nil {
				l.Exercises = map[string]time.Time{}
			}
			l.Exercises[ex.Part] = time.Now().UTC().Truncate(time.Second)
		})
		return nil
	}
	return errSilent
}

// shellWords is a command as one would type it, quoting words that hold
// spaces or quotes.
func shellWords(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = a
		if a == "" || strings.ContainsAny(a, " \t'\"$;&|<>()") {
			out[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
	}
	return strings.Join(out, " ")
}

// showTrial prints what crossed the wire, what the program printed, and
// the verdict.
func showTrial(io *IO, r *render.Renderer, t *exercise.Trial) {
	events := t.Rec.Events()
	if len(events) > 0 {
		fmt.Fprintf(io.Out, "\n%s\n%s\n", r.Pal.Title.Sprint(assets.Section("ui", "verify traffic")), r.LaneHeader())
		a := render.NewAnalyzer(0)
		for _, e := range events { // the learner's program has no events: name it
			switch {
			case e.Op == "accept":
				a.Name(e.Remote, assets.UI("verify your client"))
			case e.Op == "connect":
				a.Name(e.Remote, assets.UI("verify your server"))
			case e.Op == "recvfrom":
				a.Name(e.Remote, assets.UI("verify your client"))
			}
		}
		events, wire := render.SplitWire(events) // packets are rows under the calls
		pk := render.MatchWire(events, wire)
		a.Know(events)
		for i, e := range events {
			in := a.Info(e)
			in.Narration = ""
			printLines(io, r.WireBefore(pk, i))
			fmt.Fprintln(io.Out, r.Line(i+1, e, in, false))
			printLines(io, r.WireUnder(pk, i), r.WireNotes(pk, i), r.Details(e, in))
		}
		printLines(io, r.WireEnd(pk))
	}
	if t.Prog != nil {
		for _, out := range []struct {
			key string
			s   *exercise.Stream
		}{
			{"verify stdout", t.Prog.Output()}, {"verify stderr", t.Prog.Errors()},
		} {
			if strings.TrimSpace(out.s.String()) == "" {
				continue
			}
			fmt.Fprintf(io.Out, "\n%s\n", r.Pal.Title.Sprint(assets.Section("ui", out.key)))
			for _, l := range outputLines(out.s) {
				// A long line is folded, never cut: the end of a
				// traceback's line is often what matters.
				for i, part := range render.Fold(l, r.Width-4) {
					bar := "  │ "
					if i > 0 {
						bar = "  ┆ "
					}
					fmt.Fprintln(io.Out, bar+part)
				}
			}
		}
	}
	verdict := assets.Section("ui", "verdict fail")
	style := r.Pal.Error
	if t.Passed() {
		verdict, style = assets.Section("ui", "verdict pass"), r.Pal.Note
	}
	fmt.Fprintf(io.Out, "\n%s\n", style.Sprint(verdict))
	texts := assets.Verdicts()
	for _, c := range t.Checks {
		mark, st := "✓", r.Pal.Note
		if !c.OK {
			mark, st = "✗", r.Pal.Error
		}
		for i, l := range render.Wrap(assets.Fill(texts.Section(c.Key), c.Vals), r.Width-6) {
			lead := "    "
			if i == 0 {
				lead = "  " + st.Sprint(mark) + " "
			}
			fmt.Fprintln(io.Out, lead+l)
		}
	}
}

// printLines prints each line of each list.
func printLines(io *IO, lists ...[]string) {
	for _, l := range lists {
		for _, x := range l {
			fmt.Fprintln(io.Out, x)
		}
	}
}

// beginCaptureOf starts the capture that --packets or --pcap asks for,
// for command cmd (see capture.Begin): done means the command ran in a
// private network of its own, started again there with args, and ended
// with exit code code. outside is for serve and watch, whose peers are
// outside programs: the host's loopback only.
func beginCaptureOf(ctx context.Context, io *IO, cmd string, args []string, packets bool, pcap string, outside bool) (*capture.Wire, int, bool) {
	again := []string{"--lang", assets.Language()}
	if io.noColor {
		again = append(again, "--no-color")
	}
	return capture.Begin(ctx, capture.Request{
		Args: append(append(again, cmd), args...),
		In:   io.In, Out: io.Out, Err: io.Err, Getenv: io.Getenv, Say: assets.UI,
		Events: packets, Pcap: pcap, Outside: outside})
}

// shownFirst and shownLast are how many lines of a long output verify
// shows: its first ones, then a mark for those left out, then its last.
const shownFirst, shownLast = 9, 3

// outputLines is what verify shows of an output: all of it when short,
// else its first lines, a count of those left out, and its last lines.
func outputLines(s *exercise.Stream) []string {
	var first, last []string
	if s.Dropped() == 0 {
		all := strings.Split(strings.TrimRight(s.String(), "\n"), "\n")
		if len(all) <= shownFirst+shownLast+1 {
			return all
		}
		first, last = all[:shownFirst], all[len(all)-shownLast:]
	} else {
		head := strings.Split(s.Head(), "\n")
		first = head[:min(shownFirst, len(head))]
		tail := strings.Split(strings.TrimRight(s.Tail(), "\n"), "\n")
		last = tail[max(0, len(tail)-shownLast):]
	}
	more := assets.Fill(assets.Verdicts().Section("output left out"),
		map[string]string{"n": strconv.Itoa(max(0, s.Lines()-len(first)-len(last)))})
	return append(append(first, more), last...)
}
