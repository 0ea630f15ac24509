package lessons

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// NoSuchName is the name of the lookup scene: .invalid is reserved
// (RFC 6761) and never resolves. The final dot says the name is complete,
// so no search domain of /etc/resolv.conf is tried after it.
const NoSuchName = "nosuch.invalid."

// nameThatDoesNotResolve is the scene "a name that does not resolve". So
// that it waits on no network and shows the same on every machine, with
// or without DNS, socktour answers the query itself: a small DNS server
// of its own on loopback, which says what a real one says of this name.
// Only its notes are recorded (a query carries a random id).
func nameThatDoesNotResolve(ctx context.Context, rec *trace.Recorder) error {
	dns, err := rec.QuietSide("server").ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer dns.Close()
	served := make(chan error, 1)
	go func() { served <- answerNoSuchName(dns) }()
	// A resolver that sends its queries there, whatever server
	// /etc/resolv.conf names.
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, dns.LocalAddr())
	}}
	err = lookUpName(ctx, rec.Side("client"), r)
	dns.Close()
	if serr := <-served; !errors.Is(serr, net.ErrClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// lookUpName looks up a name that does not exist, as a client does
// before it connects to a name, and bounds the wait with a deadline.
func lookUpName(ctx context.Context, me *trace.Side, r *net.Resolver) error {
	// A Go context deadline bounds the lookup; Python's settimeout
	// does not (getaddrinfo runs before any socket exists).
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := me.LookupIP(ctx, r, NoSuchName)
	if de := (*net.DNSError)(nil); !errors.As(err, &de) || !de.IsNotFound {
		return unexpected("the lookup of "+NoSuchName, err)
	}
	return nil
}

// answerNoSuchName answers every query on sock as a DNS server answers
// for a name that does not exist: NXDOMAIN, "no such name".
func answerNoSuchName(sock *trace.PacketConn) error {
	buf := make([]byte, 512)
	for {
		n, from, err := sock.ReadFromWithin(buf, trace.DefaultTimeout)
		if err != nil {
			return err
		}
		name, qtype, end, ok := question(buf[:n])
		if !ok {
			continue // not a query this server understands
		}
		sock.Note("dns query", "text", name+" "+qtype)
		// The answer: the query's id and question, the header's QR bit
		// (an answer), RD copied, RA set, and RCODE 3, NXDOMAIN.
		reply := append([]byte(nil), buf[:end]...)
		reply[2] = 0x80 | buf[2]&0x79
		reply[3] = 0x80 | 3
		clear(reply[6:12]) // no answer, authority or additional records
		sock.Note("dns answer", "text", "NXDOMAIN")
		if _, err := sock.WriteTo(reply, from); err != nil {
			return err
		}
	}
}

// question reads a DNS query's one question: the name, its type, and
// where the question ends.
func question(q []byte) (name, qtype string, end int, ok bool) {
	if len(q) < 12 || binary.BigEndian.Uint16(q[4:]) != 1 {
		return "", "", 0, false
	}
	var labels []string
	i := 12
	for i < len(q) && q[i] != 0 {
		l := int(q[i])
		if l > 63 || i+1+l > len(q) {
			return "", "", 0, false
		}
		labels = append(labels, string(q[i+1:i+1+l]))
		i += 1 + l
	}
	if i+5 > len(q) {
		return "", "", 0, false
	}
	t := binary.BigEndian.Uint16(q[i+1:])
	qtype = map[uint16]string{1: "A", 28: "AAAA"}[t]
	if qtype == "" {
		qtype = "type " + strconv.Itoa(int(t))
	}
	return strings.Join(labels, ".") + ".", qtype, i + 5, true
}
