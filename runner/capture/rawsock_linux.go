//go:build linux

package capture

import (
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawSock is an AF_PACKET socket on one interface, made the way libpcap
// makes one: with no protocol at first, so that nothing is queued before
// the filter is attached, and bound to ETH_P_ALL last (binding a socket
// made with ETH_P_ALL unhooks it first and waits for the system to
// finish with it: milliseconds at every start). It reads like pcapgo's
// EthernetHandle: the system's timestamp and the frame's real length
// come with each frame.
type rawSock struct {
	f   *os.File
	rc  syscall.RawConn
	buf []byte
	oob []byte
}

// rcvBuf is the queue the capture asks for.
const rcvBuf = 8 << 20

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// openRaw opens the capture on iface with filter attached.
func openRaw(iface string, filter []unix.SockFilter) (*rawSock, error) {
	ifi, err := net.InterfaceByName(iface)
	if err != nil {
		return nil, err
	}
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("open a packet socket: %w", err)
	}
	fail := func(what string, err error) (*rawSock, error) {
		unix.Close(fd)
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &prog); err != nil {
		return fail("attach the filter", err)
	}
	// A bulk transfer's segments come faster than one reader takes
	// them: a larger queue drops fewer (the system caps it at rmem_max).
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, rcvBuf)
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_AUXDATA, 1); err != nil {
		return fail("ask for the frames' lengths", err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		return fail("ask for timestamps", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}); err != nil {
		return fail("bind to "+iface, err)
	}
	f := os.NewFile(uintptr(fd), "packets on "+iface)
	rc, err := f.SyscallConn()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &rawSock{f: f, rc: rc, buf: make([]byte, SnapLen), oob: make([]byte, 256)}, nil
}

// read waits for the next frame and returns a copy of it (at most
// SnapLen bytes), its real length and the time the system stamped it.
// Closing the socket makes it return an error.
func (s *rawSock) read() (data []byte, length int, at time.Time, err error) {
	var n, oobn int
	var rerr error
	err = s.rc.Read(func(fd uintptr) bool {
		n, oobn, _, _, rerr = unix.Recvmsg(int(fd), s.buf, s.oob, 0)
		return rerr != unix.EAGAIN
	})
	if err == nil {
		err = rerr
	}
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	length = n
	msgs, _ := unix.ParseSocketControlMessage(s.oob[:oobn])
	for _, m := range msgs {
		switch {
		case m.Header.Level == unix.SOL_SOCKET && m.Header.Type == unix.SO_TIMESTAMPNS &&
			len(m.Data) >= int(unsafe.Sizeof(unix.Timespec{})):
			ts := (*unix.Timespec)(unsafe.Pointer(&m.Data[0]))
			at = time.Unix(int64(ts.Sec), int64(ts.Nsec))
		case m.Header.Level == unix.SOL_PACKET && m.Header.Type == unix.PACKET_AUXDATA &&
			len(m.Data) >= int(unsafe.Sizeof(unix.TpacketAuxdata{})):
			length = int((*unix.TpacketAuxdata)(unsafe.Pointer(&m.Data[0])).Len)
		}
	}
	if at.IsZero() {
		at = time.Now()
	}
	return append([]byte(nil), s.buf[:n]...), length, at, nil
}

// drops counts the frames the system dropped since the last call,
// because the socket's queue was full.
func (s *rawSock) drops() int {
	var st *unix.TpacketStats
	s.rc.Control(func(fd uintptr) {
		st, _ = unix.GetsockoptTpacketStats(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS)
	})
	if st == nil {
		return 0
	}
	return int(st.Drops)
}

func (s *rawSock) close() error { return s.f.Close() }
