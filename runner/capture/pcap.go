package capture

import (
	"bufio"
	"io"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// WritePcap writes pkts as a pcap file (Ethernet frames, microsecond
// times) that Wireshark and tcpdump open.
func WritePcap(w io.Writer, pkts []Packet) error {
	bw := bufio.NewWriter(w)
	pw := pcapgo.NewWriter(bw)
	if err := pw.WriteFileHeader(SnapLen, layers.LinkTypeEthernet); err != nil {
		return err
	}
	for _, p := range pkts {
		ci := gopacket.CaptureInfo{Timestamp: p.Time, CaptureLength: len(p.Data), Length: p.Len}
		if err := pw.WritePacket(ci, p.Data); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadPcap reads back a file WritePcap wrote.
func ReadPcap(r io.Reader) ([]Packet, error) {
	pr, err := pcapgo.NewReader(r)
	if err != nil {
		return nil, err
	}
	var out []Packet
	for {
		data, ci, err := pr.ReadPacketData()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, Packet{Time: ci.Timestamp, Data: data, Len: ci.Length})
	}
}
