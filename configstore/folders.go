package configstore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FolderWarning says that someone other than the user could replace a file
// of credentials, or plant one: a folder on its way is writable by others or
// owned by another user. k6login warns and goes on, as OpenSSH's StrictModes
// would have it checked; configstore only reports it.
type FolderWarning struct {
	Folder  string
	Problem string // e.g. "is writable by its group"
}

func (w FolderWarning) String() string {
	fix := fmt.Sprintf("chmod go-w %q", w.Folder)
	if strings.HasPrefix(w.Problem, "is owned by") {
		fix = fmt.Sprintf("chown $(id -u) %q, or choose a folder of your own", w.Folder)
	}
	return fmt.Sprintf("the folder %s %s, so someone else could change the credentials in it; fix it with: %s",
		w.Folder, w.Problem, fix)
}

// UnsafeFolders checks the folders holding each file (a symlinked file is
// checked where it really is): the file's own folder and, inside the home
// folder, every folder up to and including home. Folders that do not exist
// yet are skipped: k6login creates them owner-only. A folder is reported once.
func UnsafeFolders(files ...string) []FolderWarning {
	home, _ := os.UserHomeDir()
	seen := map[string]bool{}
	var warnings []FolderWarning
	for _, file := range files {
		target, err := resolveTarget(file)
		if err != nil {
			continue
		}
		dir, err := filepath.Abs(filepath.Dir(target))
		if err != nil {
			continue
		}
		for !seen[dir] {
			seen[dir] = true
			if info, err := os.Stat(dir); err == nil {
				if problem := folderProblem(info); problem != "" {
					warnings = append(warnings, FolderWarning{Folder: dir, Problem: problem})
				}
			}
			parent := filepath.Dir(dir)
			if home == "" || dir == home || parent == dir || !within(home, parent) {
				break
			}
			dir = parent
		}
	}
	return warnings
}

// within reports whether dir is home or inside it.
func within(home, dir string) bool {
	rel, err := filepath.Rel(home, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
