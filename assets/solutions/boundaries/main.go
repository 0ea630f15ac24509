// The line client: read newline-ended messages, however they arrive, and
// print each. Usage: go run . PORT
package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
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

	// A buffered reader calls Read as often as it needs to find a
	// newline, and keeps the rest for the next line: several messages in
	// one read, or one message over several, come out a line at a time.
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return // the end of the stream
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(strings.TrimSuffix(line, "\n"))
	}
}
