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

	"github.com/gopacket/gopacket/pcapgo"
)

// markerWait bounds the wait for the marker datagram: it crosses the
// loopback in microseconds, so not seeing it in this long means the
// capture has stopped seeing anything.
const markerWait = 3 * time.Second

// MaxPackets bounds the packets one run keeps (and a recording holds at
// most trace's 200,000 events): past it they are counted as missed.
const MaxPackets = 100_000

// live is a capture running on an interface, reading every frame the
// filter keeps until it is stopped.
type live struct {
	h        *pcapgo.EthernetHandle
	marker   []byte
	seen     chan struct{} // closed once the marker has been read
	done     chan struct{} // closed once the reader has returned
	stopping atomic.Bool

	mu     sync.Mutex
	pkts   []Packet
	missed int   // packets read past MaxPackets, not kept
	err    error // why the reader stopped on its own
}

// openLive starts capturing on iface. It fails where the program may
// not capture (no CAP_NET_RAW where the interface's network lives).
func openLive(iface string) (*live, error) {
	h, err := pcapgo.NewEthernetHandle(iface)
	if err != nil {
		return nil, err
	}
	if err := h.SetBPF(Filter()); err != nil {
		h.Close()
		return nil, fmt.Errorf("attach the filter: %w", err)
	}
	if err := h.SetCaptureLength(SnapLen); err != nil {
		h.Close()
		return nil, err
	}
	c := &live{h: h, marker: make([]byte, 16), seen: make(chan struct{}), done: make(chan struct{})}
	rand.Read(c.marker)
	h.Stats() // the counters count from here
	go c.read()
	return c, nil
}

// read keeps every frame until the handle is closed.
func (c *live) read() {
	defer close(c.done)
	marked := false
	for {
		data, ci, err := c.h.ReadPacketData()
		if err != nil {
			if !c.stopping.Load() {
				c.mu.Lock()
				c.err = err
				c.mu.Unlock()
			}
			return
		}
		if bytes.Contains(data, c.marker) {
			if !marked {
				marked = true
				close(c.seen)
			}
			continue
		}
		c.mu.Lock()
		if len(c.pkts) < MaxPackets {
			c.pkts = append(c.pkts, Packet{Time: ci.Timestamp, Data: data, Len: ci.Length})
		} else {
			c.missed++
		}
		c.mu.Unlock()
	}
}

// stop sends the marker, a datagram from a socket to itself on
// 127.0.0.1, and waits until the capture has read it: every packet the
// run sent before it has then been read too. It closes the capture and
// returns what it kept and how many packets it missed: dropped by the
// system because the capture could not keep up, or past MaxPackets.
func (c *live) stop() (pkts []Packet, drops int, err error) {
	err = c.sendMarker()
	if err == nil {
		select {
		case <-c.seen:
		case <-c.done:
		case <-time.After(markerWait):
			err = errors.New("the capture stopped seeing packets")
		}
	}
	if st, serr := c.h.Stats(); serr == nil {
		drops = int(st.Drops)
	}
	c.stopping.Store(true)
	c.h.Close()
	<-c.done
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		err = c.err
	}
	return c.pkts, drops + c.missed, err
}

func (c *live) sendMarker() error {
	u, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return fmt.Errorf("send the marker: %w", err)
	}
	defer u.Close()
	u.SetWriteDeadline(time.Now().Add(markerWait))
	if _, err := u.WriteToUDP(c.marker, u.LocalAddr().(*net.UDPAddr)); err != nil {
		return fmt.Errorf("send the marker: %w", err)
	}
	return nil
}
