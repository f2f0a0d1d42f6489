// Package authclient talks to the Grafana Cloud k6 v6 REST API: it validates a
// token against a stack and lists the stack's projects. It never prints and has
// no UI; every failure is an *Error whose Kind names one cause.
package authclient

import (
	"context"
	"time"
)

// DefaultBaseURL is where k6 itself sends v6 API calls.
const DefaultBaseURL = "https://api.k6.io"

// DefaultTimeout matches k6's K6_CLOUD_TIMEOUT default.
const DefaultTimeout = time.Minute

// AuthInfo is what GET /cloud/v6/auth tells about a token and a stack.
type AuthInfo struct {
	StackID          int64
	DefaultProjectID int64
}

// Project is one project of a stack, as GET /cloud/v6/projects returns it.
type Project struct {
	ID               int64
	Name             string
	IsDefault        bool
	GrafanaFolderUID string
	Created          time.Time
	Updated          time.Time
}

// API is the part of the client the UI and the command line depend on, so that
// tests can hand them a fake.
type API interface {
	Validate(ctx context.Context, token, stackURL string) (AuthInfo, error)
	Projects(ctx context.Context, token string, stackID int64) ([]Project, error)
	Project(ctx context.Context, token string, stackID, projectID int64) (Project, error)
}
