// A typical mistake: one recv(7), then close.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	buf := make([]byte, 7)
	n, _ := conn.Read(buf)
	fmt.Println(string(buf[:n]))
	conn.Close()
}
