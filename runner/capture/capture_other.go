//go:build !linux

package capture

import (
	"context"
	"errors"
)

// Capture is Linux-only: AF_PACKET sockets and network namespaces are
// Linux's. Elsewhere Begin says so in one sentence and the lesson runs
// without packets; these are never reached.

var errLinuxOnly = errors.New("capturing packets is Linux-only")

type errNoNamespace struct{ err error }

func (e errNoNamespace) Error() string { return e.err.Error() }

func reexec(context.Context, Request) (int, error) { return 0, errNoNamespace{errLinuxOnly} }
func childSetup(string, bool) (tap, error)         { return nil, errLinuxOnly }
func hostCapture(bool) (tap, error)                { return nil, errLinuxOnly }
