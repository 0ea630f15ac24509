// A typical mistake: the answer printed from memory, never read. Its
// close races the answer: it may come before it or after it.
package main

import (
	"fmt"
	"net"
	"os"
)

func main() {
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	conn.Write([]byte("你好"))
	conn.Close()
	fmt.Println("欢迎")
}
