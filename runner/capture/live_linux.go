//go:build linux

package capture

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// markerWait bounds the wait for the marker datagram: it crosses the
// loopback in microseconds, so not seeing it in this long means the
// capture has stopped seeing anything.
const markerWait = 3 * time.Second

// markerResend is how often the marker is sent again while it is not
// seen: a queue that overflowed dropped it with the rest.
const markerResend = 50 * time.Millisecond

// MaxPackets bounds the packets one run keeps (and a recording holds at
// most trace's 200,000 events): past it they are counted as missed.
const MaxPackets = 100_000

// live is a capture running on an interface for as long as the command
// runs: it is opened once (enabling the system's packet timestamps costs
// milliseconds each time) and keeps the frames of one run at a time,
// between begin and cut.
type live struct {
	h        frames
	done     chan struct{} // closed once the reader has returned
	stopping atomic.Bool
	snapped  int // how many bytes of each frame the system hands over

	mu        sync.Mutex
	recording bool
	keep      int           // how many bytes of each frame this run keeps
	arena     []byte        // where kept frames are copied, a chunk at a time
	marker    []byte        // the current cut's marker datagram
	seen      chan struct{} // closed once the marker has been read
	pkts      []Packet
	missed    int   // packets read past MaxPackets, not kept
	err       error // why the reader stopped on its own

	// sink, when set, is handed each frame as it is read (serve and
	// watch, which show packets as they come), instead of keeping it;
	// sinkMu is held while it runs, so that unstream returns only once
	// no call to it is left.
	sinkMu sync.Mutex
	sink   func(Packet)
}

// openLive starts capturing on iface, through a ring if ring is set (see
// ringFrames). It fails where the program may not capture (no CAP_NET_RAW
// where the interface's network lives).
func openLive(iface string, ring bool) (*live, error) {
	h, err := openRaw(iface, SnapLen, ring)
	if err != nil {
		return nil, err
	}
	c := &live{h: h, done: make(chan struct{}), snapped: SnapLen}
	go c.read()
	return c, nil
}

// read keeps every frame of a run until the handle is closed.
func (c *live) read() {
	defer close(c.done)
	for {
		data, length, at, err := c.h.read()
		if err != nil {
			if !c.stopping.Load() {
				c.mu.Lock()
				c.err = err
				c.mu.Unlock()
			}
			return
		}
		if c.deliver(at, data, length) {
			continue
		}
		c.mu.Lock()
		switch {
		case !c.recording:
		case c.marker != nil && bytes.Contains(data, c.marker):
			c.recording = false
			close(c.seen)
		case len(c.pkts) < MaxPackets:
			c.pkts = append(c.pkts, Packet{Time: at, Data: c.copyFrame(data), Len: length})
		default:
			c.missed++
		}
		c.mu.Unlock()
	}
}

// arenaChunk is the size of the chunks kept frames are copied into: one
// allocation for hundreds of frames.
const arenaChunk = 256 << 10

// copyFrame copies the first c.keep bytes of data into the arena and
// returns the copy. c.mu is held.
func (c *live) copyFrame(data []byte) []byte {
	if len(data) > c.keep {
		data = data[:c.keep]
	}
	if cap(c.arena)-len(c.arena) < len(data) {
		c.arena = make([]byte, 0, max(arenaChunk, len(data)))
	}
	start := len(c.arena)
	c.arena = append(c.arena, data...)
	return c.arena[start:len(c.arena):len(c.arena)]
}

// deliver hands a copy of the frame to the sink, if one is set, and
// reports whether it did.
func (c *live) deliver(at time.Time, data []byte, length int) bool {
	c.sinkMu.Lock()
	defer c.sinkMu.Unlock()
	if c.sink == nil {
		return false
	}
	c.sink(Packet{Time: at, Data: bytes.Clone(data), Len: length})
	return true
}

// stream hands every frame to fn as it is read, from the reader's
// goroutine, until unstream.
func (c *live) stream(fn func(Packet)) {
	c.resnap(SnapLen)
	c.sinkMu.Lock()
	defer c.sinkMu.Unlock()
	c.h.drops() // the counter counts from here
	c.sink = fn
}

// unstream stops the frames going to the sink: when it returns, the sink
// runs no more. It returns how many packets the system dropped meanwhile.
func (c *live) unstream() int {
	c.sinkMu.Lock()
	defer c.sinkMu.Unlock()
	c.sink = nil
	return c.h.drops()
}

// begin starts keeping frames, for one run: the first keep bytes of
// each.
func (c *live) begin(keep int) {
	c.resnap(keep)
	c.h.drops() // the counters count from here
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recording, c.pkts, c.missed, c.keep, c.arena = true, nil, 0, keep, nil
	c.marker, c.seen = make([]byte, 16), make(chan struct{})
	rand.Read(c.marker)
}

// resnap has the system hand over n bytes of each frame from now on: a
// run that keeps only headers has them copied into the ring alone. Where
// the filter cannot be changed, frames come whole and are cut here.
func (c *live) resnap(n int) {
	if n != c.snapped && c.h.snap(uint32(n)) == nil {
		c.snapped = n
	}
}

// cut sends the marker, a datagram from a socket to itself on
// 127.0.0.1, and waits until the capture has read it: every packet the
// run sent before it has then been read too. It returns what the run's
// capture kept and how many packets it missed: dropped by the system
// because the capture could not keep up, or past MaxPackets.
func (c *live) cut() (pkts []Packet, missed int, err error) {
	// A full queue drops the marker too: it is sent again, the same
	// bytes, until it is read or markerWait has passed.
	deadline := time.After(markerWait)
	resend := time.NewTicker(markerResend)
	defer resend.Stop()
wait:
	for err = c.sendMarker(); err == nil; {
		select {
		case <-c.seen:
			break wait
		case <-c.done:
			break wait
		case <-resend.C:
			err = c.sendMarker()
		case <-deadline:
			err = errors.New("the capture stopped seeing packets")
		}
	}
	missed = c.h.drops()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		err = c.err
	}
	pkts, missed = c.pkts, missed+c.missed
	c.recording, c.pkts, c.marker, c.arena = false, nil, nil, nil
	return pkts, missed, err
}

// close stops the capture.
func (c *live) close() {
	c.stopping.Store(true)
	c.h.close()
	<-c.done
}

func (c *live) sendMarker() error {
	c.mu.Lock()
	marker := c.marker
	c.mu.Unlock()
	u, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return fmt.Errorf("send the marker: %w", err)
	}
	defer u.Close()
	u.SetWriteDeadline(time.Now().Add(markerWait))
	if _, err := u.WriteToUDP(marker, u.LocalAddr().(*net.UDPAddr)); err != nil {
		return fmt.Errorf("send the marker: %w", err)
	}
	return nil
}
