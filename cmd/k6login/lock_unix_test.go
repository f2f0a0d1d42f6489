//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Another process holding the config's lock: the login waits for it rather
// than writing over its save. (The timeout and its message are tested in
// configstore: TestLockHeldByAnotherProcess, TestAccountsLockTimeout.)
func TestLockHeldElsewhereThroughCLI(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	lock, err := os.OpenFile(filepath.Join(filepath.Dir(h.configPath), "."+filepath.Base(h.configPath)+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	// flock locks belong to the open file, so this holds off the CLI in this
	// process just as another process would.
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Skip("no flock here:", err)
	}
	const hold = 400 * time.Millisecond
	fd := int(lock.Fd())
	released := make(chan struct{})
	go func() {
		defer close(released)
		time.Sleep(hold)
		_ = unix.Flock(fd, unix.LOCK_UN)
	}()
	defer func() { <-released }()
	start := time.Now()
	code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if d := time.Since(start); d < hold {
		t.Errorf("saved after %v, while the lock was held for %v", d, hold)
	}
	if c := cloudKeys(t, h.readConfig()); jsonText(c["token"]) != personalToken {
		t.Errorf("not saved: %v", c)
	}
}
