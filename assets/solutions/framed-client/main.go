// The framed client: a 10-byte length header, then a JSON body.
// Usage: go run . PORT
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

const headerSize = 10
const maxBody = 1 << 20 // refuse a header that claims more

func main() {
	port := os.Args[len(os.Args)-1]
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 5*time.Second)
	if err != nil {
		fail(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))

	// io.ReadFull loops on recv until it has exactly len(buf) bytes.
	header := make([]byte, headerSize)
	if _, err := io.ReadFull(conn, header); err != nil {
		fail(err)
	}
	// Digits only: Atoi alone would take "-5" or "+5".
	text := strings.TrimRight(string(header), " ")
	n, err := strconv.Atoi(text)
	if err != nil || strings.Trim(text, "0123456789") != "" || n > maxBody {
		fail(fmt.Errorf("bad header %q", header))
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(conn, body); err != nil {
		fail(err)
	}
	// JSON, never a format that can run code when loaded.
	var obj map[string]string
	if err := json.Unmarshal(body, &obj); err != nil {
		fail(err)
	}
	fmt.Println(obj)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
