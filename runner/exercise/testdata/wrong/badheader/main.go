// A typical mistake: the length without its padding to 10 bytes.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	body := `{"1": "Client", "2": "Server"}`
	for {
		conn, err := ln.Accept()
		if err != nil {
			os.Exit(1)
		}
		fmt.Fprintf(conn, "%d%s", len(body), body)
		conn.Close()
	}
}
