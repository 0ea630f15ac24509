// The Unix socket client: say 你好 over a Unix domain socket, print the answer.
// Usage: go run . PATH
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	path := os.Args[len(os.Args)-1]

	// connect(path): a Unix domain socket, no ip and no port.
	conn, err := net.DialTimeout("unix", path, 5*time.Second)
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
