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
	// msg and iov describe buf and oob to recvmsg, made once: the
	// library's Recvmsg allocates the sender's address at every call.
	msg unix.Msghdr
	iov unix.Iovec
	// n, oobn and rerr are what the last recvmsg returned, and recv
	// the function that calls it, made once too.
	n, oobn int
	rerr    error
	recv    func(fd uintptr) bool
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
	s := &rawSock{f: f, rc: rc, buf: make([]byte, SnapLen), oob: make([]byte, 256)}
	s.iov.Base = &s.buf[0]
	s.iov.SetLen(len(s.buf))
	s.msg.Iov = &s.iov
	s.msg.SetIovlen(1)
	s.msg.Control = &s.oob[0]
	s.recv = func(fd uintptr) bool {
		s.msg.SetControllen(len(s.oob))
		r, _, errno := unix.Syscall(unix.SYS_RECVMSG, fd, uintptr(unsafe.Pointer(&s.msg)), 0)
		s.n, s.oobn, s.rerr = int(r), int(s.msg.Controllen), nil
		if errno != 0 {
			s.n, s.oobn, s.rerr = 0, 0, errno
		}
		return errno != unix.EAGAIN
	}
	return s, nil
}

// read waits for the next frame and returns it (at most SnapLen bytes,
// in the socket's own buffer: valid until the next read), its real
// length and the time the system stamped it. Nothing is allocated: a
// bulk transfer's thousands of frames would otherwise wake the garbage
// collector in the middle of the lesson's measurements. Closing the
// socket makes it return an error.
func (s *rawSock) read() (data []byte, length int, at time.Time, err error) {
	err = s.rc.Read(s.recv)
	if err == nil {
		err = s.rerr
	}
	n, oobn := s.n, s.oobn
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	length = n
	for oob := s.oob[:oobn]; len(oob) >= unix.CmsgSpace(0); {
		h := (*unix.Cmsghdr)(unsafe.Pointer(&oob[0]))
		if h.Len < unix.SizeofCmsghdr || int(h.Len) > len(oob) {
			break
		}
		body := oob[unix.CmsgLen(0):h.Len]
		switch {
		case h.Level == unix.SOL_SOCKET && h.Type == unix.SO_TIMESTAMPNS &&
			len(body) >= int(unsafe.Sizeof(unix.Timespec{})):
			ts := (*unix.Timespec)(unsafe.Pointer(&body[0]))
			at = time.Unix(int64(ts.Sec), int64(ts.Nsec))
		case h.Level == unix.SOL_PACKET && h.Type == unix.PACKET_AUXDATA &&
			len(body) >= int(unsafe.Sizeof(unix.TpacketAuxdata{})):
			length = int((*unix.TpacketAuxdata)(unsafe.Pointer(&body[0])).Len)
		}
		next := unix.CmsgSpace(int(h.Len) - unix.CmsgLen(0))
		if next > len(oob) {
			break
		}
		oob = oob[next:]
	}
	if at.IsZero() {
		at = time.Now()
	}
	return s.buf[:n], length, at, nil
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
