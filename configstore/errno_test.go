//go:build !plan9

package configstore

import (
	"errors"
	"io"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestInjectedWriteFailureKeepsTheOldFile(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		partial  bool
		wantHint string
	}{
		{"disk full after a partial write", syscall.ENOSPC, true, "disk is full"},
		{"quota exceeded", syscall.EDQUOT, false, "disk is full"},
		{"I/O error", syscall.EIO, true, "input/output error"},
		{"read-only file system", syscall.EROFS, false, "read-only file system"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "config.json")
			const content = "{\"collectors\":{\"cloud\":{\"token\":\"old\"}}}"
			writeFile(t, path, content, 0o644)
			testHookWrite = func(w io.Writer, data []byte) (int, error) {
				n := 0
				if tt.partial {
					n, _ = w.Write(data[:len(data)/2])
				}
				return n, tt.err
			}
			defer func() { testHookWrite = nil }()
			_, err := New(path).Save(fullCreds)
			var fe *FileError
			if !errors.As(err, &fe) || !errors.Is(err, tt.err) || fe.Op != "write" || fe.Path != path {
				t.Fatalf("error = %#v", err)
			}
			if !strings.Contains(err.Error(), tt.wantHint) || !strings.Contains(err.Error(), path) {
				t.Errorf("message %q lacks %q or the path", err, tt.wantHint)
			}
			if got := readFile(t, path); got != content {
				t.Errorf("file changed: %s", got)
			}
			if perm(t, path) != 0o644 {
				t.Errorf("mode changed")
			}
			noTempFiles(t, dir)
		})
	}
}
