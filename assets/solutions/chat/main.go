// The chat client: say 你好 and exit, half-close, and print everything the
// server says until it closes, its last words included.
// Usage: go run . PORT
package main

import (
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
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	// The reader goroutine: print each message until the server's FIN
	// (a 0-byte read, io.EOF). It goes on after our CloseWrite: the
	// server's half of the connection is still open.
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 1024)
		for {
			n, err := conn.Read(buf)
			if n > 0 {
				fmt.Println(string(buf[:n]))
			}
			if err == io.EOF {
				done <- nil
				return
			}
			if err != nil {
				done <- err
				return
			}
		}
	}()

	// The writer, here: what the user would type.
	for _, line := range []string{"你好", "exit"} {
		if _, err := conn.Write([]byte(line)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	// shutdown(SHUT_WR), not Close: we send no more, and the server's
	// next read finds the end of the stream. We can still read.
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
