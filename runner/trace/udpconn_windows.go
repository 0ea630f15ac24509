package trace

import (
	"net"
	"syscall"
	"time"
	"unsafe"
)

// ReadFromNow is recvfrom that hardly waits: a read with a deadline of a
// millisecond. (With a deadline already past, Go's runtime would fail it
// before asking the system, and an error the system holds for the socket,
// such as WSAECONNRESET, would not be seen.) It returns a queued datagram,
// the error the socket holds, or "i/o timeout".
func (p *PacketConn) ReadFromNow(b []byte) (int, string, error) {
	return p.ReadFromWithin(b, time.Millisecond)
}

// msgTrunc is Winsock's MSG_TRUNC (<winsock2.h>), which WSARecvMsg sets
// on a datagram cut to the buffer.
const msgTrunc = 0x0100

// udpCut reports whether a datagram read's flags say it was cut short.
func udpCut(flags int) bool { return flags&msgTrunc != 0 }

// ReportUnreachable has the system report an ICMP port unreachable that
// answers one of this socket's datagrams, as WSAECONNRESET on its next
// receive, connected or not: Windows' default, which Python's sockets
// keep and Go's net package turns off for every UDP socket
// (SIO_UDP_CONNRESET in net/fd_windows.go). A lesson that shows what the
// learner's own Python program sees on Windows turns it back on.
// Source: Microsoft, recvfrom function: "WSAECONNRESET … On a
// UDP-datagram socket this error indicates a previous send operation
// resulted in an ICMP Port Unreachable message"
// (learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-recvfrom).
func (p *PacketConn) ReportUnreachable() { reportUnreachable(p.c) }

// ReportUnreachable is PacketConn's, for a connected socket.
func (u *UDPConn) ReportUnreachable() { reportUnreachable(u.c) }

func reportUnreachable(c *net.UDPConn) {
	rc, err := c.SyscallConn()
	if err != nil {
		return
	}
	rc.Control(func(fd uintptr) {
		on, ret := uint32(1), uint32(0)
		syscall.WSAIoctl(syscall.Handle(fd), syscall.SIO_UDP_CONNRESET, (*byte)(unsafe.Pointer(&on)),
			uint32(unsafe.Sizeof(on)), nil, 0, &ret, nil, 0)
	})
}
