// A wrong Unix socket client: it takes its argument for a TCP port, as
// lesson 1's client does, and never reaches the Unix socket.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1], time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	conn.Close()
}
