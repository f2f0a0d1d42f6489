// Command k6login logs k6 in to Grafana Cloud: a wizard on a terminal, flags in scripts.
package main

import (
	"context"
	"os"

	"github.com/k6login/k6login/cmd/k6login/internal/quietstart"
)

func main() {
	quietstart.Restore() // before anything reads the environment
	a := newApp(os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	a.watchInterrupt = watchSignals
	os.Exit(a.run(context.Background(), os.Args[1:]))
}
