// A client that retries a refused connect without pausing: it gets
// through, but hammers the port, and the machine, while it waits.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	addr := "127.0.0.1:" + os.Args[len(os.Args)-1]
	var conn net.Conn
	var err error
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); {
		if conn, err = net.Dial("tcp", addr); err == nil {
			break
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	conn.Write([]byte("你好"))
	buf := make([]byte, 1024)
	n, _ := conn.Read(buf)
	fmt.Println(string(buf[:n]))
}
