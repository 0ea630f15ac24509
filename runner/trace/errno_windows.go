package trace

import (
	"errors"
	"syscall"
)

// wsaNames are the Winsock errors the lessons meet, by number, from
// Microsoft's "Windows Sockets Error Codes"
// (learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2).
var wsaNames = map[syscall.Errno]string{
	10035: "WSAEWOULDBLOCK",
	10040: "WSAEMSGSIZE",
	10048: "WSAEADDRINUSE",
	10053: "WSAECONNABORTED",
	10054: "WSAECONNRESET",
	10057: "WSAENOTCONN",
	10060: "WSAETIMEDOUT",
	10061: "WSAECONNREFUSED",
}

// errnoName is err's Winsock error by name ("WSAECONNREFUSED"), or ""
// for a failure that is not one of them.
func errnoName(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return wsaNames[errno]
	}
	return ""
}
