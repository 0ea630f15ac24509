package capture

import (
	"bufio"
	"fmt"
	"os"
	"sync"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/socktour/socktour/runner/trace"
)

// Streaming is a Wire handing its packets on as they come: serve and
// watch, whose clients are outside programs and whose runs never end
// on their own. Stop ends it.
type Streaming struct {
	w    *Wire
	mu   sync.Mutex // guards the pcap file against Stop
	file *os.File
	bw   *bufio.Writer
	pw   *pcapgo.Writer
	err  error // the pcap file's first error
	kept int
}

// Stream starts handing each packet whose two ends keep accepts to fn,
// as a "packet" event (Side "wire", T left 0 for the caller's clock),
// from the capture's own goroutine, one at a time; with w.Pcap set it
// is written to the pcap file too, and flushed at once, so the file is
// whole up to the last packet even if socktour is killed. A nil Wire,
// or one with no capture, streams nothing.
func (w *Wire) Stream(keep func(src, dst string) bool, fn func(trace.Event)) (*Streaming, error) {
	st := &Streaming{w: w}
	if w == nil || w.tap == nil {
		return st, nil
	}
	if w.Pcap != "" {
		f, err := os.Create(w.Pcap)
		if err != nil {
			return nil, fmt.Errorf("pcap: %w", err)
		}
		st.file, st.bw = f, bufio.NewWriter(f)
		st.pw = pcapgo.NewWriter(st.bw)
		if err := st.pw.WriteFileHeader(SnapLen, layers.LinkTypeEthernet); err != nil {
			f.Close()
			return nil, fmt.Errorf("pcap: %w", err)
		}
	}
	d := newDecoder()
	w.tap.stream(func(p Packet) {
		s, ok := d.segment(p)
		if !ok || keep != nil && !keep(s.Src, s.Dst) {
			return
		}
		st.write(p)
		if w.Events && fn != nil {
			fn(trace.Event{Side: "wire", Op: "packet", Pkt: &s})
		}
	})
	return st, nil
}

func (st *Streaming) write(p Packet) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.kept++
	if st.pw == nil || st.err != nil {
		return
	}
	ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: p.Len}
	if st.err = st.pw.WritePacket(ci, p.Data); st.err == nil {
		st.err = st.bw.Flush()
	}
}

// Stop ends the stream: once it returns, fn is called no more. It
// closes the pcap file and returns how many packets were kept, how many
// the system dropped, and the pcap file's error, if any.
func (st *Streaming) Stop() (kept, dropped int, err error) {
	if st == nil || st.w == nil || st.w.tap == nil {
		return 0, 0, nil
	}
	dropped = st.w.tap.unstream()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.file != nil {
		if cerr := st.file.Close(); st.err == nil {
			st.err = cerr
		}
		st.file = nil
	}
	if st.err != nil {
		err = fmt.Errorf("pcap: %w", st.err)
	}
	return st.kept, dropped, err
}
