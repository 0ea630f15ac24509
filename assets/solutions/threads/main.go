// A server for many clients at once: a goroutine per connection.
// Usage: go run . PORT
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	port := os.Args[len(os.Args)-1]
	ln, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		// Hand the connection over and go straight back to accept.
		go serve(conn)
	}
}

// serve answers one client's 你好 with 欢迎.
func serve(conn net.Conn) {
	defer conn.Close()
	// A client that never speaks is given up on, not waited for forever.
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	buf := make([]byte, 1024)
	if _, err := conn.Read(buf); err != nil {
		return
	}
	conn.Write([]byte("欢迎"))
}
