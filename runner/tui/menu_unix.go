//go:build unix

package tui

import (
	"errors"
	"io"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// fdMenuReader reads the terminal for the menu, waiting with poll(2) in
// short steps so that, once closed, it gives up without reading.
type fdMenuReader struct {
	fd     int
	closed atomic.Bool
}

func (f *fdMenuReader) Read(b []byte) (int, error) {
	for {
		if f.closed.Load() {
			return 0, io.EOF
		}
		fds := []unix.PollFd{{Fd: int32(f.fd), Events: unix.POLLIN}}
		n, err := unix.Poll(fds, 50)
		if errors.Is(err, unix.EINTR) || n == 0 {
			continue
		}
		if err != nil {
			return 0, err
		}
		if f.closed.Load() {
			return 0, io.EOF
		}
		m, err := unix.Read(f.fd, b)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if err != nil {
			return 0, err
		}
		if m == 0 {
			return 0, io.EOF
		}
		return m, nil
	}
}

func (f *fdMenuReader) Close() error { f.closed.Store(true); return nil }
