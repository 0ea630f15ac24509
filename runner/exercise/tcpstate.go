package exercise

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// tcpEntry is one TCP socket as the system lists it in /proc/net/tcp.
type tcpEntry struct {
	state int // 1 established, 6 time-wait, 8 close-wait…
	txq   int // bytes sent and not yet acknowledged by the peer
	rxq   int // bytes received and not yet read by the program
}

// lookupTCP finds the IPv4 socket from local to remote (both ip:port).
// found is false when the system lists no such socket (a reset one is
// gone at once); known is false where there is no /proc/net/tcp.
func lookupTCP(local, remote string) (e tcpEntry, found, known bool) {
	l, lok := procAddr(local)
	r, rok := procAddr(remote)
	f, err := os.Open("/proc/net/tcp")
	if err != nil || !lok || !rok {
		return e, false, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		// sl local_address rem_address st tx_queue:rx_queue …
		fields := strings.Fields(s.Text())
		if len(fields) < 5 || fields[1] != l || fields[2] != r {
			continue
		}
		tx, rx, _ := strings.Cut(fields[4], ":")
		st, _ := strconv.ParseInt(fields[3], 16, 32)
		t, _ := strconv.ParseInt(tx, 16, 64)
		x, _ := strconv.ParseInt(rx, 16, 64)
		return tcpEntry{state: int(st), txq: int(t), rxq: int(x)}, true, true
	}
	return e, false, true
}

// procAddr writes ip:port as /proc/net/tcp does: the address's four
// bytes as a number in this machine's byte order, then the port, in hex.
func procAddr(addr string) (string, bool) {
	ap, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil || ap.IP.To4() == nil {
		return "", false
	}
	return fmt.Sprintf("%08X:%04X", binary.NativeEndian.Uint32(ap.IP.To4()), ap.Port), true
}

// outcome is what became of bytes sent to the learner's program.
type outcome int

const (
	taken   outcome = iota // acknowledged, and (where asked) read
	reset                  // the program's system answered with a reset
	stalled                // neither, by the time limit
	unknown                // this system does not tell
)

// settle waits until what was sent on conn is acknowledged by the
// peer's system (and, with read, also read by the program: nothing left
// in its socket's receive buffer), or the connection was reset, or end
// passes. The sockets' state is the system's own, so no timing decides.
func settle(ctx context.Context, conn *trace.Conn, read bool, end time.Time) outcome {
	peerGone := time.Time{}
	for pause := 50 * time.Microsecond; ; pause = min(2*pause, 5*time.Millisecond) {
		ours, found, known := lookupTCP(conn.LocalAddr(), conn.RemoteAddr())
		if !known {
			return unknown
		}
		if !found {
			return reset
		}
		theirs, there, _ := lookupTCP(conn.RemoteAddr(), conn.LocalAddr())
		switch {
		case ours.txq > 0:
		case !read:
			return taken
		case there && theirs.rxq == 0:
			return taken
		case !there:
			// The peer's socket is gone while ours is not yet: its reset
			// is on the way. Should it never come, go on regardless.
			if peerGone.IsZero() {
				peerGone = time.Now()
			} else if time.Since(peerGone) > 100*time.Millisecond {
				return taken
			}
		}
		if !time.Now().Before(end) || ctx.Err() != nil {
			return stalled
		}
		t := time.NewTimer(min(pause, time.Until(end)))
		select { // nothing announces another socket's state: look again
		case <-t.C:
		case <-ctx.Done():
		}
		t.Stop()
	}
}
