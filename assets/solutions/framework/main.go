// A timestamp echo server: each request answered with the time in C's
// ctime form and the request's text, every client in a goroutine of its own.
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
		// The handler gets the connection; the loop goes back to accept.
		go handle(conn)
	}
}

// handle answers every request of one connection until the client hangs up.
func handle(conn net.Conn) {
	defer conn.Close()
	buf := make([]byte, 1024)
	for {
		// A client that stays silent is given up on.
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		n, err := conn.Read(buf)
		if err != nil { // io.EOF: the client hung up
			return
		}
		// time.ANSIC is ctime's layout: Thu Sep 15 23:53:31 2016.
		answer := time.Now().Format(time.ANSIC) + " " + string(buf[:n])
		if _, err := conn.Write([]byte(answer)); err != nil {
			return
		}
	}
}
