package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
)

// Environment variables: envChild marks the child in the private network
// (its value is the status pipe's descriptor); envMode chooses how to
// capture: "" tries the private network, then the host's loopback;
// "host" goes straight to the host's loopback; "off" behaves as a system
// that allows neither, for tests and for trying the fallback by hand.
const (
	envChild = "SOCKTOUR_PRIVATE_NET"
	envMode  = "SOCKTOUR_CAPTURE"
)

// setcap is the one command that lets socktour capture on the host's
// loopback.
const setcap = `sudo setcap cap_net_raw+ep "$(command -v socktour)"`

// Request is what a command that wants its packets passes to Begin.
type Request struct {
	// Args is the command to run again in the private network, without
	// the program's name: its language and colour flags included, so the
	// child shows what the parent would have.
	Args []string
	// In, Out and Err are the command's streams: the child's are the same.
	In       io.Reader
	Out, Err io.Writer
	Getenv   func(string) string
	// Say is the text of a key of assets/ui.md ("packets denied",
	// "packets linux only"), with its {name} templates filled from kv.
	Say func(key string, kv ...string) string
	// Events records each packet as an event; Pcap, when set, names the
	// pcap file to write.
	Events bool
	Pcap   string
	// Outside is set by a command that talks to programs outside this
	// one (serve, watch): a private network would cut them off, so the
	// capture runs on the host's loopback or not at all.
	Outside bool
	// Bulk is set by a command that moves more packets than a socket's
	// queue holds (lesson 2's measurements): the capture then reads
	// through a ring, as it does for Outside commands, which run for
	// long. A ring costs about 20 ms to set up and take down.
	Bulk bool
}

// Begin decides where the capture runs, in order: in a private network
// (this program started again there, running the whole command: done
// is then true and code is its exit code); else on the host's loopback,
// if this program may capture there; else nowhere, said in one sentence
// on req.Err, and the command goes on without packets. In the child,
// Begin sets up the private network and returns the Wire to capture
// with; done with code 1 means the child could not, said to the parent
// only, which falls back. With req.Outside, only the host's loopback is
// tried (its own sentence says why not). The command closes the Wire
// when it is done.
func Begin(ctx context.Context, req Request) (w *Wire, code int, done bool) {
	getenv := req.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	wire := &Wire{Events: req.Events, Pcap: req.Pcap}
	ring := req.Bulk || req.Outside
	if fd := getenv(envChild); fd != "" {
		t, err := childSetup(fd, ring)
		if err != nil {
			return nil, 1, true
		}
		wire.tap = t
		return wire, 0, false
	}
	if runtime.GOOS != "linux" {
		fmt.Fprintln(req.Err, req.Say("packets linux only"))
		return nil, 0, false
	}
	mode := getenv(envMode)
	if req.Outside {
		if mode != "off" {
			if t, err := hostCapture(ring); err == nil {
				wire.tap, wire.host = t, true
				return wire, 0, false
			}
		}
		fmt.Fprintln(req.Err, req.Say("packets host denied", "command", setcap))
		return nil, 0, false
	}
	if mode == "" {
		code, err := reexec(ctx, req)
		var no errNoNamespace
		if !errors.As(err, &no) {
			return nil, code, true
		}
	}
	if mode != "off" {
		if t, err := hostCapture(ring); err == nil {
			wire.tap, wire.host = t, true
			return wire, 0, false
		}
	}
	fmt.Fprintln(req.Err, req.Say("packets denied", "command", setcap))
	return nil, 0, false
}
