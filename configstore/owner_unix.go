//go:build unix

package configstore

import (
	"io/fs"
	"os"
	"syscall"
)

// keepOwner gives the new file the owner and group of the file it replaces.
// It matters when root saves a user's config (sudo k6login): without it the
// user could no longer read a 0600 file now owned by root. Failure is ignored
// (only root may give a file away); the file stays owned by the writer.
func keepOwner(tmp *os.File, old fs.FileInfo) {
	st, ok := old.Sys().(*syscall.Stat_t)
	if !ok || (int(st.Uid) == os.Geteuid() && int(st.Gid) == os.Getegid()) {
		return
	}
	_ = tmp.Chown(int(st.Uid), int(st.Gid))
}
