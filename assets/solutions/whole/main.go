// The whole message, 7 bytes at a time.
// Usage: go run . PORT
package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"
)

func main() {
	port := os.Args[len(os.Args)-1]
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()

	var whole []byte
	buf := make([]byte, 7)
	for {
		// recv(7): up to 7 more bytes; a deadline so nothing hangs.
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := conn.Read(buf)
		whole = append(whole, buf[:n]...)
		// 0 bytes: the server closed, the message is complete.
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	// Decode once, after the whole message is in: a 7-byte piece can end
	// in the middle of a character.
	fmt.Println(string(whole))
}
