// Command socktour teaches socket programming by doing it for real: each
// lesson runs a server and a client on 127.0.0.1 and shows, step by step,
// every socket call and every byte that crossed between them.
//
// Build it static, with the pure-Go resolver, as the README says:
//
//	CGO_ENABLED=0 go install github.com/socktour/socktour@latest
package main

import (
	"context"
	"os"

	"github.com/socktour/socktour/runner"
)

func main() {
	// Ctrl-C is caught by the commands that wait (runner.Main), not here:
	// a command that never waits starts no signal-watching threads.
	os.Exit(runner.Main(context.Background(), os.Args[1:], runner.SystemIO()))
}
