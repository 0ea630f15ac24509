package lessons

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// Winsock's numbers for the failures of errnos.go, from Microsoft's
// "Windows Sockets Error Codes"
// (learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2).
const (
	wsaRefused   = windows.WSAECONNREFUSED // 10061
	wsaReset     = windows.WSAECONNRESET   // 10054
	wsaAddrInUse = windows.WSAEADDRINUSE   // 10048
	wsaNotConn   = windows.WSAENOTCONN     // 10057
	wsaMsgSize   = windows.WSAEMSGSIZE     // 10040
)

func isWSA(err error, code syscall.Errno) bool { return errors.Is(err, code) }
