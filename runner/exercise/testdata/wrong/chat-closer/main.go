// A chat client that closes after exit instead of shutting down its
// sending side: the server's last words meet a closed socket.
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	conn, err := net.DialTimeout("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1], 5*time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	// Read the greetings first, so that the close is a clean FIN.
	buf := make([]byte, 1024)
	got := 0
	for got < len("欢迎不错呦") {
		n, err := conn.Read(buf)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(string(buf[:n]))
		got += n
	}
	conn.Write([]byte("你好"))
	conn.Write([]byte("exit"))
	conn.Close() // the mistake: both directions end here
}
