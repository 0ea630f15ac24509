//go:build linux

package trace

import (
	"errors"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// PeerCred asks the system who is at the other end of a Unix connection:
// getsockopt(SOL_SOCKET, SO_PEERCRED), the process id, user id and group
// id of the process that connected (as they were at connect). TCP has no
// such question: its peer is only an address. It is recorded as a note
// "peer credentials" with the three numbers.
func (c *Conn) PeerCred() (pid, uid, gid int, err error) {
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return 0, 0, 0, c.side.fail("getsockopt", c.sock, c.local, c.remote, errors.New("not a socket"))
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return 0, 0, 0, err
	}
	var cred *unix.Ucred
	var gerr error
	if err := raw.Control(func(fd uintptr) {
		cred, gerr = unix.GetsockoptUcred(int(fd), unix.SOL_SOCKET, unix.SO_PEERCRED)
	}); err != nil {
		gerr = err
	}
	if gerr != nil {
		return 0, 0, 0, c.side.fail("getsockopt", c.sock, c.local, c.remote, gerr)
	}
	pid, uid, gid = int(cred.Pid), int(cred.Uid), int(cred.Gid)
	c.side.record(Event{Side: c.side.name, Op: "note", Key: "peer credentials", Sock: c.sock,
		Local: c.local, Remote: c.remote, Vals: map[string]string{
			"text": "pid " + strconv.Itoa(pid) + ", uid " + strconv.Itoa(uid) + ", gid " + strconv.Itoa(gid),
			"pid":  strconv.Itoa(pid), "uid": strconv.Itoa(uid), "gid": strconv.Itoa(gid)}})
	return pid, uid, gid, nil
}
