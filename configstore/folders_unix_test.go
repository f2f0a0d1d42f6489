//go:build unix

package configstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnsafeFolders(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	cfg := filepath.Join(home, ".config", "k6", "config.json")
	acc := filepath.Join(home, ".config", "k6login", "accounts.json")
	for _, dir := range []string{filepath.Dir(cfg), filepath.Dir(acc)} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(home, 0o700); err != nil {
		t.Fatal(err)
	}
	if w := UnsafeFolders(cfg, acc); len(w) != 0 {
		t.Fatalf("owner-only folders: %v", w)
	}

	chmod := func(dir string, mode os.FileMode) {
		t.Helper()
		if err := os.Chmod(dir, mode); err != nil {
			t.Fatal(err)
		}
	}
	chmod(filepath.Dir(cfg), 0o777)
	chmod(filepath.Join(home, ".config"), 0o770)
	w := UnsafeFolders(cfg, acc)
	if len(w) != 2 {
		t.Fatalf("warnings %v, want the k6 folder and .config (once)", w)
	}
	if w[0].Folder != filepath.Dir(cfg) || !strings.Contains(w[0].String(), "writable by everyone") ||
		!strings.Contains(w[0].String(), "chmod go-w") {
		t.Errorf("first warning: %s", w[0])
	}
	if w[1].Folder != filepath.Join(home, ".config") || !strings.Contains(w[1].Problem, "writable by its group") {
		t.Errorf("second warning: %s", w[1])
	}
	chmod(filepath.Dir(cfg), 0o700)
	chmod(filepath.Join(home, ".config"), 0o755) // readable is fine
	if w := UnsafeFolders(cfg, acc); len(w) != 0 {
		t.Errorf("after the fix: %v", w)
	}

	// Outside home only the file's own folder counts (not /tmp above it).
	outside := filepath.Join(t.TempDir(), "config.json")
	chmod(filepath.Dir(outside), 0o775)
	if w := UnsafeFolders(outside); len(w) != 1 || w[0].Folder != filepath.Dir(outside) {
		t.Errorf("outside home: %v", w)
	}
	// A symlinked file is checked where it really is.
	link := filepath.Join(filepath.Dir(acc), "linked.json")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	if w := UnsafeFolders(link); len(w) != 1 || w[0].Folder != filepath.Dir(outside) {
		t.Errorf("symlinked file: %v", w)
	}
	// Folders that do not exist yet are skipped.
	if w := UnsafeFolders(filepath.Join(home, "missing", "config.json")); len(w) != 0 {
		t.Errorf("missing folder: %v", w)
	}

	if os.Geteuid() == 0 {
		chmod(filepath.Dir(outside), 0o700)
		if err := os.Chown(filepath.Dir(outside), 4242, 4242); err != nil {
			t.Fatal(err)
		}
		if w := UnsafeFolders(outside); len(w) != 1 || !strings.Contains(w[0].String(), "owned by another user (uid 4242)") {
			t.Errorf("folder of another user: %v", w)
		}
	}
}

// A lock file that is a symbolic link is never followed: the save stops with
// a clear error and neither the link's target nor the config is touched.
func TestSymlinkedLockFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	writeFile(t, path, `{"x":1}`, 0o600)
	victim := filepath.Join(dir, "victim")
	if err := os.Symlink(victim, lockPath(path)); err != nil {
		t.Fatal(err)
	}
	for name, op := range map[string]func() error{
		"Save":  func() error { _, err := New(path).Save(fullCreds); return err },
		"Clear": func() error { _, err := New(path).Clear(); return err },
	} {
		err := op()
		var lse *lockSymlinkError
		if !errors.As(err, &lse) || !strings.Contains(err.Error(), "symbolic link") || !strings.Contains(err.Error(), path) {
			t.Errorf("%s = %v, want the symlinked lock file named", name, err)
		}
	}
	if _, err := os.Lstat(victim); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the link's target was created: %v", err)
	}
	if got := readFile(t, path); got != `{"x":1}` {
		t.Errorf("config changed: %s", got)
	}

	// Without the check before it, the open refuses by itself.
	lp := lockPath(filepath.Join(dir, "other.json"))
	if err := os.Symlink(victim, lp); err != nil {
		t.Fatal(err)
	}
	if _, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE|noFollow, fileMode); err == nil {
		t.Error("opening a symlinked lock file with noFollow succeeded")
	}
}
