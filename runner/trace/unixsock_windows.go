package trace

import (
	"context"
	"net"
	"strconv"
	"syscall"
)

// listenUnix on Windows (AF_UNIX, Windows 10 1803 and later) lets Go's
// net package make the calls, as listenTCP does there (see
// listen_windows.go): socket() is recorded from ListenConfig's Control,
// bind(path) and listen() once Listen returns, with the backlog Go really
// passed, SOMAXCONN. As on Unix, Close leaves the socket file in place.
func listenUnix(s *Side, sock int, path string, backlog int) (*net.UnixListener, error) {
	lc := net.ListenConfig{Control: func(string, string, syscall.RawConn) error {
		s.record(Event{Side: s.name, Op: "socket", Sock: sock, Key: "unix"})
		return nil
	}}
	ln, err := lc.Listen(context.Background(), "unix", path)
	if err != nil {
		return nil, s.fail(failedCall(err), sock, path, "", err)
	}
	ul := ln.(*net.UnixListener)
	ul.SetUnlinkOnClose(false)
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: path, Key: "unix"})
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: syscall.SOMAXCONN, Local: path,
		Vals: map[string]string{"backlog": "SOMAXCONN", "asked": strconv.Itoa(backlog)}})
	return ul, nil
}
