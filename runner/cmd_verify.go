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
		wire, code, done := beginCapture(ctx, io, "verify", args,
			capture.Request{Events: *packets, Pcap: *pcap})
		if done {
			return childExit(code)
		}
		defer wire.Close()
		if wire != nil {
			around = wire.Run
		}
	}
	r := io.renderer(fs.noColor, true)
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
		r.Steps(io.Out, a, events, func(_ int, in *render.Info) bool {
			in.Narration = "" // the exercise's own words say what is checked
			return true
		})
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

// beginCapture starts the capture that --packets or --pcap asks for, for
// command cmd (see capture.Begin), with what req says of it (Events,
// Pcap, Outside, Bulk): done means the command ran in a private network
// of its own, started again there with args, and ended with exit code
// code.
func beginCapture(ctx context.Context, io *IO, cmd string, args []string, req capture.Request) (*capture.Wire, int, bool) {
	again := []string{"--lang", assets.Language()}
	if io.noColor {
		again = append(again, "--no-color")
	}
	req.Args = append(append(again, cmd), args...)
	req.In, req.Out, req.Err, req.Getenv, req.Say = io.In, io.Out, io.Err, io.Getenv, assets.UI
	return capture.Begin(ctx, req)
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
