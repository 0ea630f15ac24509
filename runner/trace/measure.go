package trace

import "time"

// Measure records a measurement made on this connection, as Side.Measure
// does: for a server's handler, which has the connection and not its side.
func (c *Conn) Measure(key string, size, count int, n int64, d time.Duration) {
	c.side.Measure(key, size, count, n, d)
}
