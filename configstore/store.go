package configstore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Store reads and writes one k6 config file.
type Store struct {
	path        string
	lockTimeout time.Duration
}

// Options tune a Store. The zero value means the defaults.
type Options struct {
	// LockTimeout is how long Save and Clear wait while another process is
	// saving the same file; 0 means DefaultLockTimeout.
	LockTimeout time.Duration
}

// New returns a store for the file at path (which need not exist yet).
func New(path string) *Store { return NewWithOptions(path, Options{}) }

// NewWithOptions is New with tuning.
func NewWithOptions(path string, opts Options) *Store {
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	return &Store{path: path, lockTimeout: opts.LockTimeout}
}

// Path is the file this store reads and writes.
func (s *Store) Path() string { return s.path }

// ResolvePath picks the config path as k6 does: flag, then K6_CONFIG, then the default.
func ResolvePath(flagPath string, getenv func(string) string) (string, PathSource, error) {
	if flagPath != "" {
		return flagPath, PathFlag, nil
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	if p := getenv("K6_CONFIG"); p != "" {
		return p, PathEnv, nil
	}
	p, err := DefaultPath()
	return p, PathDefault, err
}

// DefaultPath is os.UserConfigDir()/k6/config.json, where k6 looks without a
// flag or K6_CONFIG.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "k6", "config.json"), nil
}

// LegacyPath is where k6 kept its config before it moved to
// os.UserConfigDir()/k6: os.UserConfigDir()/loadimpact/k6/config.json.
func LegacyPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "loadimpact", "k6", "config.json"), nil
}

// Load reads the file leniently. A missing file is not an error (Exists is false).
// A file k6login cannot understand gives a *ParseError, a *TypeError or a
// *FileError; all of them match ErrInvalidConfig except plain I/O failures.
func (s *Store) Load() (Snapshot, error) {
	snap := Snapshot{Path: s.path}
	data, mode, exists, err := readFileCapped(s.path)
	snap.Exists, snap.Mode = exists, mode
	if err != nil || !exists {
		return snap, err
	}
	doc, err := parseDocument(s.path, data)
	if err != nil {
		return snap, err
	}
	return snap, doc.snapshot(&snap)
}

// Save merges c into the file under a lock and writes it atomically (0600).
// Only the login keys under collectors.cloud change; zero fields remove their
// key. A file that is not valid JSON or has the wrong shape is left as it is
// and its error returned.
func (s *Store) Save(c Credentials) (SaveResult, error) {
	return s.update(func(d *document) error {
		if err := d.setCredentials(c); err != nil {
			return err
		}
		d.changed = true // a save always writes, which also tightens the mode
		return nil
	})
}

// Clear removes the login keys, keeping every other key. It writes nothing when
// there was nothing to remove, and creates nothing when the file is missing.
func (s *Store) Clear() (SaveResult, error) {
	return s.update(func(d *document) error { return d.clearCredentials() })
}

// update is the locked read-modify-write every change goes through: take the
// lock, re-read the file (another process may have changed it since Load),
// apply edit, and write the result atomically when edit changed something.
func (s *Store) update(edit func(d *document) error) (SaveResult, error) {
	res := SaveResult{Path: s.path}
	target, err := resolveTarget(s.path)
	if err != nil {
		return res, err
	}
	// Checks before the lock, which creates a lock file next to the target:
	// a change that does nothing to a missing file must create nothing, and
	// a device (-c /dev/null) must not get a lock file beside it in /dev.
	switch info, err := os.Stat(target); {
	case errors.Is(err, fs.ErrNotExist):
		probe := &document{path: s.path}
		if err := edit(probe); err != nil {
			return res, err
		}
		if !probe.changed {
			return res, nil
		}
	case err == nil && info.IsDir():
		return res, &FileError{Op: "write", Path: target, Err: errIsDir}
	case err == nil && !info.Mode().IsRegular():
		return res, &FileError{Op: "write", Path: target, Err: errNotRegular}
	}
	err = withLock(target, s.lockTimeout, func() error {
		data, _, _, err := readFileCapped(target)
		if err != nil {
			return err
		}
		doc, err := parseDocument(s.path, data)
		if err != nil {
			return err
		}
		if err := edit(doc); err != nil || !doc.changed {
			return err
		}
		removeStaleTemps(target)
		written, err := writeFileAtomic(target, doc.encode())
		res.Created, res.TightenedFrom, res.Written = written.Created, written.TightenedFrom, err == nil
		return err
	})
	return res, err
}
