package trace

import (
	"errors"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Winsock's codes, from <winsock2.h> and <mstcpip.h>: FIONREAD is
// _IOR('f', 127, u_long); SIO_TCP_INFO is _WSAIORW(IOC_VENDOR, 39), in
// Windows 10 1703 and later
// (learn.microsoft.com/en-us/windows/win32/winsock/sio-tcp-info).
const (
	fionread   = 0x4004667f
	sioTCPInfo = 0xd8000027
)

// queuedBytes asks how many received bytes wait unread (FIONREAD).
func queuedBytes(fd uintptr) (int, error) {
	var n, got uint32
	err := windows.WSAIoctl(windows.Handle(fd), fionread, nil, 0,
		(*byte)(unsafe.Pointer(&n)), uint32(unsafe.Sizeof(n)), &got, nil, 0)
	return int(n), err
}

// tcpInfoV0 begins TCP_INFO_v0 (<mstcpip.h>): its State is a TCPSTATE.
type tcpInfoV0 struct {
	State uint32
	_     [27]uint64 // the rest of the structure, unused here
}

// peerEnded asks the connection's state (SIO_TCP_INFO, version 0) and
// reports whether the peer's FIN has come: TCPSTATE_CLOSE_WAIT (7),
// _CLOSING (8), _LAST_ACK (9), _TIME_WAIT (10), or a connection already
// closed (0).
func peerEnded(fd uintptr) (bool, error) {
	var version uint32 // TCP_INFO_v0
	var info tcpInfoV0
	var got uint32
	err := windows.WSAIoctl(windows.Handle(fd), sioTCPInfo,
		(*byte)(unsafe.Pointer(&version)), uint32(unsafe.Sizeof(version)),
		(*byte)(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info)), &got, nil, 0)
	if err != nil {
		return false, errors.Join(errNoState, err)
	}
	switch info.State {
	case 0, 7, 8, 9, 10:
		return true, nil
	}
	return false, nil
}

// noDelay reads TCP_NODELAY, a BOOL.
func noDelay(fd uintptr) (bool, error) {
	var v int32
	size := int32(unsafe.Sizeof(v))
	err := syscall.Getsockopt(syscall.Handle(fd), syscall.IPPROTO_TCP, syscall.TCP_NODELAY,
		(*byte)(unsafe.Pointer(&v)), &size)
	return v != 0, err
}
