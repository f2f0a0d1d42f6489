package configstore

import (
	"io/fs"
	"os"
)

// ModeTooOpen reports whether anyone but the owner may read or write a file
// with this mode; the config holds a token, so that is worth a warning.
func ModeTooOpen(mode fs.FileMode) bool { return mode.Perm()&0o077 != 0 }

// FixMode makes the config file (or its symlink target) owner-only, 0600. It
// returns the mode it had; a missing file is left missing.
func (s *Store) FixMode() (fs.FileMode, error) {
	target, err := resolveTarget(s.path)
	if err != nil {
		return 0, err
	}
	info, err := os.Stat(target)
	if err != nil {
		return 0, &FileError{Op: "read", Path: target, Err: err}
	}
	old := info.Mode().Perm()
	if old == fileMode {
		return old, nil
	}
	if err := os.Chmod(target, fileMode); err != nil {
		return old, &FileError{Op: "write", Path: target, Err: err}
	}
	return old, nil
}
