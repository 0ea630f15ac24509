// A typical mistake: a server that serves one client at a time.
package main

import (
	"net"
	"os"
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
		buf := make([]byte, 1024)
		conn.Read(buf)
		conn.Write([]byte("欢迎"))
		conn.Close()
	}
}
