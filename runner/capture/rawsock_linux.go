//go:build linux

package capture

import (
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawSock is an AF_PACKET socket on one interface, made the way libpcap
// makes one: with no protocol at first, so that nothing is queued before
// the filter is attached, and bound to ETH_P_ALL last (binding a socket
// made with ETH_P_ALL unhooks it first and waits for the system to
// finish with it: milliseconds at every start). The system writes the
// frames into a TPACKET_V3 ring of blocks shared with this process, as
// libpcap does: no system call per frame, and one wake-up per block (a
// block is handed over when full or ringWait after its first frame),
// so a bulk transfer's thousands of segments cost the capture little.
// Each frame comes with the system's timestamp and its real length.
//
// One goroutine reads; close may come from another, and the reader
// unmaps the ring once it has stopped.
type rawSock struct {
	f      *os.File
	rc     syscall.RawConn
	ring   []byte
	closed atomic.Bool
	unmap  sync.Once

	cur  int // the block being read
	open bool
	off  int // the next frame's offset in the open block
	left int // frames left in the open block
}

// The ring: ringBlocks blocks of ringBlock bytes (8 MiB, the queue the
// capture asked for before it had a ring); a block is handed over at
// the latest ringWait milliseconds after its first frame came.
const (
	ringBlock  = 1 << 20
	ringBlocks = 8
	ringFrame  = 1 << 13 // checked by the system, unused by TPACKET_V3
	ringWait   = 2
)

// Offsets in a block's descriptor (struct tpacket_block_desc, whose
// header is a tpacket_hdr_v1).
var (
	bdStatus = int(unsafe.Offsetof(unix.TpacketBlockDesc{}.Hdr)) + int(unsafe.Offsetof(unix.TpacketHdrV1{}.Block_status))
	bdNum    = int(unsafe.Offsetof(unix.TpacketBlockDesc{}.Hdr)) + int(unsafe.Offsetof(unix.TpacketHdrV1{}.Num_pkts))
	bdFirst  = int(unsafe.Offsetof(unix.TpacketBlockDesc{}.Hdr)) + int(unsafe.Offsetof(unix.TpacketHdrV1{}.Offset_to_first_pkt))
)

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
	var ring []byte
	fail := func(what string, err error) (*rawSock, error) {
		if ring != nil {
			unix.Munmap(ring)
		}
		unix.Close(fd)
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	prog := unix.SockFprog{Len: uint16(len(filter)), Filter: &filter[0]}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &prog); err != nil {
		return fail("attach the filter", err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return fail("ask for a TPACKET_V3 ring", err)
	}
	req := unix.TpacketReq3{
		Block_size: ringBlock, Block_nr: ringBlocks,
		Frame_size: ringFrame, Frame_nr: ringBlocks * ringBlock / ringFrame,
		Retire_blk_tov: ringWait,
	}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return fail("set up the capture's ring", err)
	}
	ring, err = unix.Mmap(fd, 0, ringBlock*ringBlocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		ring = nil
		return fail("map the capture's ring", err)
	}
	if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}); err != nil {
		return fail("bind to "+iface, err)
	}
	f := os.NewFile(uintptr(fd), "packets on "+iface)
	rc, err := f.SyscallConn()
	if err != nil {
		unix.Munmap(ring)
		f.Close()
		return nil, err
	}
	return &rawSock{f: f, rc: rc, ring: ring}, nil
}

// word is the 32-bit word at off in the ring, which the system writes
// too.
func (s *rawSock) word(off int) *uint32 { return (*uint32)(unsafe.Pointer(&s.ring[off])) }

// ready reports whether the system has handed the current block over.
func (s *rawSock) ready() bool {
	return atomic.LoadUint32(s.word(s.cur*ringBlock+bdStatus))&unix.TP_STATUS_USER != 0
}

// read waits for the next frame and returns a copy of it (at most
// SnapLen bytes), its real length and the time the system stamped it.
// Closing the socket makes it return an error.
func (s *rawSock) read() (data []byte, length int, at time.Time, err error) {
	for s.left == 0 {
		if s.open { // give the block back to the system
			atomic.StoreUint32(s.word(s.cur*ringBlock+bdStatus), unix.TP_STATUS_KERNEL)
			s.cur, s.open = (s.cur+1)%ringBlocks, false
		}
		if s.closed.Load() {
			return nil, 0, time.Time{}, s.stop(os.ErrClosed)
		}
		if !s.ready() {
			if err := s.rc.Read(func(uintptr) bool { return s.ready() || s.closed.Load() }); err != nil {
				return nil, 0, time.Time{}, s.stop(err)
			}
			continue
		}
		base := s.cur * ringBlock
		s.open, s.left, s.off = true, int(*s.word(base + bdNum)), base+int(*s.word(base + bdFirst))
	}
	h := (*unix.Tpacket3Hdr)(unsafe.Pointer(&s.ring[s.off]))
	start := s.off + int(h.Mac)
	data = append([]byte(nil), s.ring[start:start+int(h.Snaplen)]...)
	length, at = int(h.Len), time.Unix(int64(h.Sec), int64(h.Nsec))
	s.off += int(h.Next_offset)
	s.left--
	return data, length, at, nil
}

// stop unmaps the ring, once the reader has stopped reading, and returns
// err.
func (s *rawSock) stop(err error) error {
	s.unmap.Do(func() { unix.Munmap(s.ring) })
	return err
}

// drops counts the frames the system dropped since the last call,
// because the ring was full.
func (s *rawSock) drops() int {
	var st *unix.TpacketStatsV3
	s.rc.Control(func(fd uintptr) {
		st, _ = unix.GetsockoptTpacketStatsV3(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS)
	})
	if st == nil {
		return 0
	}
	return int(st.Drops)
}

func (s *rawSock) close() error {
	s.closed.Store(true)
	return s.f.Close()
}
