//go:build linux

package capture

import (
	"os"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// ringFrames reads the frames through a TPACKET_V3 ring of blocks that
// the system shares with this process, as libpcap does: the system copies
// each frame's first bytes into the ring, so the queue holds thousands of
// frames whatever rmem_max says; no system call per frame, and one
// wake-up per block (handed over when full, or ringWait after it opened).
// Setting a ring up and taking it down each wait for the system's
// read-copy-update grace period (synchronize_net: about 10 ms each here),
// so a capture uses one only when it must hold a bulk transfer or run for
// long (serve, watch).
//
// One goroutine reads; close may come from another, and the reader
// unmaps the ring once it has stopped.
type ringFrames struct {
	packetSock
	ring   []byte
	closed atomic.Bool
	unmap  sync.Once

	cur  int // the block being read
	open bool
	off  int // the next frame's offset in the open block
	left int // frames left in the open block
}

// The ring: ringBlocks blocks of ringBlock bytes, 4 MiB: lesson 2's
// thousands of frames at HeaderSnap bytes each fit in one block, at
// SnapLen a few hundred. A block is handed over at the latest ringWait
// milliseconds after it opened.
const (
	ringBlock  = 512 << 10
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

// mapRing sets up the ring on fd, before it is bound, and maps it.
func mapRing(fd int) ([]byte, error) {
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return nil, err
	}
	req := unix.TpacketReq3{
		Block_size: ringBlock, Block_nr: ringBlocks,
		Frame_size: ringFrame, Frame_nr: ringBlocks * ringBlock / ringFrame,
		Retire_blk_tov: ringWait,
	}
	if err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return nil, err
	}
	return unix.Mmap(fd, 0, ringBlock*ringBlocks, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
}

// word is the 32-bit word at off in the ring, which the system writes
// too.
func (s *ringFrames) word(off int) *uint32 { return (*uint32)(unsafe.Pointer(&s.ring[off])) }

// ready reports whether the system has handed the current block over.
func (s *ringFrames) ready() bool {
	return atomic.LoadUint32(s.word(s.cur*ringBlock+bdStatus))&unix.TP_STATUS_USER != 0
}

func (s *ringFrames) read() (data []byte, length int, at time.Time, err error) {
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
	data = s.ring[start : start+int(h.Snaplen)]
	length, at = int(h.Len), time.Unix(int64(h.Sec), int64(h.Nsec))
	s.off += int(h.Next_offset)
	s.left--
	return data, length, at, nil
}

// stop unmaps the ring, once the reader has stopped reading, and returns
// err.
func (s *ringFrames) stop(err error) error {
	s.unmap.Do(func() { unix.Munmap(s.ring) })
	return err
}

// drops counts the frames the system dropped since the last call,
// because the ring was full.
func (s *ringFrames) drops() int {
	var st *unix.TpacketStatsV3
	s.rc.Control(func(fd uintptr) {
		st, _ = unix.GetsockoptTpacketStatsV3(int(fd), unix.SOL_PACKET, unix.PACKET_STATISTICS)
	})
	if st == nil {
		return 0
	}
	return int(st.Drops)
}

func (s *ringFrames) close() error {
	s.closed.Store(true)
	return s.f.Close()
}
