// The hello client: say 你好, print the answer.
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

	// connect(): the system picks this side's port.
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	// send: text goes out as UTF-8 bytes.
	if _, err := conn.Write([]byte("你好")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	// recv(1024): the answer, at most 1024 bytes.
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(buf[:n]))
}
