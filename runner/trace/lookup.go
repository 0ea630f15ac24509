package trace

import (
	"context"
	"errors"
	"net"
	"strings"
)

// LookupIP asks r for host's IPv4 addresses, as a client does before it
// can connect to a name (Python's socket.getaddrinfo, which
// create_connection calls). It is recorded as one step: a name that does
// not resolve as a failed "lookup" with the resolver's own words ("no
// such host") and the name in Vals["host"]; a name that resolves as a
// note "resolved" with the addresses. The words leave out which DNS
// server was asked (Go's error names the one in /etc/resolv.conf), so a
// recording says the same on every machine.
func (s *Side) LookupIP(ctx context.Context, r *net.Resolver, host string) ([]net.IP, error) {
	ips, err := r.LookupIP(ctx, "ip4", host)
	if err != nil {
		words := SysWords(err)
		var de *net.DNSError
		if errors.As(err, &de) {
			words = de.Err
		}
		s.record(Event{Side: s.name, Op: "error", Call: "lookup", Err: words,
			Vals: map[string]string{"host": host}})
		return nil, err
	}
	addrs := make([]string, len(ips))
	for i, ip := range ips {
		addrs[i] = ip.String()
	}
	s.Note("resolved", "host", host, "addrs", strings.Join(addrs, " "))
	return ips, nil
}
