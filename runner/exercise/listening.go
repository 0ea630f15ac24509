package exercise

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// freePort asks the system for a free loopback port. (Another program
// could take it before the learner's does; on a quiet machine none does.)
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// waitListening waits until something listens on addr's port, the program
// exits, end passes or ctx is done. On Linux it looks in /proc/net/tcp,
// so that no connection is made just to find out; elsewhere it tries to
// connect.
func waitListening(ctx context.Context, addr string, p *Program, end time.Time) bool {
	_, port, _ := net.SplitHostPort(addr)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(end) {
		if ok, known := listeningInProc(port); known && ok {
			return true
		} else if !known {
			if c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond); err == nil {
				c.Close()
				return true
			}
		}
		select {
		case <-p.Done():
			return false
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return false
}

// listeningInProc reads /proc/net/tcp and tcp6 for a listening socket on
// port; known is false where there is no /proc.
func listeningInProc(port string) (listening, known bool) {
	var n int
	fmt.Sscan(port, &n)
	want := fmt.Sprintf(":%04X", n)
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		file, err := os.Open(f)
		if err != nil {
			continue
		}
		known = true
		s := bufio.NewScanner(file)
		for s.Scan() {
			fields := strings.Fields(s.Text())
			// sl local_address rem_address st …; st 0A is LISTEN
			if len(fields) > 3 && strings.HasSuffix(fields[1], want) && fields[3] == "0A" {
				file.Close()
				return true, true
			}
		}
		file.Close()
	}
	return false, known
}
