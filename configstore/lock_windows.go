//go:build windows

package configstore

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// noFollow is 0: Windows has no O_NOFOLLOW; withLock checks with Lstat first.
const noFollow = 0

// tryLock takes LockFileEx on the first byte without waiting. Windows drops
// the lock when the handle is closed or the process ends.
func tryLock(f *os.File) error {
	ol := new(windows.Overlapped)
	err := windows.LockFileEx(windows.Handle(f.Fd()),
		windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errWouldBlock
	}
	return err
}

func unlock(f *os.File) {
	_ = windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, new(windows.Overlapped))
}
