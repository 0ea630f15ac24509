package lessons

import (
	"encoding/binary"
	"net/netip"

	"golang.org/x/sys/unix"
)

// tcpStates names the kernel's TCP states, as `ss` shows them.
var tcpStates = map[byte]string{
	1: "ESTABLISHED", 2: "SYN_SENT", 3: "SYN_RECV", 4: "FIN_WAIT1", 5: "FIN_WAIT2",
	6: "TIME_WAIT", 7: "CLOSE", 8: "CLOSE_WAIT", 9: "LAST_ACK", 10: "LISTEN", 11: "CLOSING",
}

// connState asks the system the state of the TCP connection from local to
// remote (both ip:port), as `ss -tan` would show it, also once no program
// holds it any more (TIME_WAIT); "gone" when the system has no such
// connection. It asks for that one connection (sock_diag over netlink,
// which is how ss asks), not for the table of every socket.
func connState(local, remote string) string {
	l, err1 := netip.ParseAddrPort(local)
	r, err2 := netip.ParseAddrPort(remote)
	if err1 != nil || err2 != nil || !l.Addr().Is4() || !r.Addr().Is4() {
		return "unknown"
	}
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return "unknown"
	}
	defer unix.Close(fd)
	tv := unix.Timeval{Sec: 1}
	unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv)
	// struct nlmsghdr, then struct inet_diag_req_v2 with the connection's
	// struct inet_diag_sockid: its ports big-endian, then its addresses.
	req := make([]byte, 16+56)
	binary.NativeEndian.PutUint32(req[0:], uint32(len(req)))
	binary.NativeEndian.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
	binary.NativeEndian.PutUint16(req[6:], unix.NLM_F_REQUEST)
	d := req[16:]
	d[0], d[1] = unix.AF_INET, unix.IPPROTO_TCP
	binary.NativeEndian.PutUint32(d[4:], 0xffffffff) // every state
	binary.BigEndian.PutUint16(d[8:], l.Port())
	binary.BigEndian.PutUint16(d[10:], r.Port())
	src, dst := l.Addr().As4(), r.Addr().As4()
	copy(d[12:], src[:])
	copy(d[28:], dst[:])
	binary.NativeEndian.PutUint32(d[48:], 0xffffffff) // no cookie to match
	binary.NativeEndian.PutUint32(d[52:], 0xffffffff)
	if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return "unknown"
	}
	buf := make([]byte, 4096)
	n, _, err := unix.Recvfrom(fd, buf, 0)
	if err != nil || n < 16+2 {
		return "unknown"
	}
	if binary.NativeEndian.Uint16(buf[4:]) == unix.NLMSG_ERROR {
		return "gone" // the system knows no such connection
	}
	// struct inet_diag_msg: family, then state.
	if s, ok := tcpStates[buf[17]]; ok {
		return s
	}
	return "unknown"
}
