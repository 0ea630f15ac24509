// A typical mistake: a loop that never checks for 0 bytes.
package main

import (
	"net"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	buf := make([]byte, 7)
	for {
		conn.Read(buf)
	}
}
