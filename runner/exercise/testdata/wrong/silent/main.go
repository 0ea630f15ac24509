// A typical mistake: the port read from the wrong place, so it never connects.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "usage: client HOST PORT")
	os.Exit(2)
}
