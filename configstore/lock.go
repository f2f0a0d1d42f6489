package configstore

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DefaultLockTimeout is how long a save waits for another k6login to finish.
const DefaultLockTimeout = 10 * time.Second

// lockPollInterval bounds how often a waiting save retries the lock: the
// platform locks are taken without blocking so that the wait can time out.
const lockPollInterval = 20 * time.Millisecond

// errWouldBlock is what tryLock returns when another process holds the lock.
var errWouldBlock = errors.New("lock held by another process")

// lockPath is the lock file for the file at target: next to it, so that every
// process that writes target agrees on it. It is never deleted, because
// removing a lock file while another process waits on it breaks the lock.
func lockPath(target string) string {
	return filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock")
}

// lockSymlinkError says the lock file is a symbolic link, which is never followed.
type lockSymlinkError struct{ path string }

func (e *lockSymlinkError) Error() string {
	return fmt.Sprintf("its lock file %s is a symbolic link, which k6login does not follow "+
		"(it could make k6login write elsewhere); check who made it, then remove it", e.path)
}

// withLock runs fn while holding an exclusive lock on target's lock file,
// waiting up to timeout for other processes. The folder is created (0700)
// when missing, because the lock file lives in it. On timeout the error is a
// *FileError matching ErrLocked.
func withLock(target string, timeout time.Duration, fn func() error) error {
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return &FileError{Op: "create folder", Path: dir, Err: unwrapPathError(err)}
	}
	lp := lockPath(target)
	// A symlink in place of the lock file would make the open create or
	// truncate whatever it points at: refuse it. The check covers platforms
	// without O_NOFOLLOW; where there is one, the open itself refuses too,
	// which closes the gap between the check and the open.
	if info, err := os.Lstat(lp); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return &FileError{Op: "lock", Path: target, Err: &lockSymlinkError{lp}}
	}
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE|noFollow, fileMode)
	if err != nil {
		if info, lerr := os.Lstat(lp); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			err = &lockSymlinkError{lp}
		}
		return &FileError{Op: "lock", Path: target, Err: unwrapPathError(err)}
	}
	defer f.Close()

	deadline := time.Now().Add(timeout)
	for {
		err := tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errWouldBlock) {
			return &FileError{Op: "lock", Path: target, Err: err}
		}
		if !time.Now().Before(deadline) {
			return &FileError{Op: "lock", Path: target, Err: ErrLocked}
		}
		time.Sleep(min(lockPollInterval, time.Until(deadline)))
	}
	defer unlock(f)
	return fn()
}
