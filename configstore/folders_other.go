//go:build !unix

package configstore

import "io/fs"

// folderProblem finds nothing where folders have no Unix owner and mode: on
// Windows a folder's ACL decides, which k6login does not inspect.
func folderProblem(fs.FileInfo) string { return "" }
