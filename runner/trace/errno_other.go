//go:build !unix && !windows

package trace

// errnoName cannot name a system error here.
func errnoName(error) string { return "" }
