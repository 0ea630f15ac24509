//go:build windows

package trace

import (
	"context"
	"errors"
	"net"
	"os"
	"strconv"
	"syscall"
)

// listenTCP on Windows lets Go's net package make the calls: a socket made
// by hand could not be handed to Go's runtime poller (Windows has no
// net.FileListener). What is recorded is still what happened:
//
//   - socket(), from inside Listen: ListenConfig's Control runs right
//     after Go's socket() and before its bind() (net/sock_posix.go).
//   - No setsockopt: on Windows Go sets no SO_REUSEADDR on a listener
//     (setDefaultListenerSockopts in net/sockopt_windows.go), since there
//     it would let another socket take over a port in use.
//   - bind(), with the address the system gave, and listen() with the
//     backlog Go really passed: SOMAXCONN (maxListenerBacklog in
//     net/sock_windows.go), never the lesson's. Both are recorded once
//     Listen returns, as no hook runs between them.
func listenTCP(s *Side, sock int, addr *net.TCPAddr, backlog int) (net.Listener, string, error) {
	network := "tcp6"
	if addr.IP == nil || addr.IP.To4() != nil {
		network = "tcp4" // an IPv4 socket for an IPv4 or empty address, as on Unix
	}
	lc := net.ListenConfig{Control: func(string, string, syscall.RawConn) error {
		s.record(Event{Side: s.name, Op: "socket", Sock: sock})
		return nil
	}}
	ln, err := lc.Listen(context.Background(), network, addr.String())
	if err != nil {
		call := failedCall(err)
		if call == "listen" {
			// bind() worked: Windows may report a port in use only at
			// listen, after a bind to a wildcard address.
			s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: addr.String()})
		}
		return nil, "", s.fail(call, sock, addr.String(), "", err)
	}
	bound := ln.Addr().String()
	s.record(Event{Side: s.name, Op: "bind", Sock: sock, Local: bound})
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: syscall.SOMAXCONN, Local: bound,
		Vals: map[string]string{"backlog": "SOMAXCONN", "asked": strconv.Itoa(backlog)}})
	return ln, bound, nil
}

// failedCall names the call of Go's Listen that err comes from: "socket",
// "bind" or "listen" (Go wraps each system error with its call's name).
func failedCall(err error) string {
	var sys *os.SyscallError
	if errors.As(err, &sys) {
		switch sys.Syscall {
		case "socket", "bind":
			return sys.Syscall
		}
	}
	return "listen"
}

// pending cannot look without waiting here, and says no.
func pending(c interface{}) bool { return false }
