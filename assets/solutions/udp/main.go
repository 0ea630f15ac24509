// The UDP client: one datagram out, one back.
// Usage: go run . PORT
package main

import (
	"fmt"
	"net"
	"os"
	"time"
)

func main() {
	port := os.Args[len(os.Args)-1]
	server, err := net.ResolveUDPAddr("udp", "127.0.0.1:"+port)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// A UDP socket on a port the system picks; no connection.
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer conn.Close()

	// sendto: one datagram.
	if _, err := conn.WriteToUDP([]byte("你好"), server); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	// recvfrom(1024), with a deadline: a lost datagram is never announced.
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	buf := make([]byte, 1024)
	n, _, err := conn.ReadFromUDP(buf)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(buf[:n]))
}
