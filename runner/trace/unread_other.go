//go:build !linux && !windows

package trace

import "net"

// unreadBytes does not ask this system (macOS could, through FIONREAD,
// but what it sends on such a close is not documented here); -1 means
// unknown.
func unreadBytes(net.Conn) int { return -1 }
