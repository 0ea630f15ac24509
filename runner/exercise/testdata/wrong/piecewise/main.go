// A typical mistake: each read decoded on its own, as Python's
// data.decode("utf-8", errors="replace") would: a character cut between
// two reads becomes U+FFFD.
package main

import (
	"fmt"
	"net"
	"os"
	"strings"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	defer conn.Close()
	var text strings.Builder
	buf := make([]byte, 7)
	for {
		n, err := conn.Read(buf)
		text.WriteString(strings.ToValidUTF8(string(buf[:n]), "\uFFFD"))
		if err != nil {
			break
		}
	}
	fmt.Println(text.String())
}
