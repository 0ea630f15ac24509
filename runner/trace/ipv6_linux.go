//go:build linux

package trace

import (
	"errors"
	"net"
	"net/netip"
	"strconv"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ListenV6 opens an IPv6 TCP socket (AF_INET6), sets SO_REUSEADDR and
// IPV6_V6ONLY, binds it to addr ("[::1]:0") and listens: each a real,
// recorded call. v6only true is what Python's socket.create_server and
// Go's net.Listen("tcp6", …) ask for: IPv6 clients only. v6only false
// makes a dual-stack socket (Python's create_server(…,
// dualstack_ipv6=True)): bound to "::", it also accepts IPv4 clients, and
// shows each as an IPv4-mapped address, ::ffff:127.0.0.1.
func (s *Side) ListenV6(addr string, backlog int, v6only bool) (*Listener, error) {
	ta, err := net.ResolveTCPAddr("tcp6", addr)
	if err != nil {
		return nil, err
	}
	sock := s.rec.newSock()
	in6 := &syscall.SockaddrInet6{Port: ta.Port}
	copy(in6.Addr[:], ta.IP.To16())
	// socket(AF_INET6, SOCK_STREAM).
	fd, err := syscall.Socket(syscall.AF_INET6, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, s.fail("socket", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "socket", Sock: sock, Key: "ipv6"})
	ok := false
	defer func() {
		if !ok {
			syscall.Close(fd)
		}
	}()
	if err := syscall.SetsockoptInt(fd, syscall.SOL_SOCKET, syscall.SO_REUSEADDR, 1); err != nil {
		return nil, s.fail("setsockopt", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "setsockopt", Sock: sock,
		Vals: map[string]string{"level": "SOL_SOCKET", "option": "SO_REUSEADDR", "value": "1"}})
	// setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 1 or 0): IPv6 only, or IPv4
	// clients too. Without it, the system's default decides
	// (net.ipv6.bindv6only, 0 on Linux: dual-stack).
	only := 0
	if v6only {
		only = 1
	}
	if err := syscall.SetsockoptInt(fd, syscall.IPPROTO_IPV6, syscall.IPV6_V6ONLY, only); err != nil {
		return nil, s.fail("setsockopt", sock, "", "", err)
	}
	s.record(Event{Side: s.name, Op: "setsockopt", Sock: sock,
		Vals: map[string]string{"level": "IPPROTO_IPV6", "option": "IPV6_V6ONLY", "value": strconv.Itoa(only)}})
	// bind() (it fails with "cannot assign requested address" where the
	// system has no IPv6: no ::1 on its loopback), then listen().
	ok = true // fd is bindListen's now
	return s.bindListen(fd, sock, in6, ta.String(), backlog)
}

// Peer6 asks the system for the peer's whole IPv6 address (getpeername):
// the four values Python's accept returns for AF_INET6, (host, port,
// flowinfo, scope_id). Go's net package keeps host, port and zone (the
// scope id by name) and drops flowinfo, so this reads struct
// sockaddr_in6 itself. An IPv4 client of a dual-stack socket keeps its
// mapped form, ::ffff:127.0.0.1, as Python shows it (Go's net.IP prints
// it as 127.0.0.1). It is recorded as a note "sockaddr_in6".
func (c *Conn) Peer6() (host string, port int, flowinfo, scope uint32, err error) {
	sc, ok := c.c.(syscall.Conn)
	if !ok {
		return "", 0, 0, 0, errors.New("getpeername: not a socket")
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return "", 0, 0, 0, err
	}
	var sa unix.RawSockaddrInet6
	var gerr error
	if err := raw.Control(func(fd uintptr) {
		l := uint32(unsafe.Sizeof(sa))
		_, _, e := unix.Syscall(unix.SYS_GETPEERNAME, fd, uintptr(unsafe.Pointer(&sa)), uintptr(unsafe.Pointer(&l)))
		if e != 0 {
			gerr = e
		}
	}); err != nil {
		gerr = err
	}
	if gerr == nil && sa.Family != unix.AF_INET6 {
		gerr = syscall.EAFNOSUPPORT
	}
	if gerr != nil {
		return "", 0, 0, 0, c.side.fail("getpeername", c.sock, c.local, c.remote, gerr)
	}
	p := (*[2]byte)(unsafe.Pointer(&sa.Port))
	port = int(p[0])<<8 | int(p[1])
	host = netip.AddrFrom16(sa.Addr).String() // ::ffff:127.0.0.1 stays so; net.IP would show 127.0.0.1
	flowinfo, scope = sa.Flowinfo, sa.Scope_id
	c.side.record(Event{Side: c.side.name, Op: "note", Key: "sockaddr_in6", Sock: c.sock,
		Local: c.local, Remote: c.remote, Vals: map[string]string{
			"text": "('" + host + "', " + strconv.Itoa(port) + ", " + strconv.Itoa(int(flowinfo)) + ", " + strconv.Itoa(int(scope)) + ")",
			"host": host, "port": strconv.Itoa(port),
			"flowinfo": strconv.Itoa(int(flowinfo)), "scope_id": strconv.Itoa(int(scope))}})
	return host, port, flowinfo, scope, nil
}
