// A line client that takes one read for one message: it prints the first
// read whole and stops, so the messages after it are never read.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1], 5*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 1024)
	n, _ := conn.Read(buf)
	fmt.Printf("message: %q\n", buf[:n])
}
