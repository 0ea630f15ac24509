// Package capture records the packets under a lesson's calls: the real
// TCP, UDP and ICMP packets that the calls caused on the loopback, each as
// a "packet" event (Side "wire", trace.Segment) on the lesson's recorder,
// and optionally as a pcap file that Wireshark and tcpdump open.
//
// Capturing needs CAP_NET_RAW in the user namespace that owns the network
// namespace. An ordinary user can usually make both: socktour starts
// itself again through /proc/self/exe in a user namespace of its own and
// a network namespace of its own (a running Go program cannot unshare:
// it is multi-threaded), brings that namespace's loopback up, and runs the
// whole command there with an AF_PACKET capture on lo (Begin, Child).
// Where the namespace cannot be made or its capture is denied, the
// capture runs on the host's loopback if the program holds CAP_NET_RAW,
// keeping only the run's own ports; else one sentence says how to allow
// it, and the lesson runs without packets.
//
// The capture is pure Go: gopacket's pcapgo (no cgo, no libpcap), with a
// BPF program assembled with golang.org/x/net/bpf that keeps each
// loopback packet once.
package capture
