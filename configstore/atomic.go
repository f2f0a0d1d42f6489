package configstore

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// fileMode is the only mode k6login writes: a token is a secret.
const fileMode fs.FileMode = 0o600

// dirMode is used for folders k6login has to create.
const dirMode fs.FileMode = 0o700

// maxConfigSize caps what is read, so a wrong path (a log, a disk image) cannot
// exhaust memory; no real k6 config comes near it.
const maxConfigSize = 16 << 20

// testHookWrite, when set by a test, replaces the write of the new contents
// into the temporary file, to simulate a full disk or an I/O error.
var testHookWrite func(w io.Writer, data []byte) (int, error)

// resolveTarget follows symlinks at path so that a symlinked config stays a
// symlink and its target is what gets replaced. Unlike filepath.EvalSymlinks
// it also resolves a dangling link, to the file the link points at.
func resolveTarget(path string) (string, error) {
	const maxHops = 40 // the usual kernel limit
	for range maxHops {
		info, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", &FileError{Op: "read", Path: path, Err: err}
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", &FileError{Op: "read", Path: path, Err: err}
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", &FileError{Op: "read", Path: path, Err: errors.New("too many levels of symbolic links")}
}

// writeFileAtomic replaces the file at path with data so that a reader, or a
// crash at any moment, sees either the old file or the new one, never a mix or
// an empty file: write a temporary file in the same folder, fsync it, rename
// it over the target, fsync the folder. The result is always mode 0600. A
// symlink at path is kept and its target replaced. Missing folders are created
// with mode 0700. Callers that read-modify-write must hold withLock.
func writeFileAtomic(path string, data []byte) (SaveResult, error) {
	res := SaveResult{Path: path}
	target, err := resolveTarget(path)
	if err != nil {
		return res, err
	}
	dir := filepath.Dir(target)
	info, err := os.Stat(target)
	switch {
	case err == nil:
		if info.IsDir() {
			return res, &FileError{Op: "write", Path: target, Err: errIsDir}
		}
		if !info.Mode().IsRegular() {
			return res, &FileError{Op: "write", Path: target, Err: errNotRegular}
		}
		if loose := info.Mode().Perm(); loose&^fileMode != 0 {
			res.TightenedFrom = loose
		}
	case errors.Is(err, fs.ErrNotExist):
		res.Created = true
		if err := os.MkdirAll(dir, dirMode); err != nil {
			return res, &FileError{Op: "create folder", Path: dir, Err: err}
		}
	default:
		return res, &FileError{Op: "write", Path: target, Err: err}
	}

	tmp, err := os.CreateTemp(dir, tempPattern(target))
	if err != nil {
		return res, &FileError{Op: "write", Path: target, Err: unwrapPathError(err)}
	}
	tmpName := tmp.Name()
	committed := false
	defer func() {
		if !committed {
			_ = tmp.Close()
			_ = os.Remove(tmpName)
		}
	}()
	if testHookWrite != nil {
		_, err = testHookWrite(tmp, data)
	} else {
		_, err = tmp.Write(data)
	}
	if err != nil {
		return res, &FileError{Op: "write", Path: target, Err: unwrapPathError(err)}
	}
	if info != nil {
		keepOwner(tmp, info)
	}
	// CreateTemp already uses 0600; chmod again so a umask or an inherited ACL
	// default cannot leave it readable by others.
	if err := tmp.Chmod(fileMode); err != nil && runtime.GOOS != "windows" {
		return res, &FileError{Op: "write", Path: target, Err: unwrapPathError(err)}
	}
	if err := fsync(tmp); err != nil {
		return res, &FileError{Op: "write", Path: target, Err: unwrapPathError(err)}
	}
	if err := tmp.Close(); err != nil {
		return res, &FileError{Op: "write", Path: target, Err: unwrapPathError(err)}
	}
	if err := os.Rename(tmpName, target); err != nil {
		return res, &FileError{Op: "replace", Path: target, Err: unwrapPathError(err)}
	}
	committed = true
	// Without this the rename itself may not survive a power cut. The data
	// is already safe, so a failure here is not reported.
	syncDir(dir)
	return res, nil
}

var (
	errIsDir      = errors.New("is a folder, not a file")
	errNotRegular = errors.New("is not a regular file")
)

// tempPattern names the temporary files writeFileAtomic creates next to target.
func tempPattern(target string) string { return "." + filepath.Base(target) + ".tmp-*" }

// removeStaleTemps deletes temporary files a killed writer left next to
// target (they may hold a token). Call it only under withLock: every live
// writer holds the lock while its temporary file exists, so any found then is
// stale.
func removeStaleTemps(target string) {
	dir := filepath.Dir(target)
	entries, _ := os.ReadDir(dir)
	prefix := strings.TrimSuffix(tempPattern(target), "*")
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// unwrapPathError drops *fs.PathError's own path (often a temporary file name
// the user has never heard of); FileError names the real file instead.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return // folders cannot be opened for fsync there; NTFS journals renames
	}
	if d, err := os.Open(dir); err == nil {
		_ = fsync(d)
		_ = d.Close()
	}
}

// testHookSync, when set by a benchmark, runs each fsync of a write, so that
// the share of a save spent waiting for the disk can be measured.
var testHookSync func(sync func() error) error

func fsync(f *os.File) error {
	if testHookSync != nil {
		return testHookSync(f.Sync)
	}
	return f.Sync()
}

// readFileCapped reads path, reporting a missing file as exists == false and
// refusing folders and files over maxConfigSize.
func readFileCapped(path string) (data []byte, mode fs.FileMode, exists bool, err error) {
	// Stat first: opening a FIFO for reading would block.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		return nil, info.Mode().Perm(), true, &FileError{Op: "read", Path: path, Err: errNotRegular}
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, false, nil
	}
	if err != nil {
		return nil, 0, false, &FileError{Op: "read", Path: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, 0, true, &FileError{Op: "read", Path: path, Err: unwrapPathError(err)}
	}
	if info.IsDir() {
		return nil, 0, true, &FileError{Op: "read", Path: path, Err: errIsDir}
	}
	if !info.Mode().IsRegular() {
		// -c /dev/null or a FIFO: reading could block, and renaming over it
		// would replace a device node.
		return nil, 0, true, &FileError{Op: "read", Path: path, Err: errNotRegular}
	}
	if info.Size() > maxConfigSize {
		return nil, info.Mode().Perm(), true, &FileError{Op: "read", Path: path, Err: errTooLarge}
	}
	// The size may change under us; the limit still holds.
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead) // room for all of it: one read, no copies
	_, err = buf.ReadFrom(io.LimitReader(f, maxConfigSize+1))
	data = buf.Bytes()
	if err != nil {
		return nil, info.Mode().Perm(), true, &FileError{Op: "read", Path: path, Err: unwrapPathError(err)}
	}
	if len(data) > maxConfigSize {
		return nil, info.Mode().Perm(), true, &FileError{Op: "read", Path: path, Err: errTooLarge}
	}
	return data, info.Mode().Perm(), true, nil
}
