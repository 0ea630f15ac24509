package lessons

import (
	"context"
	"errors"
	"fmt"
	"net"
	"syscall"
	"time"

	"github.com/socktour/socktour/runner/trace"
)

// udp is lesson 5: datagrams, no connection.
var udp = &Lesson{
	Number:    5,
	Network:   "udp",
	Client:    greetByDatagram,
	ServeFunc: serveDatagrams,
	Run: func(ctx context.Context, rec *trace.Recorder) error {
		tutor := rec.Side("tutor")
		// The exchange: 你好 by sendto, 欢迎 back to the sender's address.
		if err := runDatagrams(rec, greetByDatagram, 1); err != nil {
			return err
		}
		// Two sends, two datagrams: boundaries are kept.
		tutor.Note("part-two-datagrams")
		if err := runDatagrams(rec, sendTwo, 2); err != nil {
			return err
		}
		// A reply read with a buffer smaller than the datagram.
		tutor.Note("part-cut")
		if err := runDatagrams(rec, readWithSmallBuffer, 1); err != nil {
			return err
		}
		// A datagram to a port where nobody listens.
		tutor.Note("part-nobody")
		return sendToNobody(rec.Side("client"))
	},
	Code: []string{"answerDatagram", "greetByDatagram", "sendTwo", "readWithSmallBuffer", "sendToNobody"},
}

// answerDatagram is the server's work for one datagram: recvfrom(1024),
// waiting up to wait, then 欢迎 back to whoever sent it.
func answerDatagram(sock *trace.PacketConn, wait time.Duration) error {
	// recvfrom(1024): one datagram, and the address it came from.
	buf := make([]byte, 1024)
	n, from, err := sock.ReadFromWithin(buf, wait)
	if err != nil {
		return err
	}
	sock.Note("decoded", "text", decode(buf[:n]))
	// sendto: the reply goes to the address recvfrom gave us.
	_, err = sock.WriteTo([]byte("欢迎"), from)
	return err
}

// greetByDatagram sends 你好 to the server and reads its answer.
func greetByDatagram(ctx context.Context, me *trace.Side, addr string) error {
	// A UDP socket: no connect, just an address of our own.
	sock, err := me.ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sock.Close()

	// sendto: one datagram to the server's address.
	if _, err := sock.WriteTo([]byte("你好"), addr); err != nil {
		return err
	}
	// recvfrom(1024): the answer, and who sent it.
	buf := make([]byte, 1024)
	n, _, err := sock.ReadFrom(buf)
	if err != nil {
		return err
	}
	sock.Note("decoded", "text", decode(buf[:n]))
	return sock.Close()
}

// sendTwo sends two datagrams in a row, then reads the two answers.
func sendTwo(ctx context.Context, me *trace.Side, addr string) error {
	sock, err := me.ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sock.Close()

	// Two sendto calls, back to back.
	for _, word := range []string{"你好", "再见"} {
		if _, err := sock.WriteTo([]byte(word), addr); err != nil {
			return err
		}
	}
	// Two answers, one per datagram.
	buf := make([]byte, 1024)
	for range 2 {
		if _, _, err := sock.ReadFrom(buf); err != nil {
			return err
		}
	}
	return sock.Close()
}

// readWithSmallBuffer greets the server and reads its 6-byte answer
// with a 4-byte buffer.
func readWithSmallBuffer(ctx context.Context, me *trace.Side, addr string) error {
	sock, err := me.ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sock.Close()

	if _, err := sock.WriteTo([]byte("你好"), addr); err != nil {
		return err
	}
	// recvfrom(4): the datagram is cut to 4 bytes; the other 2 are lost.
	// (Windows also fails the call, WSAEMSGSIZE, as Python shows it.)
	small := make([]byte, 4)
	if _, _, err := sock.ReadFrom(small); err != nil && !datagramTooBig(err) {
		return err
	}
	return sock.Close()
}

