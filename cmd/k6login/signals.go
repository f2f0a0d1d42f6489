package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// stopSignals end k6login early: Ctrl+C (SIGINT), SIGTERM (kill, timeout,
// systemd) and SIGHUP (the terminal was closed). k6login has one owner of
// them, watchSignals: Bubble Tea's own handler is switched off, since two
// handlers raced and could leave the wizard hanging.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// signalCause is the cause of a run's context when a signal ended it.
type signalCause struct{ sig syscall.Signal }

func (c *signalCause) Error() string { return "stopped by " + signalName(c.sig) }

// exitCode follows the shell's convention, 128 + the signal's number:
// 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
func (c *signalCause) exitCode() int { return 128 + int(c.sig) }

func signalName(sig syscall.Signal) string {
	switch sig {
	case syscall.SIGINT:
		return "Ctrl+C (SIGINT)"
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGHUP:
		return "SIGHUP"
	}
	return sig.String()
}

// forcedExitDelay bounds how long k6login may take to stop after a signal:
// if what it waits on does not return in time, the terminal is restored and
// the process exits anyway. Writes are atomic, so an exit never leaves a
// half-written file.
const forcedExitDelay = 800 * time.Millisecond

// watchSignals makes the first stop signal cancel the run with a
// *signalCause. If the run has not ended (stop) after forcedExitDelay, or a
// second stop signal comes first (a second Ctrl+C; a closed terminal sends
// SIGHUP to k6login and, through the shell, once more), the process exits by
// itself with the first signal's code, running the last resorts first:
// the terminal is restored and the demo's throwaway folder removed. The
// signals' default actions would kill it without either.
func watchSignals(cancel context.CancelCauseFunc) (stop func()) {
	signals := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(signals, stopSignals...)
	go func() {
		select {
		case sig := <-signals:
			cause := &signalCause{sig: sig.(syscall.Signal)}
			cancel(cause)
			select {
			case <-time.After(forcedExitDelay):
			case <-signals:
			case <-done: // the run ended by itself
				return
			}
			runLastResorts()
			os.Exit(cause.exitCode())
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// lastResorts undo what must not outlive the process (a terminal in raw or
// no-echo mode) when it has to exit without unwinding.
var lastResorts struct {
	sync.Mutex
	next int
	fns  map[int]func()
}

// atLastResort registers fn to run on a forced exit, until remove is called.
func atLastResort(fn func()) (remove func()) {
	lastResorts.Lock()
	defer lastResorts.Unlock()
	if lastResorts.fns == nil {
		lastResorts.fns = map[int]func(){}
	}
	id := lastResorts.next
	lastResorts.next++
	lastResorts.fns[id] = fn
	return func() {
		lastResorts.Lock()
		defer lastResorts.Unlock()
		delete(lastResorts.fns, id)
	}
}

func runLastResorts() {
	lastResorts.Lock()
	defer lastResorts.Unlock()
	for _, fn := range lastResorts.fns {
		fn()
	}
}

// stoppedBy reports the signal that ended the run of ctx, if one did.
func stoppedBy(ctx context.Context) (*signalCause, bool) {
	var c *signalCause
	ok := errors.As(context.Cause(ctx), &c)
	return c, ok
}
