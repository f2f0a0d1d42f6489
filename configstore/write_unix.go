//go:build unix

package configstore

import (
	"bytes"
	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// maxSegments keeps writev well under IOV_MAX; contents in more pieces than
// that (a file of many members k6login must re-indent) are joined first.
const maxSegments = 64

// writeAll writes the concatenation of segs to f, in one writev when the
// kernel takes it all at once (a regular file does, short of an error).
func writeAll(f *os.File, segs [][]byte) error {
	switch {
	case len(segs) == 1:
		_, err := f.Write(segs[0])
		return err
	case len(segs) > maxSegments:
		_, err := f.Write(bytes.Join(segs, nil))
		return err
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	segs = append([][]byte(nil), segs...) // advanced below
	var werr error
	err = rc.Write(func(fd uintptr) bool {
		for {
			for len(segs) > 0 && len(segs[0]) == 0 {
				segs = segs[1:]
			}
			if len(segs) == 0 {
				return true
			}
			n, err := unix.Writev(int(fd), segs)
			if errors.Is(err, unix.EINTR) {
				continue
			}
			if err != nil {
				werr = err
				return true
			}
			if n == 0 {
				werr = io.ErrShortWrite
				return true
			}
			for n > 0 && len(segs) > 0 {
				if n < len(segs[0]) {
					segs[0] = segs[0][n:]
					break
				}
				n -= len(segs[0])
				segs = segs[1:]
			}
		}
	})
	if err != nil {
		return err
	}
	return werr
}
