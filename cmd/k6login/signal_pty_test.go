//go:build linux

package main

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
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

// signalFlows are the ways k6login waits on a person, each with the keys a
// person would type to log in all the way, each step typed once the screen
// shows its text (typed sooner, the terminal itself would echo it).
var signalFlows = []struct {
	name  string
	args  []string
	steps []keyStep
}{
	{"wizard", nil, []keyStep{{"Grafana Cloud k6", "\r"}, {"Stack", "my-team\r"}, {"", personalToken + "\r"}, {"", "\r"}, {"", "\r"}, {"", "\r"}, {"", "\r"}}},
	{"line mode", []string{"--accessible"}, []keyStep{{"Stack slug", "my-team\n"}, {"Token (typing is hidden)", personalToken + "\n"}, {"", "1\n"}, {"", "\n"}, {"", "y\n"}}},
	{"hidden token prompt", []string{"--stack", "my-team", "--token-stdin"}, []keyStep{{"Paste the API token", personalToken + "\n"}}},
}

// keyStep is keys to type once the screen shows waitFor ("": at once).
type keyStep struct{ waitFor, keys string }

// The file each run starts with: no login, a key that must survive.
const signalStartConfig = `{"keep": {"me": 1}}`

// Each of SIGINT, SIGTERM and SIGHUP, sent at random moments while a person
// types through the wizard, the line mode or the hidden token prompt, ends
// k6login within a second, with the exit code of that signal (or 0 when the
// login had just been saved), the terminal back in its normal mode, and k6's
// config either untouched or holding the whole new login, never part of one.
func TestSignalsAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds the binary and runs it 90 times")
	}
	bin := buildBinary(t)
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	const runsPerSignal = 30
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 7))
	t.Logf("seed %d", seed)
	began := time.Now()
	for _, sig := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		for i := range runsPerSignal {
			flow := signalFlows[i%len(signalFlows)]
			delay := time.Duration(rng.IntN(500)) * time.Millisecond
			t.Run(sig.sig.String()+"/"+flow.name, func(t *testing.T) {
				runSignalled(t, bin, base, flow.args, flow.steps, sig.sig, sig.code, delay)
			})
		}
	}
	if d := time.Since(began); d > 60*time.Second {
		t.Errorf("the runs took %v, more than the minute they are meant to", d)
	}
}

