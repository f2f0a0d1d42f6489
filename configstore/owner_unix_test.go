//go:build unix

package configstore

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestSaveKeepsTheOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can give a file to another user")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	writeFile(t, path, `{}`, 0o644)
	const nobody = 65534
	if err := os.Chown(path, nobody, nobody); err != nil {
		t.Skip(err)
	}
	if _, err := New(path).Save(fullCreds); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := info.Sys().(*syscall.Stat_t); st.Uid != nobody || st.Gid != nobody {
		t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, nobody, nobody)
	}
}
