// Package configstore reads and writes k6's own config file (the one `k6 cloud`
// commands read), touching only the login keys under collectors.cloud and keeping
// every other byte of meaning intact. It never prints and has no UI.
package configstore

import (
	"io/fs"
	"time"
)

// Credentials are the login keys k6login owns under collectors.cloud.
// A zero value means "not set": ProjectID 0 leaves projectID out of the file so
// that k6 follows the stack's default project.
type Credentials struct {
	Token            string `json:"-"`
	StackID          int64
	StackURL         string
	DefaultProjectID int64
	ProjectID        int64
}

// Empty reports whether no login key is set.
func (c Credentials) Empty() bool {
	return c.Token == "" && c.StackID == 0 && c.StackURL == "" && c.DefaultProjectID == 0 && c.ProjectID == 0
}

// PathSource says where the config path came from.
type PathSource int

const (
	PathDefault PathSource = iota // os.UserConfigDir()/k6/config.json
	PathEnv                       // K6_CONFIG
	PathFlag                      // -c/--config
)

// Snapshot is what Load found in the file.
type Snapshot struct {
	Path        string
	Exists      bool
	Mode        fs.FileMode // permission bits of the file (or of the symlink target)
	Credentials Credentials
	HostV6      string // collectors.cloud.hostv6, "" when unset
	Timeout     time.Duration
	// TimeoutSet is false when collectors.cloud.timeout is absent or null.
	TimeoutSet bool
}

// SaveResult reports side effects of a save the user should be told about.
type SaveResult struct {
	Path          string
	Created       bool        // the file did not exist before
	TightenedFrom fs.FileMode // non-zero when a looser mode was tightened to 0600
	Written       bool        // the file was written; Clear writes only when it removed something
}
