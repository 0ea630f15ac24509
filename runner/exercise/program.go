package exercise

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
)

// outputGrace is how long a program's output may still come in after it
// exited: only a child that left the program's process group (setsid)
// can still hold its stdout then, and socktour stops reading after this.
const outputGrace = 500 * time.Millisecond

// stopGrace is how long a program asked to stop (SIGTERM) has before it
// is killed (SIGKILL).
const stopGrace = time.Second

// Program is a learner's program, running in a process group of its own
// so that ending it ends whatever it started too: when the program exits,
// when socktour stops it, and when the user presses Ctrl-C. A child that
// leaves the group (setsid, setpgid) is beyond this reach.
type Program struct {
	cmd    *exec.Cmd
	out    *Stream
	errOut *Stream
	exited chan struct{} // the program itself has exited
	done   chan struct{} // and it is reaped, its group ended, its output in
	stopCx func() bool

	mu     sync.Mutex
	reaped bool // once reaped, its pid may name another process
	once   sync.Once
}

// Start runs args with port as the last argument and PORT in the
// environment, watching its standard output for each of watched (see
// Stream.Contains). Cancelling ctx kills the program and its group at
// once. An error means it could not start at all.
func Start(ctx context.Context, args []string, port string, watched ...string) (*Program, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cmd := exec.Command(args[0], append(args[1:], port)...)
	if errors.Is(cmd.Err, exec.ErrDot) {
		// A bare name found in the current directory: Windows looks
		// there first, as cmd.exe does (or PATH names "."), and Go
		// refuses it unless asked. The learner named their own program
		// in their own directory, as they would type it: run it.
		cmd.Err = nil
	}
	cmd.Env = append(os.Environ(), "PORT="+port, "PYTHONUNBUFFERED=1")
	cmd.WaitDelay = outputGrace
	p := &Program{cmd: cmd, out: newStream(watched...), errOut: newStream(),
		exited: make(chan struct{}), done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.errOut
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			err = ee.Err
		}
		return nil, fmt.Errorf("cannot run %s: %v", args[0], err)
	}
	adoptGroup(cmd.Process)
	p.stopCx = context.AfterFunc(ctx, func() { p.signal(true) })
	go p.watch()
	return p, nil
}

// watch waits for the program to exit, then ends its whole group. Where
// the system allows, the exited program is left unreaped until then, so
// that its pid, which is its group's id, cannot name anything else.
func (p *Program) watch() {
	pid := p.cmd.Process.Pid
	if awaitExit(pid) {
		close(p.exited)
		endGroup(pid)
		p.mu.Lock()
		p.reaped = true
		p.mu.Unlock()
		p.cmd.Wait()
	} else {
		p.cmd.Wait()
		close(p.exited)
		endGroup(pid)
	}
	p.stopCx()
	close(p.done)
}

// signal sends the program's group SIGTERM, or SIGKILL when hard, as
// long as its pid is still its own.
func (p *Program) signal(hard bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.reaped {
		signalGroup(p.cmd.Process.Pid, hard)
	}
}

// Done is closed when the program has exited.
func (p *Program) Done() <-chan struct{} { return p.exited }

// WaitUntil waits until the program has exited, end passes or ctx is
// done, and reports whether it exited. Once it has, its output is
// complete.
func (p *Program) WaitUntil(ctx context.Context, end time.Time) bool {
	t := time.NewTimer(time.Until(end))
	defer t.Stop()
	select {
	case <-p.exited:
		<-p.done
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	select {
	case <-p.exited:
		<-p.done
		return true
	default:
		return false
	}
}

// ExitCode is the program's exit status, and whether it has exited. A
// program killed by a signal reports -1.
func (p *Program) ExitCode() (int, bool) {
	select {
	case <-p.exited:
		<-p.done
		return p.cmd.ProcessState.ExitCode(), true
	default:
		return 0, false
	}
}

// Stop ends the program and its whole process group, if still running,
// and waits for it: first politely (SIGTERM), then not.
func (p *Program) Stop() {
	p.once.Do(func() {
		select {
		case <-p.exited:
		default:
			p.signal(false)
			t := time.NewTimer(stopGrace)
			select {
			case <-p.exited:
			case <-t.C:
				p.signal(true)
			}
			t.Stop()
		}
		<-p.done
	})
}

// Output is what the program printed on standard output.
func (p *Program) Output() *Stream { return p.out }

// Errors is what the program printed on standard error.
func (p *Program) Errors() *Stream { return p.errOut }
