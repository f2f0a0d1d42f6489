package tui

import (
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Store is the part of the config store the wizard uses; *configstore.Store
// satisfies it, and tests hand in fakes.
type Store interface {
	Path() string
	Load() (configstore.Snapshot, error)
	Save(configstore.Credentials) (configstore.SaveResult, error)
	// FixMode makes the file owner-only and returns the mode it had.
	FixMode() (fs.FileMode, error)
}

// AccountsSession is the part of configstore.Session the screens use: k6's
// config and the saved accounts, kept consistent. configstore.Session
// satisfies it.
type AccountsSession interface {
	Overview() (configstore.Overview, error)
	KeepCurrent() (configstore.Account, bool, error)
	SaveLogin(c configstore.Credentials, mode configstore.TokenMode, projectName string, validated time.Time) (configstore.SaveResult, configstore.Account, error)
	Record(c configstore.Credentials, mode configstore.TokenMode, projectName string, validated time.Time) (configstore.Account, error)
	Activate(a configstore.Account) (configstore.SaveResult, error)
	SignOut() (configstore.Account, bool, error)
	Forget(name string) (configstore.Account, bool, error)
	ForgetAll() (int, bool, error)
}

// Deps are the wizard's ways out to the world.
type Deps struct {
	API   authclient.API
	Store Store
	// Getenv reads the environment, to warn about variables that override the
	// file for k6. Nil means an empty environment.
	Getenv func(string) string
	// Accounts, when set, records every saved login as an account and lets
	// New open the home screen (review, switch, reset). Nil: logins are only
	// written to k6's config, as before.
	Accounts AccountsSession
	// AccountsPath is the saved-accounts file, named on the reset screens.
	AccountsPath string
	// Now is the clock, for "validated 3 minutes ago" and the time recorded
	// with a login. Nil means time.Now.
	Now func() time.Time
	// Endpoint is the API address tokens are sent to and where it was set;
	// both faces name one that is not the default before any token is sent.
	// The zero value is the default address.
	Endpoint authclient.Endpoint
	// OpenURL opens a page in the user's browser (the token page, on Ctrl+O at
	// the token step); it may block, and runs off the UI's loop. Nil: the
	// screens only show the page's address.
	OpenURL func(url string) error
	// Demo makes the line mode say DEMO at every question, as the screens do
	// with Options.Demo (RunAccessible takes no Options).
	Demo bool
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
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

// configMode is the token mode as the saved accounts spell it.
func (t TokenMode) configMode() configstore.TokenMode {
	switch t {
	case TokenPersonal:
		return configstore.TokenModePersonal
	case TokenStack:
		return configstore.TokenModeStack
	}
	return configstore.TokenModeUnknown
}

// Action is the last thing that changed a file, for the caller's summary.
type Action int

const (
	ActionNone      Action = iota // nothing was written
	ActionLogin                   // the wizard saved a login (Credentials, SaveResult, TokenMode)
	ActionSwitch                  // k6 now uses the saved account Account
	ActionSignOut                 // k6's config lost its login keys; Account stays saved
	ActionForget                  // the saved account Account was removed (SignedOut: it was active)
	ActionForgetAll               // Removed accounts were removed, and k6 signed out (SignedOut)
	ActionFixMode                 // k6's config was made owner-only (ModeFixedFrom)
	ActionValidate                // the active account was validated again and recorded
	ActionKeep                    // the login only k6's config held was saved as the account Account
)

func (a Action) String() string {
	switch a {
	case ActionNone:
		return "none"
	case ActionLogin:
		return "login"
	case ActionSwitch:
		return "switch"
	case ActionSignOut:
		return "sign-out"
	case ActionForget:
		return "forget"
	case ActionForgetAll:
		return "forget-all"
	case ActionFixMode:
		return "fix-mode"
	case ActionValidate:
		return "validate"
	case ActionKeep:
		return "keep"
	default:
		return "unknown"
	}
}

// Result is what the wizard did, for the caller to summarise after the program exits.
type Result struct {
	// Saved is true only when credentials were written to k6's config: a
	// login (Store.Save) or a switch (Session.Activate) that succeeded.
	Saved       bool
	Credentials configstore.Credentials
	SaveResult  configstore.SaveResult
	TokenMode   TokenMode
	// ProjectName is the name of an explicitly chosen project, "" for the stack's default.
	ProjectName string

	// Action is the last change made; Account names the account it concerned
	// (the name a login was recorded under, the account switched to, signed
	// out of or forgotten), "" when none.
	Action  Action
	Account string
	// RecordErr is set when a login or a switch was written to k6's config
	// but the saved account could not be recorded or updated (shown as a
	// warning, not a failure).
	RecordErr error
	// Unchecked: ActionSwitch was made without a passing validation (s,
	// "switch anyway", after a failed check).
	Unchecked bool
	// SignedOut: a forget removed the login keys from k6's config too.
	SignedOut bool
	// Removed is how many accounts ActionForgetAll removed.
	Removed int
	// ModeFixedFrom is the mode k6's config had before ActionFixMode.
	ModeFixedFrom fs.FileMode
	// Interrupted: the user left with Ctrl+C rather than by finishing or quitting.
	Interrupted bool
}

// Summary is one line saying what was done, for stdout after the program
// exits; "" when nothing was written. It never holds the token, and the
// names and URLs it holds, read from files, are made safe to print.
func (r Result) Summary() string {
	account, stackURL := authclient.SafeText(r.Account), authclient.SafeText(r.Credentials.StackURL)
	switch r.Action {
	case ActionLogin:
		s := "Logged in to " + stackURL
		if account != "" {
			s += " as " + account
		}
		return s + "; saved to " + authclient.SafeText(r.SaveResult.Path) + "."
	case ActionSwitch:
		return "k6 now uses " + account + " (" + stackURL + ")."
	case ActionSignOut:
		return "Signed k6 out of " + account + "; the account stays saved."
	case ActionForget:
		if r.SignedOut {
			return "Forgot " + account + " and signed k6 out of it."
		}
		return "Forgot " + account + "."
	case ActionForgetAll:
		s := fmt.Sprintf("Forgot %d saved %s", r.Removed, plural(r.Removed, "account", "accounts"))
		if r.SignedOut {
			s += " and signed k6 out"
		}
		return s + "."
	case ActionFixMode:
		return fmt.Sprintf("Made k6's config owner-only (was %04o, now 0600).", r.ModeFixedFrom.Perm())
	case ActionValidate:
		return account + " was validated again."
	case ActionKeep:
		return "Saved the login in k6's config as the account " + account + "."
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fromConfigMode(t configstore.TokenMode) TokenMode {
	switch t {
	case configstore.TokenModePersonal:
		return TokenPersonal
	case configstore.TokenModeStack:
		return TokenStack
	}
	return TokenModeUnset
}
