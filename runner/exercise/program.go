package exercise

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"
)

// maxOutput is how much of a program's output is kept.
const maxOutput = 64 << 10

// Program is a learner's program, running in a process group of its own so
// that stopping it stops whatever it started too.
type Program struct {
	cmd    *exec.Cmd
	out    limited
	errOut limited
	done   chan struct{}
	once   sync.Once
	err    error // from Wait, once done
}

// Start runs args with port as the last argument and PORT in the
// environment. An error means it could not start at all.
func Start(args []string, port string) (*Program, error) {
	cmd := exec.Command(args[0], append(args[1:], port)...)
	cmd.Env = append(os.Environ(), "PORT="+port, "PYTHONUNBUFFERED=1")
	p := &Program{cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &p.out, &p.errOut
	cmd.Stdin = nil
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			err = ee.Err
		}
		return nil, fmt.Errorf("cannot run %s: %v", args[0], err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// Done is closed when the program has exited.
func (p *Program) Done() <-chan struct{} { return p.done }

// Wait waits up to d for the program to exit and reports whether it did.
func (p *Program) Wait(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-p.done:
		return true
	case <-t.C:
		return false
	}
}

// ExitCode is the program's exit status, and whether it has exited. A
// program killed by a signal reports -1.
func (p *Program) ExitCode() (int, bool) {
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode(), true
	default:
		return 0, false
	}
}

// Stop ends the program and its whole process group, if still running,
// and waits for it: first politely (SIGTERM), then not.
func (p *Program) Stop() {
	p.once.Do(func() {
		if p.Wait(0) {
			return
		}
		signalGroup(p.cmd, false)
		if !p.Wait(time.Second) {
			signalGroup(p.cmd, true)
			<-p.done
		}
	})
}

// Output is what the program printed on standard output.
func (p *Program) Output() string { return p.out.String() }

// Errors is what the program printed on standard error.
func (p *Program) Errors() string { return p.errOut.String() }

// limited keeps the first maxOutput bytes written to it.
type limited struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *limited) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if room := maxOutput - l.b.Len(); room > 0 {
		l.b.Write(b[:min(len(b), room)])
	}
	return len(b), nil
}

func (l *limited) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
