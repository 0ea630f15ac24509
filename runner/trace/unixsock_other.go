//go:build !linux

package trace

// PeerCred is getsockopt(SO_PEERCRED): Linux only (see
// unixsock_linux.go). macOS answers the same question with
// LOCAL_PEERCRED and LOCAL_PEERPID, which this does not ask.
func (c *Conn) PeerCred() (pid, uid, gid int, err error) {
	return 0, 0, 0, ErrLinuxOnly
}
