//go:build !linux

package trace

// ListenReuse is Listen with SO_REUSEADDR chosen. Off Linux, only the
// listener with SO_REUSEADDR, Go's own, can be made: see
// failcalls_linux.go.
func (s *Side) ListenReuse(addr string, backlog int, reuse bool) (*Listener, error) {
	if reuse {
		return s.Listen(addr, backlog)
	}
	return nil, ErrLinuxOnly
}

// Recv is recv on the listening socket: Linux only, see failcalls_linux.go.
func (l *Listener) Recv(size int) (int, error) {
	return 0, ErrLinuxOnly
}

// WaitReset waits for the peer's reset: Linux only, see
// failcalls_linux.go. Elsewhere it returns at once.
func (c *Conn) WaitReset() error { return nil }
