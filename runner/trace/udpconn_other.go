//go:build !unix && !windows

package trace

// ReadFromNow is recvfrom without waiting. Here it is a read whose
// deadline has already passed: it returns a queued datagram, or fails at
// once ("i/o timeout"), without a call of its own to show.
func (p *PacketConn) ReadFromNow(b []byte) (int, string, error) {
	return p.ReadFromWithin(b, 0)
}

// udpCut cannot tell here whether a datagram was cut, and says no.
func udpCut(flags int) bool { return false }

// ReportUnreachable does nothing here: see udpconn_windows.go.
func (p *PacketConn) ReportUnreachable() {}

// ReportUnreachable does nothing here: see udpconn_windows.go.
func (u *UDPConn) ReportUnreachable() {}
