// A typical mistake: a client that connects and then waits for nothing.
// It starts a child that sleeps too (its command line holds
// SOCKTOUR_TEST_MARK), and, once connected, writes a line to the file
// SOCKTOUR_TEST_READY names (a FIFO a test waits on), if set.
package main

import (
	"net"
	"os"
	"os/exec"
	"time"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		time.Sleep(time.Minute)
		return
	}
	conn, err := net.Dial("tcp", "127.0.0.1:"+os.Args[len(os.Args)-1])
	if err != nil {
		os.Exit(1)
	}
	defer conn.Close()
	exec.Command(os.Args[0], "child", os.Getenv("SOCKTOUR_TEST_MARK")).Start()
	if ready := os.Getenv("SOCKTOUR_TEST_READY"); ready != "" {
		if f, err := os.OpenFile(ready, os.O_WRONLY, 0); err == nil {
			f.WriteString("connected\n")
			f.Close()
		}
	}
	time.Sleep(time.Minute)
}
