// A typical mistake: the frame read to its end and printed as it came,
// header and all, never decoded.
package main

import (
	"fmt"
	"io"
	"net"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	all, _ := io.ReadAll(conn)
	fmt.Println(string(all))
	conn.Close()
}
