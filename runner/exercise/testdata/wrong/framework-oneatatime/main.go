// A wrong timestamp server: it serves one connection to its end before it
// accepts the next, so a second client waits while the first is connected.
package main

import (
	"net"
	"os"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			os.Exit(1)
		}
		handle(conn) // no goroutine: the next client waits
	}
}

func handle(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 1024)
	for {
		n, err := conn.Read(buf)
		if err != nil {
			return
		}
		conn.Write([]byte(time.Now().Format(time.ANSIC) + " " + string(buf[:n])))
	}
}
