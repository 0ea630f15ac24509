// A typical mistake: a header that is not a length (a negative one).
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	body := `{"1":"Client","2":"Server"}`
	for {
		conn, err := ln.Accept()
		if err != nil {
			os.Exit(1)
		}
		fmt.Fprintf(conn, "%-10d%s", -len(body), body)
		conn.Close()
	}
}
