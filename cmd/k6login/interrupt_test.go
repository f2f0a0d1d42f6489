package main

import (
	"context"
	"os"
	"testing"
	"time"
)

// Listening for signals costs threads at start-up, so only the commands that
// wait on the network or on a person do it.
func TestOnlyWaitingCommandsListenForInterrupts(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	for _, tc := range []struct {
		name   string
		stdin  string
		args   []string
		listen bool
	}{
		{"version", "", []string{"--version"}, false},
		{"show", "", []string{"--show"}, false},
		{"show json", "", []string{"--show", "--json"}, false},
		{"login", personalToken, []string{"--stack", "my-team", "--token-stdin"}, true},
		{"accounts", "", []string{"accounts"}, false},
		{"switch", "", []string{"switch", "my-team-personal"}, true},
		{"status", "", []string{"status"}, true},
		{"env", "", []string{"env", "my-team-personal"}, false},
		{"reset", "", []string{"--reset"}, false},
		{"bad flag", "", []string{"--nope"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.watches = 0
			if code, _, errOut := h.run(tc.stdin, tc.args...); code != exitOK && tc.name != "bad flag" {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := h.watches == 1; got != tc.listen {
				t.Errorf("listened %d times, want listening %v", h.watches, tc.listen)
			}
		})
	}
	h.watches = 0
	h.terminal = true
	h.run("")
	if !h.wizardRan || h.watches != 1 {
		t.Errorf("wizard ran %v, listened %d times", h.wizardRan, h.watches)
	}
}

func TestWatchSignalsCancelsOnInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := watchSignals(cancel)
	defer stop()
	self, _ := os.FindProcess(os.Getpid())
	if err := self.Signal(os.Interrupt); err != nil {
		t.Skip("cannot send this process an interrupt here:", err) // Windows
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGINT did not cancel the command")
	}
}

func TestWatchInterruptStops(t *testing.T) {
	cancelled := make(chan struct{})
	stop := watchSignals(func(error) { close(cancelled) })
	stop()
	select {
	case <-cancelled:
		t.Fatal("stopping the watch cancelled the command")
	case <-time.After(50 * time.Millisecond):
	}
}
