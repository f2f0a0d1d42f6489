package configstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The fsync before the rename cannot be seen by killing a process (the page
// cache outlives it), only by a power cut; these tests watch the sync step
// through testHookSync instead.

const durabilityOld = `{"collectors":{"cloud":{"token":"old-token-0000000000","stackURL":"https://old.grafana.net","stackID":1}},"keep":true}`

func durabilityStore(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k6", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(durabilityOld), 0o600); err != nil {
		t.Fatal(err)
	}
	return New(path), path
}

func setSyncHook(t *testing.T, hook func(sync func() error) error) {
	t.Helper()
	testHookSync = hook
	t.Cleanup(func() { testHookSync = nil })
}

// TestSyncFailureKeepsTheOldFile: when the new contents cannot be flushed to
// the disk, Save fails and the old file stays, byte for byte, with no
// temporary file (holding the token) left behind.
func TestSyncFailureKeepsTheOldFile(t *testing.T) {
	s, path := durabilityStore(t)
	calls := 0
	setSyncHook(t, func(func() error) error {
		calls++
		return syscall.EIO
	})
	_, err := s.Save(Credentials{Token: "new-token-1111111111", StackURL: "https://new.grafana.net", StackID: 2})
	if err == nil {
		t.Fatal("Save succeeded although the new contents could not be synced")
	}
	if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), path) {
		t.Errorf("Save error = %v; want the I/O error, naming %s", err, path)
	}
	if calls == 0 {
		t.Error("no sync was attempted")
	}
	if b, _ := os.ReadFile(path); string(b) != durabilityOld {
		t.Errorf("the old file changed:\n%s", b)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left next to the config: %s", e.Name())
		}
	}
}

// TestSyncComesBeforeTheRename: the new contents reach the disk before they
// replace the old file, so a power cut leaves the old file or the new one,
// never an empty one.
func TestSyncComesBeforeTheRename(t *testing.T) {
	s, path := durabilityStore(t)
	var seen []string // what the target held at each sync
	setSyncHook(t, func(sync func() error) error {
		b, _ := os.ReadFile(path)
		seen = append(seen, string(b))
		return sync()
	})
	if _, err := s.Save(Credentials{Token: "new-token-1111111111", StackURL: "https://new.grafana.net", StackID: 2}); err != nil {
		t.Fatal(err)
	}
	if len(seen) < 2 {
		t.Fatalf("%d syncs; want the file's, then the folder's", len(seen))
	}
	if seen[0] != durabilityOld {
		t.Errorf("the first sync ran after the rename (the target already held the new contents):\n%s", seen[0])
	}
	if last := seen[len(seen)-1]; !strings.Contains(last, "new-token-1111111111") {
		t.Errorf("the folder was not synced after the rename; the target then held:\n%s", last)
	}
}
