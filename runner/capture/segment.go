package capture

import (
	"encoding/binary"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/socktour/socktour/runner/trace"
)

// Packet is one captured frame: its first SnapLen bytes, its real length
// and the time the system stamped it with.
type Packet struct {
	Time time.Time
	Data []byte // the frame, Ethernet header first, cut at SnapLen
	Len  int    // the frame's length on the wire
}

// decoder turns frames into Segments, numbering each TCP direction's
// sequence and acknowledgement numbers from the connection's start, as
// tcpdump and Wireshark show them. It keeps state: feed it the frames in
// the order they were captured.
type decoder struct {
	parser  *gopacket.DecodingLayerParser
	decoded []gopacket.LayerType
	eth     layers.Ethernet
	ip4     layers.IPv4
	ip6     layers.IPv6
	tcp     layers.TCP
	udp     layers.UDP
	icmp4   layers.ICMPv4
	icmp6   layers.ICMPv6
	isn     map[string]uint32 // first sequence number by "src>dst"
	// wscale is the window scale each direction's SYN offered ("src>dst"),
	// -1 for none: once both have offered one, windows are scaled by it.
	wscale map[string]int
}

func newDecoder() *decoder {
	d := &decoder{isn: map[string]uint32{}, wscale: map[string]int{}}
	d.parser = gopacket.NewDecodingLayerParser(layers.LayerTypeEthernet,
		&d.eth, &d.ip4, &d.ip6, &d.tcp, &d.udp, &d.icmp4, &d.icmp6)
	d.parser.IgnoreUnsupported = true
	return d
}

// segment decodes one frame. ok is false for a frame that is not a TCP
// segment, a UDP datagram or an ICMP error or echo.
func (d *decoder) segment(p Packet) (s trace.Segment, ok bool) {
	d.decoded = d.decoded[:0]
	_ = d.parser.DecodeLayers(p.Data, &d.decoded) // a frame cut short still decodes its headers
	var src, dst netip.Addr
	var ipPayload int // bytes after the IP header, as the header says
	for _, t := range d.decoded {
		switch t {
		case layers.LayerTypeIPv4:
			src, _ = netip.AddrFromSlice(d.ip4.SrcIP.To4())
			dst, _ = netip.AddrFromSlice(d.ip4.DstIP.To4())
			ipPayload = int(d.ip4.Length) - int(d.ip4.IHL)*4
		case layers.LayerTypeIPv6:
			src, _ = netip.AddrFromSlice(d.ip6.SrcIP)
			dst, _ = netip.AddrFromSlice(d.ip6.DstIP)
			ipPayload = int(d.ip6.Length)
		case layers.LayerTypeTCP:
			return d.tcpSegment(src, dst, ipPayload), true
		case layers.LayerTypeUDP:
			return trace.Segment{Proto: "udp",
				Src: hostPort(src, int(d.udp.SrcPort)), Dst: hostPort(dst, int(d.udp.DstPort)),
				Len: int(d.udp.Length) - 8}, true
		case layers.LayerTypeICMPv4:
			return icmpSegment(d.icmp4.TypeCode.Type(), d.icmp4.TypeCode.Code(), false, src, dst, d.icmp4.Payload)
		case layers.LayerTypeICMPv6:
			quoted := d.icmp6.Payload // after 4 bytes that ICMPv6 errors leave unused
			if len(quoted) >= 4 {
				quoted = quoted[4:]
			}
			return icmpSegment(d.icmp6.TypeCode.Type(), d.icmp6.TypeCode.Code(), true, src, dst, quoted)
		}
	}
	return trace.Segment{}, false
}

func (d *decoder) tcpSegment(src, dst netip.Addr, ipPayload int) trace.Segment {
	t := &d.tcp
	s := trace.Segment{Proto: "tcp",
		Src: hostPort(src, int(t.SrcPort)), Dst: hostPort(dst, int(t.DstPort)),
		Flags: tcpFlags(t), Win: uint32(t.Window), Len: max(ipPayload-int(t.DataOffset)*4, 0)}
	here, back := s.Src+">"+s.Dst, s.Dst+">"+s.Src
	if t.SYN { // a new connection in this direction, even on a reused port
		d.isn[here] = t.Seq
		d.wscale[here] = windowScale(t)
	} else if mine, theirs, ok := d.scales(here, back); ok && mine >= 0 && theirs >= 0 {
		// Both SYNs offered a window scale: the window field counts in
		// units of 2^scale bytes from now on (RFC 7323), and the window
		// shown is in bytes, as Wireshark shows it. A SYN's own is never
		// scaled.
		s.Win = uint32(t.Window) << mine
	}
	base, seen := d.isn[here]
	if !seen {
		base, d.isn[here] = t.Seq, t.Seq
	}
	s.Seq = t.Seq - base
	if t.ACK {
		s.Ack = t.Ack
		if b, ok := d.isn[back]; ok {
			s.Ack = t.Ack - b
		}
	}
	return s
}