// sendToNobody sends a datagram to a port with no socket behind it, first
// from an unconnected socket, then from a connected one.
func sendToNobody(me *trace.Side) error {
	nobody := freeUDPPort()
	sock, err := me.ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer sock.Close()

	// sendto succeeds: the system took the datagram. The system at the
	// other end answers with an ICMP "port unreachable", but an
	// unconnected socket is never told.
	// (On Windows it is told, as Python's sockets are there: Go's are
	// not, unless asked.)
	sock.ReportUnreachable()
	if _, err := sock.WriteTo([]byte("你好"), nobody); err != nil {
		return err
	}

	// The same from a connected socket: connect() fixes its one peer.
	conn, err := me.DialUDP(nobody)
	if err != nil {
		return err
	}
	defer conn.Close()
	conn.ReportUnreachable()
	// send succeeds too: the datagram is on its way.
	if _, err := conn.Write([]byte("你好")); err != nil {
		return err
	}
	// recv(1024) ends as soon as the ICMP answer comes back: the system
	// reports it to this socket as "connection refused" (on Windows as
	// WSAECONNRESET).
	buf := make([]byte, 1024)
	if _, err := conn.Read(buf); !datagramRefused(err) {
		return unexpected("recv on a connected UDP socket", err)
	}
	if err := conn.Close(); err != nil {
		return err
	}

	// Back to the unconnected socket: its datagram went out first, so
	// its ICMP answer has come back too. A read that does not wait
	// (Python: setblocking(False), then recvfrom) finds nothing queued:
	// the answer was dropped, not kept. On Windows it was kept: the read
	// fails with WSAECONNRESET.
	if _, _, err := sock.ReadFromNow(buf); !errors.Is(err, syscall.EAGAIN) && !isWSA(err, wsaReset) {
		return unexpected("recvfrom on the unconnected socket", err)
	}
	return sock.Close()
}

// unexpected is the error of a call that did not fail the way the lesson
// shows: its own error (a socket closed by Ctrl-C stays net.ErrClosed),
// or, had it succeeded, one that says so.
func unexpected(call string, err error) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%s succeeded where it should have failed", call)
}

// freeUDPPort is a loopback address where no UDP socket is bound: one the
// system just gave out and took back.
func freeUDPPort() string {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return "127.0.0.1:9" // the discard port: nothing listens there here either
	}
	defer c.Close()
	return c.LocalAddr().String()
}

// runDatagrams runs one UDP exchange: a server bound to a fresh port
// answers `datagrams` datagrams while the client runs.
func runDatagrams(rec *trace.Recorder,
	client func(context.Context, *trace.Side, string) error, datagrams int) error {
	sock, err := rec.Side("server").ListenUDP("127.0.0.1:0")
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() {
		var err error
		for i := 0; i < datagrams && err == nil; i++ {
			err = answerDatagram(sock, trace.DefaultTimeout)
		}
		sock.Close()
		served <- err
	}()
	cerr := client(context.Background(), rec.Side("client"), sock.LocalAddr())
	if cerr != nil {
		sock.Close()
	}
	if serr := <-served; cerr == nil && serr != nil && !errors.Is(serr, net.ErrClosed) {
		return serr
	}
	return cerr
}

// serveDatagrams is `serve 5`: answer every datagram until stopped. A
// datagram that breaks nothing cannot break the server either: errors
// are recorded and it goes on.
func serveDatagrams(ctx context.Context, rec *trace.Recorder, addr string, ready func(string)) error {
	sock, err := rec.Side("server").ListenUDP(addr)
	if err != nil {
		return err
	}
	ready(sock.LocalAddr())
	stop := context.AfterFunc(ctx, func() { sock.Close() })
	defer stop()
	for ctx.Err() == nil {
		// No deadline worth the name: Ctrl-C closes the socket.
		err := answerDatagram(sock, 24*time.Hour)
		if errors.Is(err, net.ErrClosed) {
			return nil
		}
	}
	return nil
}
