// A program that starts a child and does not wait for it: the child
// sleeps. SOCKTOUR_TEST_MODE says what the program itself does: "quit"
// exits at once; "hello" is a right hello client, whose child keeps the
// program's stdout open. The child's command line holds SOCKTOUR_TEST_MARK, so a
// test can look for it.
package main

import (
	"fmt"
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
	child := exec.Command(os.Args[0], "child", os.Getenv("SOCKTOUR_TEST_MARK"))
	hello := os.Getenv("SOCKTOUR_TEST_MODE") == "hello"
	if hello {
		child.Stdout = os.Stdout
	}
	if err := child.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !hello {
		return
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
