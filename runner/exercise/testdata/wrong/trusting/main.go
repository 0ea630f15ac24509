// A typical mistake: one read trusted to hold the whole 10-byte header.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	defer conn.Close()
	header := make([]byte, 10)
	k, _ := conn.Read(header)
	n, err := strconv.Atoi(strings.TrimSpace(string(header[:k])))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	body := make([]byte, n)
	io.ReadFull(conn, body)
	var obj map[string]string
	if err := json.Unmarshal(body, &obj); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(obj)
}
