//go:build unix

package main

import (
	"context"
	"os"
	"syscall"
	"testing"
	"time"
)

func TestWatchSignalsCancelsWithTheSignal(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		stop := watchSignals(cancel)
		if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatalf("%v did not cancel the command", tc.sig)
		}
		stop()
		c, ok := stoppedBy(ctx)
		if !ok || c.exitCode() != tc.code {
			t.Errorf("%v: cause %v, want exit code %d", tc.sig, context.Cause(ctx), tc.code)
		}
		if code, ok := cancelledCode(ctx, context.Cause(ctx)); !ok || code != tc.code {
			t.Errorf("%v: exit code %d, want %d", tc.sig, code, tc.code)
		}
	}
}
