package trace

// Segment is one packet seen on the lesson's loopback, as a "packet"
// event carries it (Event.Pkt): what the system sent because of the
// calls, captured under them (issue: the packets under the calls). Its
// JSON is part of the --json and recording contract.
type Segment struct {
	Proto string `json:"proto"`           // "tcp", "udp" or "icmp"
	Src   string `json:"src"`             // ip:port of the sender
	Dst   string `json:"dst"`             // ip:port of the receiver
	Flags string `json:"flags,omitempty"` // TCP flags as tcpdump names them: "S", "S.", ".", "P.", "F.", "R", "R."
	// Seq and Ack are relative to the connection's first sequence number
	// in each direction, as Wireshark and tcpdump show them.
	Seq uint32 `json:"seq,omitempty"`
	Ack uint32 `json:"ack,omitempty"`
	// Win is the receive window advertised, in bytes: the header's value
	// times the window scale both SYNs agreed on, as Wireshark shows it
	// (a SYN's own is never scaled).
	Win uint32 `json:"win,omitempty"`
	Len int    `json:"len"` // payload bytes
	// ICMP names an ICMP message ("port unreachable"), with Src and Dst
	// the addresses of the datagram it answers.
	ICMP string `json:"icmp,omitempty"`
}
