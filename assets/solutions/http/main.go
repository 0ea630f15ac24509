// An HTTP client by hand: a GET request over a plain TCP connection, the
// answer read to the end, then the status code and the body printed.
// Usage: go run . PORT
package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"time"
)

func main() {
	port := os.Args[len(os.Args)-1]
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 10*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))

	// The request is text: lines ended by \r\n, then an empty line.
	request := "GET / HTTP/1.1\r\n" +
		"Host: 127.0.0.1\r\n" +
		"Connection: close\r\n" +
		"\r\n"
	if _, err := io.WriteString(conn, request); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Read until the server hangs up: io.ReadAll loops on Read until EOF.
	answer, err := io.ReadAll(conn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The head ends at the first empty line.
	head, body, found := bytes.Cut(answer, []byte("\r\n\r\n"))
	if !found {
		fmt.Fprintln(os.Stderr, "no blank line ends the head")
		os.Exit(1)
	}
	statusLine, _, _ := strings.Cut(string(head), "\r\n")
	fields := strings.Fields(statusLine) // HTTP/1.1 200 OK
	if len(fields) < 2 {
		fmt.Fprintln(os.Stderr, "bad status line:", statusLine)
		os.Exit(1)
	}
	fmt.Println(fields[1])
	fmt.Print(string(body))
}
