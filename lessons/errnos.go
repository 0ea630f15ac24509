package lessons

import (
	"errors"
	"syscall"
)

// The failures a lesson expects, by what they mean rather than by one
// system's number: Linux and macOS say ECONNREFUSED, Windows
// WSAECONNREFUSED (10061), which Go's syscall.ECONNREFUSED does not match
// there (see errnos_windows.go). Python's exceptions match the same way:
// ConnectionRefusedError is [Errno 111] on Linux, [WinError 10061] on
// Windows.

// refused: the peer's system answered the handshake with a reset.
func refused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) || isWSA(err, wsaRefused) }

// reset: the peer reset the connection.
func reset(err error) bool { return errors.Is(err, syscall.ECONNRESET) || isWSA(err, wsaReset) }

// addrInUse: another socket holds the address.
func addrInUse(err error) bool { return errors.Is(err, syscall.EADDRINUSE) || isWSA(err, wsaAddrInUse) }

// notConnected: a send or recv on a socket with no connection.
func notConnected(err error) bool { return errors.Is(err, syscall.ENOTCONN) || isWSA(err, wsaNotConn) }

// datagramRefused: an ICMP port unreachable reported on a UDP socket,
// "connection refused" on Linux and macOS, WSAECONNRESET on Windows
// (Microsoft's recvfrom: "On a UDP-datagram socket this error indicates
// a previous send operation resulted in an ICMP Port Unreachable
// message").
func datagramRefused(err error) bool { return refused(err) || isWSA(err, wsaReset) }

// datagramTooBig: Windows' WSAEMSGSIZE, a datagram cut to the buffer,
// which Linux and macOS cut without a word.
func datagramTooBig(err error) bool { return isWSA(err, wsaMsgSize) }
