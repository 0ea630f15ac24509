// Command socktour teaches socket programming by doing it for real: each
// lesson runs a server and a client on 127.0.0.1 and shows, step by step,
// every socket call and every byte that crossed between them.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/socktour/socktour/runner"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := runner.Main(ctx, os.Args[1:], runner.SystemIO())
	stop()
	os.Exit(code)
}
