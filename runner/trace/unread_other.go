//go:build !linux

package trace

import "net"

// unreadBytes cannot ask this system; -1 means unknown.
func unreadBytes(net.Conn) int { return -1 }
