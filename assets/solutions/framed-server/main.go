// The framed server: each client gets one object as a length-framed
// JSON body.
// Usage: go run . PORT
package main

import (
	"encoding/json"
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
	body, _ := json.Marshal(map[string]string{"1": "Client", "2": "Server"})
	// 10 bytes: the body's length in decimal, left-aligned, space-padded.
	header := fmt.Sprintf("%-10d", len(body))
	for {
		conn, err := ln.Accept()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		conn.SetDeadline(time.Now().Add(5 * time.Second))
		// Write sends all of it, like Python's sendall.
		conn.Write(append([]byte(header), body...))
		conn.Close()
	}
}
