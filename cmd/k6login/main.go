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
	a := newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	a.watchInterrupt = watchInterrupt
	os.Exit(a.run(context.Background(), os.Args[1:]))
}

// watchInterrupt makes the first Ctrl+C or SIGTERM cancel the command, which
// then stops what it waits for and exits 130 without changing anything. The
// signal's default action is restored at once, so a second Ctrl+C ends
// k6login even if something does not stop.
func watchInterrupt(cancel context.CancelFunc) (stop func()) {
	signals := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		select {
		case <-signals:
			signal.Stop(signals)
			cancel()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}
