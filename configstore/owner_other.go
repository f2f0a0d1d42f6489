//go:build !unix

package configstore

import (
	"io/fs"
	"os"
)

// keepOwner does nothing where files have no Unix owner: a replaced file
// inherits the folder's ACL on Windows.
func keepOwner(*os.File, fs.FileInfo) {}
