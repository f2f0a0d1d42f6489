// Command k6login logs k6 in to Grafana Cloud: a wizard on a terminal, flags in scripts.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/k6login/k6login/cmd/k6login/internal/quietstart"
)

func main() {
	quietstart.Restore() // before anything reads the environment
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv).run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
