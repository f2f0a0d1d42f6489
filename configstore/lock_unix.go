//go:build unix

package configstore

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// noFollow makes opening the lock file fail when it is a symbolic link.
const noFollow = unix.O_NOFOLLOW

// tryLock takes flock(2) without blocking. flock locks belong to the open
// file, so two opens in one process exclude each other too, and the kernel
// drops the lock when a process dies: no stale lock survives a crash.
func tryLock(f *os.File) error {
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, unix.EINTR):
			continue
		case errors.Is(err, unix.EWOULDBLOCK):
			return errWouldBlock
		}
		return err
	}
}

func unlock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_UN) }
