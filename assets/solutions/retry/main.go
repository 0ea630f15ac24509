// A client that waits for its server: while the connection is refused,
// pause and try again; once connected, say 你好 and print the answer.
// Usage: go run . PORT
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

func main() {
	addr := "127.0.0.1:" + os.Args[len(os.Args)-1]

	// connect(), again and again while nothing listens: a refusal means
	// "not yet". Any other error is not cured by trying again.
	var conn net.Conn
	var err error
	for try := 1; try <= 50; try++ {
		conn, err = net.DialTimeout("tcp", addr, 5*time.Second)
		if err == nil || !errors.Is(err, syscall.ECONNREFUSED) {
			break
		}
		time.Sleep(100 * time.Millisecond) // a pause, not a hammering
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gave up:", err)
		os.Exit(1)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	// send: 你好 as UTF-8 bytes.
	if _, err := conn.Write([]byte("你好")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// recv(1024): the answer.
	buf := make([]byte, 1024)
	n, err := conn.Read(buf)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(buf[:n]))
}
