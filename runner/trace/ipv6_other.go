//go:build !linux

package trace

import "net"

// ListenV6 on systems other than Linux uses Go's net.Listen, in one go,
// so only the listen is recorded: with v6only, "tcp6" (Go sets
// IPV6_V6ONLY to 1); without, "tcp" on "[::]" (Go sets it to 0 for a
// wildcard address). See ipv6_linux.go for the calls one by one.
func (s *Side) ListenV6(addr string, backlog int, v6only bool) (*Listener, error) {
	sock := s.rec.newSock()
	network := "tcp6"
	if !v6only {
		network = "tcp"
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, s.fail("listen", sock, addr, "", err)
	}
	bound := ln.Addr().String()
	s.record(Event{Side: s.name, Op: "listen", Sock: sock, Size: backlog, Local: bound})
	s.rec.keep(sock, ln)
	return &Listener{side: s, ln: ln, sock: sock, addr: bound}, nil
}

// Peer6 reads the peer's struct sockaddr_in6 with its flowinfo: Linux
// only (see ipv6_linux.go).
func (c *Conn) Peer6() (host string, port int, flowinfo, scope uint32, err error) {
	return "", 0, 0, 0, ErrLinuxOnly
}
