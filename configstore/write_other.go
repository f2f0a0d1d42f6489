//go:build !unix

package configstore

import (
	"bytes"
	"os"
)

// writeAll writes the concatenation of segs to f with one Write.
func writeAll(f *os.File, segs [][]byte) error {
	data := segs[0]
	if len(segs) > 1 {
		data = bytes.Join(segs, nil)
	}
	_, err := f.Write(data)
	return err
}
