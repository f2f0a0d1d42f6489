//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal of 80x24: the program gets the terminal
// end, the test reads what it writes from the other.
func openPTY(t *testing.T) (master, term *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	if err := unix.IoctlSetPointerInt(int(master.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("cannot unlock a pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(master.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("cannot name the pseudo-terminal: %v", err)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("cannot open the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	if err := unix.IoctlSetWinsize(int(term.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 24, Col: 80}); err != nil {
		t.Fatal(err)
	}
	return master, term
}

// screenBuffer collects what the program writes to its terminal.
type screenBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screenBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screenBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// terminalQueries are what a program sends to ask the terminal something
// (background colour, cursor position, device attributes): each costs a round
// trip to the terminal, over SSH a network one, and leaves stray bytes in a
// terminal that answers late.
var terminalQueries = []string{"\x1b]11;?", "\x1b]10;?", "\x1b[6n", "\x1b[c", "\x1b[>c"}

// k6login never asks the terminal anything: not when it only prints, not in a
// scripted login on a terminal, not when the wizard opens (its colours are
// fixed ANSI colours, so the background does not matter).
func TestNoTerminalQueries(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the binary")
	}
	bin := buildBinary(t)
	home := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		keys string // typed once the first screen is drawn
	}{
		{"show", []string{"--show"}, ""},
		{"version", []string{"--version"}, ""},
		{"scripted login", []string{"--demo", "--stack", "demo", "--token", "demo-personal-token"}, ""},
		{"accounts", []string{"accounts"}, ""},
		{"wizard", []string{"--demo"}, "\x03"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			master, term := openPTY(t)
			cmd := exec.Command(bin, tc.args...)
			cmd.Env = []string{"HOME=" + home, "XDG_CONFIG_HOME=" + home, "TERM=xterm-256color",
				"K6LOGIN_ACCOUNTS=" + filepath.Join(home, "accounts.json"), "PATH=" + os.Getenv("PATH")}
			cmd.Stdin, cmd.Stdout, cmd.Stderr = term, term, term
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			var screen screenBuffer
			go func() { _, _ = master.WriteTo(&screen) }()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			if tc.keys != "" {
				deadline := time.Now().Add(10 * time.Second)
				for !strings.Contains(screen.String(), "Grafana Cloud k6") && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				if _, err := master.WriteString(tc.keys); err != nil {
					t.Fatal(err)
				}
			}
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("k6login did not end; its terminal shows:\n%q", screen.String())
			}
			time.Sleep(50 * time.Millisecond) // the last bytes through the terminal
			out := screen.String()
			if !strings.Contains(out, "k6") {
				t.Fatalf("nothing was drawn or printed: %q", out)
			}
			for _, q := range terminalQueries {
				if strings.Contains(out, q) {
					t.Errorf("k6login asked the terminal %q; it wrote:\n%q", q, out)
				}
			}
		})
	}
}
