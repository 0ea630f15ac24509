//go:build linux

package trace

import (
	"errors"
	"net"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// listenUnix makes the calls of a listening Unix socket one by one, each
// a recorded step, then hands the socket to Go's runtime poller. Made
// this way, Go does not remove the socket file at Close (it removes only
// files its own net.Listen made), so the file stays, as after Python's.
func listenUnix(s *Side, sock int, path string, backlog int) (*net.UnixListener, error) {
	// socket(AF_UNIX, SOCK_STREAM): a new socket with no name yet.
	fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, s.fail("socket", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "socket", Sock: sock, Key: "unix"})
	ok := false
	defer func() {
		if !ok {
			syscall.Close(fd)
		}
	}()
	// bind(path): the system makes the socket file (or, for "@name", an
	// abstract name that is no file at all). A path already taken, even
	// by a file no one listens on, is "address already in use".
	if err := syscall.Bind(fd, &syscall.SockaddrUnix{Name: path}); err != nil {
		return nil, s.fail("bind", sock, path, "", err)
	}
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: path, Key: "unix"})
	// listen(backlog).
	if err := syscall.Listen(fd, backlog); err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	f := os.NewFile(uintptr(fd), "listener")
	ln, err := net.FileListener(f) // duplicates fd; f is closed below
	f.Close()
	ok = true
	if err != nil {
		return nil, s.fail("listen", sock, path, "", err)
	}
	ul, isUnix := ln.(*net.UnixListener)
	if !isUnix {
		ln.Close()
		return nil, s.fail("listen", sock, path, "", errors.New("not a Unix socket"))
	}
	ul.SetUnlinkOnClose(false)
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: path})
	return ul, nil
}

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
