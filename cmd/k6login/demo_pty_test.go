//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 12: the demo's throwaway folder goes on every way out of the real
// program on a terminal: the end of the flow, q, Ctrl+C, SIGTERM, and SIGHUP
// as when the terminal is closed (twice, as a shell passes its own SIGHUP on
// to the program), on the screens and in the line mode.
func TestDemoLeavesNoFolderOnAnyExit(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the binary")
	}
	bin := buildBinary(t)
	home := "DEMO"
	for _, tc := range []struct {
		name    string
		args    []string
		waitFor string
		keys    string
		signals []syscall.Signal
		// closed: the terminal goes away first (its reads end), as when its
		// window is closed.
		closed bool
	}{
		{"screens q", nil, "Reset / sign out", "q", nil, false},
		{"screens switch then q", nil, "Reset / sign out", "s\r", nil, false},
		{"screens ctrl+c", nil, "Reset / sign out", "\x03", nil, false},
		{"screens SIGTERM", nil, "Reset / sign out", "", []syscall.Signal{syscall.SIGTERM}, false},
		{"screens SIGHUP", nil, "Reset / sign out", "", []syscall.Signal{syscall.SIGHUP}, false},
		{"screens SIGHUP twice", nil, "Reset / sign out", "", []syscall.Signal{syscall.SIGHUP, syscall.SIGHUP}, false},
		{"line mode quit", []string{"--accessible"}, "Choose 1 to", "\n", nil, false},
		{"line mode SIGHUP", []string{"--accessible"}, "Choose 1 to", "", []syscall.Signal{syscall.SIGHUP}, false},
		{"line mode SIGTERM", []string{"--accessible"}, "Choose 1 to", "", []syscall.Signal{syscall.SIGTERM}, false},
		{"line mode terminal closed", []string{"--accessible"}, "Choose 1 to", "", []syscall.Signal{syscall.SIGHUP, syscall.SIGHUP}, true},
		{"screens terminal closed", nil, "Reset / sign out", "", []syscall.Signal{syscall.SIGHUP, syscall.SIGHUP}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			master, tty := openPTY(t)
			cmd := exec.Command(bin, append([]string{"--demo"}, tc.args...)...)
			cmd.Env = []string{"HOME=" + tmp, "XDG_CONFIG_HOME=" + tmp, "TMPDIR=" + tmp, "TERM=xterm-256color",
				"K6LOGIN_ACCOUNTS=" + filepath.Join(tmp, "accounts.json"), "PATH=" + os.Getenv("PATH")}
			cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
			var screen screenBuffer
			go func() { _, _ = master.WriteTo(&screen) }()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			deadline := time.Now().Add(10 * time.Second)
			for !strings.Contains(screen.String(), tc.waitFor) && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			if !strings.Contains(screen.String(), home) {
				t.Fatalf("no DEMO on the first screen:\n%q", screen.String())
			}
			folders, _ := filepath.Glob(filepath.Join(tmp, "k6login-demo-*"))
			if len(folders) != 1 {
				t.Fatalf("demo folders while it runs: %v", folders)
			}
			time.Sleep(50 * time.Millisecond) // the program reads keys now
			if tc.keys != "" {
				if _, err := master.WriteString(tc.keys); err != nil {
					t.Fatal(err)
				}
			}
			if tc.name == "screens switch then q" {
				for !strings.Contains(screen.String(), "k6 now uses demo-team-stack") && time.Now().Before(deadline) {
					time.Sleep(10 * time.Millisecond)
				}
				_, _ = master.WriteString("q")
			}
			if tc.closed {
				master.Close()
			}
			for _, sig := range tc.signals {
				_ = cmd.Process.Signal(sig)
				time.Sleep(5 * time.Millisecond)
			}
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("k6login did not end; its terminal shows:\n%q", screen.String())
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "k6login-demo-*")); len(left) != 0 {
				t.Errorf("the demo left %v", left)
			}
		})
	}
}
