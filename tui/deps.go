package tui

import (
	"io"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Store is the part of the config store the wizard uses; *configstore.Store
// satisfies it, and tests hand in fakes.
type Store interface {
	Path() string
	Load() (configstore.Snapshot, error)
	Save(configstore.Credentials) (configstore.SaveResult, error)
}

// Deps are the wizard's ways out to the world.
type Deps struct {
	API   authclient.API
	Store Store
	// Getenv reads the environment, to warn about variables that override the
	// file for k6. Nil means an empty environment.
	Getenv func(string) string
}

func (d Deps) getenv(name string) string {
	if d.Getenv == nil {
		return ""
	}
	return d.Getenv(name)
}

// Options change how the wizard looks, never what it does.
type Options struct {
	// NoColor renders plain text (NO_COLOR, K6_NO_COLOR, --no-color).
	NoColor bool
	// Demo adds a line to every screen saying that nothing real is touched
	// (the caller is expected to pass a fake API and a throwaway store).
	Demo bool
	// Output is where the program draws; it is only used to pick the colour
	// profile. Nil means standard output.
	Output io.Writer
}

// TokenMode is the kind of API token the user said they have.
type TokenMode int

const (
	TokenModeUnset TokenMode = iota
	TokenPersonal
	TokenStack
)

func (t TokenMode) String() string {
	switch t {
	case TokenPersonal:
		return "personal token"
	case TokenStack:
		return "stack token"
	default:
		return "unset"
	}
}

// Result is what the wizard did, for the caller to summarise after the program exits.
type Result struct {
	// Saved is true only when Store.Save succeeded.
	Saved       bool
	Credentials configstore.Credentials
	SaveResult  configstore.SaveResult
	TokenMode   TokenMode
}
