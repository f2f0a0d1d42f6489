//go:build !unix && !windows

package configstore

import "os"

// On platforms without a file lock k6login supports (plan9, wasm), saves are
// not serialised between processes. Each write is still atomic, so the file is
// never torn, but two simultaneous saves may lose one of the two updates.
// noFollow is 0 here; withLock checks with Lstat first.
const noFollow = 0

func tryLock(*os.File) error { return nil }

func unlock(*os.File) {}
