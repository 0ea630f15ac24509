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

// frames is where a capture reads its frames from: a packet socket read
// one frame per recvmsg (sockFrames), or a ring it shares with the system
// (ringFrames). read returns the next frame (valid until the next read),
// its real length and the time the system stamped it, and an error once
// the source is closed; drops counts the frames the system dropped since
// the last call; snap sets how many bytes of each frame the system hands
// over.
type frames interface {
	read() (data []byte, length int, at time.Time, err error)
	drops() int
	snap(n uint32) error
	close() error
}

// packetSock is what the two sources share: the socket, made the way
// libpcap makes one: with no protocol at first, so that nothing is queued
// before the filter is attached, and bound to ETH_P_ALL last (binding a
// socket made with ETH_P_ALL unhooks it first and waits for the system to
// finish with it: milliseconds at every start).
type packetSock struct {
	f  *os.File
	rc syscall.RawConn
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

// openRaw opens a capture on iface, handing over the first snap bytes of
// each frame, read through a ring if ring is set.
func openRaw(iface string, snap uint32, ring bool) (frames, error) {
	ifi, err := net.InterfaceByName(iface)
	if err != nil {
		return nil, err
	}
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("open a packet socket: %w", err)
	}
	var undo func()
	fail := func(what string, err error) (frames, error) {
		if undo != nil {
			undo()
		}
		unix.Close(fd)
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := attachFilter(fd, snap); err != nil {
		return fail("attach the filter", err)
	}
	// On lo every packet passes a capture twice. Asked to (Linux 4.20
	// and later), the system does not even copy the outgoing pass for
	// this socket: half the capture's cost to every packet the lesson
	// sends. On older systems the filter drops that pass instead.
	unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_IGNORE_OUTGOING, 1)
	var ringMem []byte
	if ring {
		if ringMem, err = mapRing(fd); err != nil {
			return fail("set up the capture's ring", err)
		}
		undo = func() { unix.Munmap(ringMem) }
	} else if err := sockOptions(fd); err != nil {
		return fail("set up the capture", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}); err != nil {
		return fail("bind to "+iface, err)
	}
	f := os.NewFile(uintptr(fd), "packets on "+iface)
	rc, err := f.SyscallConn()
	if err != nil {
		if undo != nil {
			undo()
		}
		f.Close()
		return nil, err
	}
	p := packetSock{f: f, rc: rc}
	if ring {
		return &ringFrames{packetSock: p, ring: ringMem}, nil
	}
	return newSockFrames(p), nil
}

func attachFilter(fd int, snap uint32) error {
	raw := Filter(snap)
	filter := make([]unix.SockFilter, len(raw))
	for i, in := range raw {
		filter[i] = unix.SockFilter{Code: in.Op, Jt: in.Jt, Jf: in.Jf, K: in.K}
	}
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	return unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &prog)
}

// snap attaches the filter again, handing over n bytes of each frame.
func (p *packetSock) snap(n uint32) error {
	var err error
	if cerr := p.rc.Control(func(fd uintptr) { err = attachFilter(int(fd), n) }); cerr != nil {
		return cerr
	}
	return err
}

// sockFrames reads one frame per recvmsg. It sets up in microseconds,
// but its queue is bounded by the system's rmem_max (212,992 bytes by
// default), and each queued frame counts as its whole buffer, however
// little of it the capture keeps: a bulk transfer's large segments
// overflow it. Nothing is allocated per frame: a lesson's thousands of
// frames would otherwise wake the garbage collector in the middle of its
// measurements.
type sockFrames struct {
	packetSock
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

// rcvBuf is the queue sockFrames asks for (the system caps it at
// rmem_max).
const rcvBuf = 8 << 20

// sockOptions asks for a large queue, the frames' real lengths and the
// system's timestamps, each frame's in its control messages.
func sockOptions(fd int) error {
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, rcvBuf)
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_AUXDATA, 1); err != nil {
		return fmt.Errorf("ask for the frames' lengths: %w", err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_TIMESTAMPNS, 1); err != nil {
		return fmt.Errorf("ask for timestamps: %w", err)
	}
	return nil
}

func newSockFrames(p packetSock) *sockFrames {
	s := &sockFrames{packetSock: p, buf: make([]byte, SnapLen), oob: make([]byte, 256)}
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
	return s
}

func (s *sockFrames) read() (data []byte, length int, at time.Time, err error) {
	err = s.rc.Read(s.recv)
	if err == nil {
		err = s.rerr
	}
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	n, oobn := s.n, s.oobn
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

func (s *sockFrames) drops() int {
	var st *unix.TpacketStats
	s.rc.Control(func(fd uintptr) {
		st, _ = unix.GetsockoptTpacketStats(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS)
	})
	if st == nil {
		return 0
	}
	return int(st.Drops)
}

func (s *sockFrames) close() error { return s.f.Close() }