// scales are the window scales the SYNs of both directions offered; ok is
// false until both SYNs have been seen.
func (d *decoder) scales(here, back string) (mine, theirs int, ok bool) {
	mine, ok1 := d.wscale[here]
	theirs, ok2 := d.wscale[back]
	return mine, theirs, ok1 && ok2
}

// windowScale is the shift a SYN's window scale option offers (kind 3),
// -1 for a SYN without one.
func windowScale(t *layers.TCP) int {
	for _, o := range t.Options {
		if o.OptionType == layers.TCPOptionKindWindowScale && len(o.OptionData) == 1 {
			return int(min(o.OptionData[0], 14)) // RFC 7323 caps it at 14
		}
	}
	return -1
}

// tcpFlags names the flags as tcpdump does, in its order: F S R P, then
// "." for ACK, then U E W.
func tcpFlags(t *layers.TCP) string {
	var b []byte
	for _, f := range []struct {
		on bool
		c  byte
	}{{t.FIN, 'F'}, {t.SYN, 'S'}, {t.RST, 'R'}, {t.PSH, 'P'}, {t.ACK, '.'}, {t.URG, 'U'}, {t.ECE, 'E'}, {t.CWR, 'W'}} {
		if f.on {
			b = append(b, f.c)
		}
	}
	if len(b) == 0 {
		return "none"
	}
	return string(b)
}

// icmpSegment is an ICMP error, with the addresses and length of the
// datagram it answers (quoted in its payload), or an echo. Other ICMP
// messages (neighbour discovery, multicast listener reports) are not the
// lesson's doing and are left out.
func icmpSegment(typ, code uint8, v6 bool, src, dst netip.Addr, quoted []byte) (trace.Segment, bool) {
	name, isErr := icmpName(typ, code, v6)
	if name == "" {
		return trace.Segment{}, false
	}
	s := trace.Segment{Proto: "icmp", ICMP: name, Src: src.String(), Dst: dst.String()}
	if isErr {
		if qs, qd, n, ok := quotedDatagram(quoted, v6); ok {
			s.Src, s.Dst, s.Len = qs, qd, n
		}
	}
	return s, true
}

// icmpName names the ICMP messages a lesson can cause; isErr is set for
// the errors, which quote the datagram they answer.
func icmpName(typ, code uint8, v6 bool) (name string, isErr bool) {
	unreachable := []string{"net unreachable", "host unreachable", "protocol unreachable", "port unreachable"}
	switch {
	case !v6 && typ == 3 && int(code) < len(unreachable):
		return unreachable[code], true
	case !v6 && typ == 3:
		return fmt.Sprintf("unreachable, code %d", code), true
	case !v6 && typ == 11, v6 && typ == 3:
		return "time exceeded", true
	case !v6 && typ == 8, v6 && typ == 128:
		return "echo request", false
	case !v6 && typ == 0, v6 && typ == 129:
		return "echo reply", false
	case v6 && typ == 1 && code == 4:
		return "port unreachable", true
	case v6 && typ == 1 && code == 3:
		return "host unreachable", true
	case v6 && typ == 1:
		return fmt.Sprintf("unreachable, code %d", code), true
	}
	return "", false
}

// quotedDatagram reads the IP header and the first 8 bytes of the UDP or
// TCP header that an ICMP error quotes: who sent what to whom, and (for
// UDP) how many payload bytes.
func quotedDatagram(b []byte, v6 bool) (src, dst string, n int, ok bool) {
	var s, d netip.Addr
	var proto byte
	hl := 40
	if v6 {
		if len(b) < 48 {
			return "", "", 0, false
		}
		s, _ = netip.AddrFromSlice(b[8:24])
		d, _ = netip.AddrFromSlice(b[24:40])
		proto = b[6]
	} else {
		if len(b) < 20 {
			return "", "", 0, false
		}
		hl = int(b[0]&0x0f) * 4
		if len(b) < hl+8 {
			return "", "", 0, false
		}
		s, _ = netip.AddrFromSlice(b[12:16])
		d, _ = netip.AddrFromSlice(b[16:20])
		proto = b[9]
	}
	l4 := b[hl:]
	sp, dp := int(binary.BigEndian.Uint16(l4[0:2])), int(binary.BigEndian.Uint16(l4[2:4]))
	if proto == 17 {
		n = max(int(binary.BigEndian.Uint16(l4[4:6]))-8, 0)
	}
	return hostPort(s, sp), hostPort(d, dp), n, true
}

// hostPort is ip:port as Go's net package writes an address ([::1]:80
// for IPv6), the way the call events name their ends.
func hostPort(ip netip.Addr, port int) string {
	return net.JoinHostPort(ip.String(), strconv.Itoa(port))
}
