package configstore

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestFixMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "real.json")
	if err := os.WriteFile(target, []byte(`{"a":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	s := New(link)
	if !ModeTooOpen(0o644) || ModeTooOpen(0o600) {
		t.Fatal("ModeTooOpen is wrong")
	}
	old, err := s.FixMode()
	if err != nil || old != 0o644 {
		t.Fatalf("FixMode = %o, %v", old, err)
	}
	info, _ := os.Stat(target)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("target mode %o after FixMode", info.Mode().Perm())
	}
	if l, _ := os.Lstat(link); l.Mode()&os.ModeSymlink == 0 {
		t.Error("the symlink was replaced")
	}
	if b, _ := os.ReadFile(target); string(b) != `{"a":1}` {
		t.Errorf("contents changed: %s", b)
	}
	if _, err := New(filepath.Join(dir, "missing.json")).FixMode(); err == nil {
		t.Error("FixMode on a missing file did not fail")
	}
}
