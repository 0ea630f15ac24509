package runner

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/socktour/socktour/assets"
	"github.com/socktour/socktour/runner/capture"
	"github.com/socktour/socktour/runner/recording"
	"github.com/socktour/socktour/runner/relay"
	"github.com/socktour/socktour/runner/trace"
)

// watch relays between a learner's client and a learner's server, showing
// their traffic live: `socktour watch --listen PORT --to HOST:PORT`.
func watch(ctx context.Context, args []string, io *IO) error {
	fs := newFlags("watch")
	port := fs.Int("listen", 0, "the port the client connects to; 0 lets the system pick")
	to := fs.String("to", "", "the server's HOST:PORT (or PORT on 127.0.0.1)")
	record := fs.String("record", "", "also save the traffic to this file")
	anyIface := fs.Bool("listen-any", false, "listen on every interface, not just 127.0.0.1")
	noHex := fs.Bool("no-hex", false, "leave out hex dumps")
	packets := fs.Bool("packets", false, "show the relayed connections' packets (host loopback, CAP_NET_RAW)")
	pcap := fs.String("pcap", "", "write the relayed connections' packets to this pcap file")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("watch takes no arguments but flags, not %q", pos[0])
	}
	if *port < 0 || *port > 65535 {
		return usagef("watch: --listen must be a port, 0 to 65535, not %d", *port)
	}
	target, err := targetAddr(*to)
	if err != nil {
		return err
	}
	host := "127.0.0.1"
	if *anyIface {
		host = "0.0.0.0"
		fmt.Fprintln(io.Err, assets.Section("ui", "listen any warning"))
	}
	listen := net.JoinHostPort(host, strconv.Itoa(*port))

	r := io.renderer(fs.noColor, *noHex)
	out := newLive(io.Out, r, 0)
	rec := trace.NewRecorder()
	rec.Discard = true
	rec.Live = out.event
	var file *os.File
	var rw *recording.Writer
	if *record != "" {
		if file, err = os.Create(*record); err != nil {
			return errorf("cannot record to %s: %v", *record, pathErr(err))
		}
		defer file.Close()
	}

	var wire *capture.Wire
	if *packets || *pcap != "" {
		// The client and server are outside programs: the host's
		// loopback, or one sentence and no packets.
		wire, _, _ = beginCapture(ctx, io, "watch", args,
			capture.Request{Events: *packets, Pcap: *pcap, Outside: true})
		defer wire.Close()
	}
	stopPackets := func() {}
	rl := &relay.Relay{Listen: listen, To: target, Rec: rec}
	var recErr error
	err = rl.Run(ctx, func(addr string) {
		lport := portOf(addr)
		if file != nil {
			// The relay listens but accepts nothing before this returns:
			// no event can come before the recording's first line.
			rw, recErr = recording.NewWriter(file, recording.Header{
				Watch: addr + " → " + target, Socktour: Version, Recorded: time.Now().UTC().Truncate(time.Second),
			})
			rec.Live = func(e trace.Event) {
				if e.Op != "packet" { // a packet is shown as it comes, by streamPackets
					out.event(e)
				}
				rw.Event(e)
				rw.Flush()
			}
		}
		point := addr
		if *anyIface { // [::]:46045 is no address to dial: loopback is, and the network's
			addr = assets.UI("watch any listen", "port", lport)
			point = assets.UI("watch any", "addr", net.JoinHostPort("127.0.0.1", lport))
		}
		vals := map[string]string{"listen": addr, "point": point, "to": target, "file": *record}
		head := []string{r.Pal.Title.Sprint(assets.Fill(assets.Section("ui", "watch heading"), vals))}
		head = append(head, r.Paragraphs(assets.Fill(assets.Section("ui", "watch start"), vals))...)
		if file != nil {
			head = append(head, r.Paragraphs(assets.Fill(assets.Section("ui", "watch recording"), vals))...)
		}
		out.start(head...)
		var also func(trace.Event)
		if file != nil { // the recording keeps the packets too, at the time they were read
			also = func(e trace.Event) { rec.RecordAt(e, time.Now()) }
		}
		stopPackets = streamPackets(io, wire, out, net.JoinHostPort("127.0.0.1", lport), also, lport, portOf(target))
	})
	stopPackets()
	if rw != nil {
		if cerr := rw.Close(); recErr == nil {
			recErr = cerr
		}
	}
	if recErr != nil { // the relay worked; only the recording is lost
		fmt.Fprintf(io.Err, "socktour: cannot record to %s: %v\n", *record, pathErr(recErr))
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return errorf("cannot listen on %s: the port is already in use", listen)
	case err != nil && ctx.Err() == nil:
		var oe *net.OpError
		if errors.As(err, &oe) {
			return errorf("cannot listen on %s: %s", listen, trace.SysWords(err))
		}
		return err
	case ctx.Err() != nil:
		return errInterrupted
	}
	return nil
}

// targetAddr reads --to: HOST:PORT, or a bare PORT on 127.0.0.1.
func targetAddr(to string) (string, error) {
	if to == "" {
		return "", usagef("watch needs --to, the server's HOST:PORT, such as --to 127.0.0.1:8000")
	}
	if p, err := strconv.Atoi(to); err == nil {
		to = net.JoinHostPort("127.0.0.1", strconv.Itoa(p))
	}
	host, p, err := net.SplitHostPort(to)
	n, perr := strconv.Atoi(p)
	if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
		return "", usagef("watch: --to must be HOST:PORT or PORT, such as 127.0.0.1:8000, not %q", to)
	}
	return to, nil
}
