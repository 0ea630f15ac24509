package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/lessons"
	"github.com/socktour/socktour/runner/recording"
	"github.com/socktour/socktour/runner/trace"
	"github.com/socktour/socktour/runner/tui"
)

// replay plays a recording made by `run N --record` or `watch --record`
// exactly like a live run, without opening a socket.
func replay(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("replay")
	var o playOptions
	addPlayFlags(fs, &o)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("replay takes one recording file, made with socktour run N --record FILE")
	}
	if err := o.check("replay"); err != nil {
		return err
	}
	rec, err := loadRecording(ctx, pos[0])
	if err != nil {
		return err
	}
	heading := ""
	if rec.Header.Lesson == 0 {
		heading = assets.UI("watched heading", "watch", rec.Header.Watch)
	}
	s := tui.NewShow(rec.Header.Lesson, heading, rec.Events)
	s.ReplayOf = assets.UI("replay mark", "file", filepath.Base(pos[0]),
		"when", rec.Header.Recorded.Local().Format("2006-01-02 15:04"))
	return present(ctx, io, fs.noColor, o, s)
}

// loadRecording reads and checks a recording file. It stays
// interruptible throughout: opening a FIFO waits for a writer, and
// reading one waits for its bytes, but ctx being done ends either at once.
func loadRecording(ctx context.Context, name string) (*recording.Recording, error) {
	f, err := openRecording(ctx, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, &recording.Error{File: name, Msg: "a directory, not a recording"}
	} else if err == nil && st.Mode().IsRegular() && st.Size() > recording.MaxSize {
		return nil, &recording.Error{File: name, Msg: "larger than 1 GiB: not a recording socktour would make"}
	}
	stop := context.AfterFunc(ctx, func() { f.Close() }) // wakes a read that waits
	defer stop()
	rec, err := recording.Read(ctx, f, name)
	if ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, err
	}
	if n := rec.Header.Lesson; n > 0 {
		if _, ok := lessons.Get(n); !ok {
			return nil, &recording.Error{File: name, Line: 1, Msg: fmt.Sprintf(
				"the recording is of lesson %d, and this socktour has lessons 1 to %d", n, len(lessons.All))}
		}
	}
	return rec, nil
}

// openRecording opens name for reading unless ctx is done first: the open
// of a FIFO waits for a writer, and nothing can interrupt it. Then it is
// left to finish on its own; the file it opens is closed.
func openRecording(ctx context.Context, name string) (*os.File, error) {
	type opened struct {
		f   *os.File
		err error
	}
	done := make(chan opened, 1)
	go func() {
		f, err := os.Open(name)
		done <- opened{f, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return nil, errorf("cannot open %s: %v", name, pathErr(o.err))
		}
		return o.f, nil
	case <-ctx.Done():
		go func() {
			if o := <-done; o.f != nil {
				o.f.Close()
			}
		}()
		return nil, errInterrupted
	}
}

// saveRecording writes a lesson run's events to a recording file.
func saveRecording(name string, lesson int, events []trace.Event) error {
	f, err := os.Create(name)
	if err != nil {
		return errorf("cannot record to %s: %v", name, pathErr(err))
	}
	w, err := recording.NewWriter(f, recording.Header{
		Lesson: lesson, Socktour: Version, Recorded: time.Now().UTC().Truncate(time.Second),
	})
	for _, e := range events {
		w.Event(e)
	}
	if err == nil {
		err = w.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errorf("cannot record to %s: %v", name, pathErr(err))
	}
	return nil
}

// pathErr is an os error without the path, which the caller names itself.
func pathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
