//go:build unix

package tui

import (
	"context"
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// TerminalKeys reads the player's keys from the terminal on fd.
func TerminalKeys(fd int) KeySource { return &fdKeys{fd: fd} }

// TerminalMenuReader reads the menu's keys from the terminal on fd.
func TerminalMenuReader(fd int) MenuReader { return &fdMenuReader{fd: fd} }

// PrepareConsole readies the terminal for output and reports whether it
// handles escape codes: nothing to do on Unix, where terminals speak
// UTF-8 and escape codes already (TERM=dumb says otherwise).
func PrepareConsole(int) bool { return true }

// fdKeys reads keys from a terminal in raw mode. It waits with poll(2),
// never in a read that could outlive the player, so no goroutine is left
// behind to swallow the next key the menu wants.
type fdKeys struct {
	fd      int
	pending []string
}

// pollStep is how often a wait for a key looks at ctx.
const pollStep = 200 * time.Millisecond

func (k *fdKeys) next(ctx context.Context, d time.Duration) (string, error) {
	deadline := time.Now().Add(d)
	for len(k.pending) == 0 {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		wait := pollStep
		if d > 0 {
			left := time.Until(deadline)
			if left <= 0 {
				return keyTimeout, nil
			}
			wait = min(wait, left)
		}
		fds := []unix.PollFd{{Fd: int32(k.fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, int(wait.Milliseconds())+1)
		if errors.Is(err, unix.EINTR) || n == 0 {
			continue
		}
		if err != nil {
			return "", err
		}
		buf := make([]byte, 64)
		m, err := unix.Read(k.fd, buf)
		if err != nil && !errors.Is(err, unix.EINTR) && !errors.Is(err, unix.EAGAIN) {
			return "", err
		}
		if m == 0 && err == nil {
			return keyEOF, nil // the terminal went away
		}
		if m > 0 {
			k.pending = decodeKeys(buf[:m])
		}
	}
	key := k.pending[0]
	k.pending = k.pending[1:]
	return key, nil
}
