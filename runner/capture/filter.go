package capture

import "golang.org/x/net/bpf"

// SnapLen is how many bytes of each frame the capture keeps: every
// header and the payloads of every lesson's small exchanges whole; of a
// bulk transfer's large segments only the first bytes (the pcap file
// says how long each packet really was).
const SnapLen = 4096

// HeaderSnap is how many bytes of each frame a run without a pcap file
// keeps: the segments shown are decoded from the headers alone (Ethernet
// 14, IPv6 40, TCP 60 with every option; an ICMP error's quoted headers),
// so a bulk transfer's frames cost little memory while the lesson
// measures.
const HeaderSnap = 160

// packetOutgoing is the packet type (skb->pkt_type) of a frame this host
// sends: PACKET_OUTGOING.
const packetOutgoing = 4

// Filter is the capture's BPF program: IPv4 and IPv6 frames, each
// loopback packet once, the first snap bytes of each. On lo every packet
// passes the capture twice, once as it leaves (PACKET_OUTGOING) and once
// as it arrives; the outgoing copy is dropped, as libpcap does on
// loopback.
func Filter(snap uint32) []bpf.RawInstruction {
	prog, err := bpf.Assemble([]bpf.Instruction{
		bpf.LoadExtension{Num: bpf.ExtType},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: packetOutgoing, SkipTrue: 4},
		bpf.LoadAbsolute{Off: 12, Size: 2}, // the EtherType
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x0800, SkipTrue: 1},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x86dd, SkipFalse: 1},
		bpf.RetConstant{Val: snap},
		bpf.RetConstant{Val: 0},
	})
	if err != nil {
		panic("capture: the filter does not assemble: " + err.Error()) // a programmer's mistake
	}
	return prog
}
