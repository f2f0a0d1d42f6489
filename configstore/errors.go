package configstore

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
)

// ErrLocked matches the error Save and Clear return when another process kept
// the file locked for longer than the lock timeout.
var ErrLocked = errors.New("another k6login is saving this file")

// ErrAlreadyHasCredentials matches the error ImportLegacy returns when the
// destination already holds login keys: an import never replaces them.
var ErrAlreadyHasCredentials = errors.New("the config file already has k6 cloud credentials")

// ErrInvalidConfig matches every error that means "the file is there but k6login
// cannot use it": *ParseError, *TypeError and a file over the size cap. Such a
// file is never overwritten.
var ErrInvalidConfig = errors.New("invalid k6 config file")

// errTooLarge is wrapped in a *FileError so callers can tell it apart only via
// ErrInvalidConfig; the message says what to do.
var errTooLarge = fmt.Errorf("file is larger than %d MiB", maxConfigSize>>20)

// ParseError says the file is not valid JSON. Line and Col (1-based, Col counts
// characters) point at the offending character.
type ParseError struct {
	Path string
	Line int
	Col  int
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s is not valid JSON (line %d, column %d: %v); fix or remove the file: k6login will not overwrite it",
		e.Path, e.Line, e.Col, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Is lets errors.Is(err, ErrInvalidConfig) match.
func (e *ParseError) Is(target error) bool { return target == ErrInvalidConfig }

// TypeError says a key holds a value of the wrong JSON type, for example
// "collectors" holding a string. Key is a dotted path ("" for the top level).
type TypeError struct {
	Path string
	Key  string
	Want string // what k6 expects, e.g. "an object"
	Got  string // what the file holds, e.g. "an array"
}

func (e *TypeError) Error() string {
	where := fmt.Sprintf("key %q", e.Key)
	if e.Key == "" {
		where = "the top level"
	}
	return fmt.Sprintf("%s: %s is %s, k6 expects %s; fix or remove it: k6login will not overwrite the file",
		e.Path, where, e.Got, e.Want)
}

// Is lets errors.Is(err, ErrInvalidConfig) match.
func (e *TypeError) Is(target error) bool { return target == ErrInvalidConfig }

// FileError is a failed file-system operation. Op is one of "read", "lock",
// "create folder", "write", "replace".
type FileError struct {
	Op   string
	Path string
	Err  error
}

func (e *FileError) Error() string {
	switch {
	case errors.Is(e.Err, ErrLocked):
		return fmt.Sprintf("cannot save %s: another k6login is saving it right now; try again when it has finished", e.Path)
	case errors.Is(e.Err, errTooLarge):
		return fmt.Sprintf("cannot use %s: it is larger than %d MiB, which no k6 config should be; check what wrote it",
			e.Path, maxConfigSize>>20)
	}
	return fmt.Sprintf("cannot %s %s: %v%s", e.Op, e.Path, e.Err, e.hint())
}

func (e *FileError) Unwrap() error { return e.Err }

// Is lets errors.Is(err, ErrInvalidConfig) match an oversized file.
func (e *FileError) Is(target error) bool {
	return target == ErrInvalidConfig && errors.Is(e.Err, errTooLarge)
}

// hint names the next step for the causes a user can act on.
func (e *FileError) hint() string {
	dir := filepath.Dir(e.Path)
	switch {
	case isDiskFull(e.Err):
		return "; the disk is full: free some space and try again (the old file is unchanged)"
	case isReadOnlyFS(e.Err):
		return fmt.Sprintf("; %s is on a read-only file system: choose another path with -c or K6_CONFIG", dir)
	case errors.Is(e.Err, fs.ErrPermission):
		if e.Op == "read" {
			return "; check the file's owner and permissions"
		}
		return fmt.Sprintf("; check that you may write to %s (owner and permissions) or choose another path with -c or K6_CONFIG", dir)
	case errors.Is(e.Err, errIsDir):
		return "; choose a file path with -c or K6_CONFIG, such as " + filepath.Join(e.Path, "config.json")
	case errors.Is(e.Err, errNotRegular):
		return "; it is a device, pipe or socket: choose a file path with -c or K6_CONFIG"
	}
	return ""
}
