package trace

import "golang.org/x/sys/unix"

// queuedBytes asks how many received bytes wait unread (ioctl SIOCINQ,
// which Python calls FIONREAD).
func queuedBytes(fd uintptr) (int, error) { return unix.IoctlGetInt(int(fd), unix.SIOCINQ) }

// peerEnded reports whether the peer has ended its side: poll's
// POLLRDHUP, asked without waiting.
func peerEnded(fd uintptr) (bool, error) {
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLRDHUP}}
	k, _ := unix.Poll(fds, 0)
	return k > 0 && fds[0].Revents&(unix.POLLRDHUP|unix.POLLHUP|unix.POLLERR) != 0, nil
}

// noDelay reads TCP_NODELAY.
func noDelay(fd uintptr) (bool, error) {
	v, err := unix.GetsockoptInt(int(fd), unix.IPPROTO_TCP, unix.TCP_NODELAY)
	return v != 0, err
}
