// A right hello client that prints 70 KB of other lines before the
// answer.
package main

import (
	"fmt"
	"net"
	"os"
	"strings"
)

func main() {
	line := strings.Repeat("chatter ", 8)
	for i := 0; i < 70<<10/len(line); i++ {
		fmt.Println(line)
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	defer conn.Close()
	conn.Write([]byte("你好"))
	buf := make([]byte, 1024)
	n, _ := conn.Read(buf)
	fmt.Println(string(buf[:n]))
}
