package runner

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// notifyInterrupt is SystemIO's Interrupt: the returned context is
// cancelled by Ctrl-C (outside raw mode) or SIGTERM. Catching signals
// starts the runtime's signal-watching threads, which is why Main asks for
// it only when a command waits.
func notifyInterrupt(ctx context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
}