func runSignalled(t *testing.T, bin, base string, args []string, steps []keyStep, sig syscall.Signal, wantCode int, delay time.Duration) {
	dir := t.TempDir()
	configPath := filepath.Join(dir, "k6", "config.json")
	if err := os.MkdirAll(filepath.Dir(configPath), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(configPath, []byte(signalStartConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	master, tty := openPTY(t)
	before, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, append([]string{"-c", configPath}, args...)...)
	cmd.Env = []string{"HOME=" + dir, "XDG_CONFIG_HOME=" + dir, "TERM=xterm-256color", "K6_CLOUD_HOST_V6=" + base,
		"K6LOGIN_ACCOUNTS=" + filepath.Join(dir, "k6login", "accounts.json"), "PATH=" + os.Getenv("PATH")}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	var screen screenBuffer
	go func() { _, _ = master.WriteTo(&screen) }()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	exited := make(chan struct{})
	go func() { done <- cmd.Wait(); close(exited) }()
	typing := make(chan struct{})
	// Typing stops before the signal is sent: a key typed after k6login has
	// ended would be echoed by the terminal itself, not by k6login.
	var typist struct {
		sync.Mutex
		stopped bool
	}
	go func() {
		defer close(typing)
		for _, step := range steps {
			for !strings.Contains(screen.String(), step.waitFor) {
				select {
				case <-exited:
					return
				case <-time.After(5 * time.Millisecond):
				}
			}
			// A moment for the program to read the key or turn echo off.
			select {
			case <-exited:
				return
			case <-time.After(50 * time.Millisecond):
			}
			typist.Lock()
			if typist.stopped {
				typist.Unlock()
				return
			}
			_, err := master.WriteString(step.keys)
			// The terminal handles input (and its echo) a moment after the
			// write: let it, so that no echo lands after the signal.
			time.Sleep(20 * time.Millisecond)
			typist.Unlock()
			if err != nil {
				return
			}
		}
	}()

	var waitErr error
	ended := false
	select {
	case waitErr = <-done:
		ended = true // finished before the signal: a full login
	case <-time.After(delay):
	}
	var took time.Duration
	typist.Lock()
	typist.stopped = true
	typist.Unlock()
	if !ended {
		_ = cmd.Process.Signal(sig)
		sent := time.Now()
		select {
		case waitErr = <-done:
			took = time.Since(sent)
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Fatalf("still running 5s after %v; the terminal shows:\n%q", sig, screen.String())
		}
		if took > time.Second {
			t.Errorf("ended %v after %v, more than a second", took, sig)
		}
	}
	<-typing

	saved := checkWholeOrUntouched(t, configPath)
	if b, err := os.ReadFile(filepath.Join(dir, "k6login", "accounts.json")); err == nil && !json.Valid(b) {
		t.Errorf("the accounts file is damaged:\n%s", b)
	}
	code := 0
	var exitErr *exec.ExitError
	switch {
	case waitErr == nil:
	case errors.As(waitErr, &exitErr) && exitErr.ExitCode() >= 0:
		code = exitErr.ExitCode()
	case errors.As(waitErr, &exitErr):
		// Killed by the signal's default action: only possible before k6login
		// listens, which is before it changes anything or the terminal's mode.
		ws := exitErr.Sys().(syscall.WaitStatus)
		if !ws.Signaled() || ws.Signal() != sig {
			t.Fatalf("ended by %v", waitErr)
		}
		code = wantCode
		if saved {
			t.Error("killed by the signal's default action after it had saved")
		}
	default:
		t.Fatal(waitErr)
	}
	switch {
	case ended || (code == 0 && saved):
		if code != 0 || !saved {
			t.Errorf("ended on its own with exit %d, login saved %v", code, saved)
		}
	case code != wantCode:
		t.Errorf("exit %d after %v, want %d; the terminal shows:\n%q", code, sig, wantCode, screen.String())
	}

	t.Logf("signal after %v: exit %d, login saved %v, ended %v after the signal", delay, code, saved, took)
	after, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	const modes = unix.ECHO | unix.ICANON | unix.ISIG
	if after.Lflag&modes != before.Lflag&modes {
		t.Errorf("the terminal was left in another mode: lflag %#x, was %#x", after.Lflag, before.Lflag)
	}
	time.Sleep(20 * time.Millisecond) // the last bytes through the terminal
	out := screen.String()
	if i := strings.LastIndex(out, "\x1b[?1049h"); i >= 0 && !strings.Contains(out[i:], "\x1b[?1049l") {
		t.Errorf("the alternate screen was not left: %q", out[i:])
	}
	if strings.Contains(out, personalToken) {
		t.Errorf("the token was shown on the terminal:\n%q", out)
	}
}

// checkWholeOrUntouched reports whether the config holds the new login, and
// fails unless it holds either exactly the starting content or all of it.
func checkWholeOrUntouched(t *testing.T, path string) (saved bool) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the config is gone: %v", err)
	}
	if string(b) == signalStartConfig {
		return false
	}
	var doc struct {
		Keep       map[string]any `json:"keep"`
		Collectors struct {
			Cloud struct {
				Token            string `json:"token"`
				StackURL         string `json:"stackURL"`
				StackID          int64  `json:"stackID"`
				DefaultProjectID int64  `json:"defaultProjectID"`
			} `json:"cloud"`
		} `json:"collectors"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("the config is damaged: %v\n%s", err, b)
	}
	c := doc.Collectors.Cloud
	if doc.Keep["me"] == nil || c.Token != personalToken || c.StackURL != teamURL || c.StackID != 6000000001 || c.DefaultProjectID != 501 {
		t.Fatalf("the config holds part of a login:\n%s", b)
	}
	return true
}
