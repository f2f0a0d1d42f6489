//go:build unix

package configstore

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// folderProblem says what lets another user change a folder's entries: write
// permission for group or others, or an owner other than the user or root.
func folderProblem(info fs.FileInfo) string {
	if st, ok := info.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() && st.Uid != 0 {
		return fmt.Sprintf("is owned by another user (uid %d)", st.Uid)
	}
	switch perm := info.Mode().Perm(); {
	case perm&0o002 != 0:
		return fmt.Sprintf("is writable by everyone (mode %04o)", perm)
	case perm&0o020 != 0:
		return fmt.Sprintf("is writable by its group (mode %04o)", perm)
	}
	return ""
}
