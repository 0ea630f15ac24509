//go:build !linux && !darwin && !windows

package trace

import "errors"

// errNoQueue is what a system socktour does not know how to ask gets.
var errNoQueue = errors.New("ioctl: the receive queue cannot be asked on this system")

// WaitUnread is for Linux, macOS and Windows: see queued_linux.go.
func (c *Conn) WaitUnread(n int) (int, error) { return 0, errNoQueue }

// WaitHangUp is for Linux, macOS and Windows: see queued_linux.go.
func (c *Conn) WaitHangUp() error { return errNoQueue }

// NoDelay is for Linux, macOS and Windows: see queued_linux.go.
func (c *Conn) NoDelay() (bool, error) { return false, errNoQueue }
