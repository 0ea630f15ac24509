//go:build !linux

package trace

import "errors"

// errNoQueue is what a system without Linux's SIOCINQ gets.
var errNoQueue = errors.New("ioctl: the receive queue cannot be asked on this system")

// WaitUnread is Linux only: see queued_linux.go.
func (c *Conn) WaitUnread(n int) (int, error) { return 0, errNoQueue }

// NoDelay is Linux only: see queued_linux.go.
func (c *Conn) NoDelay() (bool, error) { return false, errNoQueue }
