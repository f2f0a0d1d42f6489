package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// What only the line mode (accessible*.go) still uses; it goes once the line
// mode renders tui/flow too.

// projectChoice is the project the user picked; useDefault means "leave
// projectID out so k6 follows the stack's default".
type projectChoice struct {
	set        bool
	useDefault bool
	id         int64
	name       string
}

// projectItem is one line of the project list. The label and the filter text
// are built once, when the projects arrive.
type projectItem struct {
	useDefault bool
	id         int64
	name       string
	label      string
	filter     string // lower-case name and "#id", what the filter matches
}

func useDefaultLabel(defaultID int64) string {
	return fmt.Sprintf("Use the stack's default project (%d) — k6 follows the stack default", defaultID)
}

func newProjectItem(p authclient.Project) projectItem {
	return projectItem{id: p.ID, name: p.Name, label: projectLabel(p),
		filter: strings.ToLower(p.Name) + " #" + strconv.FormatInt(p.ID, 10)}
}

func projectLabel(p authclient.Project) string {
	name := p.Name
	if name == "" {
		name = "(no name)"
	}
	s := name + "  #" + strconv.FormatInt(p.ID, 10)
	if p.IsDefault {
		s += "  (default)"
	}
	return s
}

func stackReason(err error) string {
	var se *authclient.StackInputError
	if errors.As(err, &se) {
		return "Not a stack: " + se.Reason + "."
	}
	return err.Error()
}

// describeToken says enough about a token to recognise it, never enough to use it.
func describeToken(tok string) string {
	n := len([]rune(tok))
	if n == 0 {
		return ""
	}
	unit := "characters"
	if n == 1 {
		unit = "character"
	}
	if tail := tokenTail(tok); tail != "" {
		return fmt.Sprintf("%d %s, ends in …%s", n, unit, tail)
	}
	return fmt.Sprintf("%d %s", n, unit)
}

func tokenTail(tok string) string {
	r := []rune(tok)
	if len(r) < 12 {
		return ""
	}
	return string(r[len(r)-4:])
}

// loginInConfig is the login k6's config holds, as an account under its
// default name, for when the saved accounts cannot be read; nil without a token.
func loginInConfig(c configstore.Credentials) *configstore.Account {
	if c.Token == "" {
		return nil
	}
	return &configstore.Account{Name: configstore.DefaultAccountName(c.StackURL, configstore.TokenModeUnknown),
		Token: c.Token, StackURL: c.StackURL, StackID: c.StackID, DefaultProjectID: c.DefaultProjectID, ProjectID: c.ProjectID}
}

// activeIn is Model.active for an overview.
func activeIn(ov configstore.Overview) (configstore.Account, bool) {
	if ov.Active >= len(ov.Accounts) {
		ov.Active = -1 // not read yet
	}
	a, ok := ov.ActiveAccount()
	if !ok {
		return a, false
	}
	c := ov.Snapshot.Credentials
	if c.ProjectID != a.ProjectID {
		a.ProjectID, a.ProjectName = c.ProjectID, ""
	}
	if c.StackID != 0 {
		a.StackID = c.StackID
	}
	if c.DefaultProjectID != 0 {
		a.DefaultProjectID = c.DefaultProjectID
	}
	return a, true
}

// homeItem is one entry of the home menu.
type homeItem int

const (
	homeReview homeItem = iota
	homeKeep
	homeSwitch
	homeAdd
	homeValidate
	homeReset
	homeQuit
)

func (h homeItem) label() (name, about string) {
	switch h {
	case homeReview:
		return "Review", "token, project, file, environment"
	case homeKeep:
		return "Keep this login", "save it as an account to switch back to"
	case homeSwitch:
		return "Switch account", "use another saved account"
	case homeAdd:
		return "Add an account", "log in with another token"
	case homeValidate:
		return "Validate again", "check the token still works"
	case homeReset:
		return "Reset / sign out", "sign out or forget accounts"
	default:
		return "Quit", ""
	}
}

// describeProject says which project k6 cloud runs go to, with its name when
// the account recorded one or a lookup found lookedUpName for lookedUpID.
func describeProject(a configstore.Account, lookedUpID int64, lookedUpName string) string {
	if a.ProjectID == 0 {
		return fmt.Sprintf("stack default (%d)", a.DefaultProjectID)
	}
	s := strconv.FormatInt(a.ProjectID, 10)
	switch {
	case a.ProjectName != "":
		s += " (" + a.ProjectName + ")"
	case lookedUpID == a.ProjectID && lookedUpName != "":
		s += " (" + lookedUpName + ")"
	}
	return s
}

// agoAt is Model.ago with now given.
func agoAt(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one + " ago"
		}
		return strconv.Itoa(n) + " " + one + "s ago"
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return unit(int(d/time.Hour), "hour")
	case d < 60*24*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	}
	return "on " + t.UTC().Format("2 Jan 2006")
}

// savedTokenModeText names the token mode a saved account recorded.
func savedTokenModeText(t configstore.TokenMode) string {
	if mode := fromConfigMode(t); mode != TokenModeUnset {
		return mode.String()
	}
	return "not recorded"
}

// configTooOpen reports whether k6's config exists and others can read it.
func configTooOpen(s configstore.Snapshot) bool {
	return s.Exists && configstore.ModeTooOpen(s.Mode)
}

// switchRefused reports whether the API turned the token down (401/403), as
// opposed to not answering: retrying does not help then.
func switchRefused(err error) bool {
	return failureAction(err) != actionRetry
}

// resetOp is what the reset screen removes.
type resetOp int

const (
	opNone          resetOp = iota
	opSignOut               // the login keys from k6's config; the account stays saved
	opForget                // one saved account (and k6's keys when k6 uses it)
	opForgetAll             // first confirmation of forgetting everything
	opForgetAllSure         // second confirmation, naming the count and the files
)

// listEntry is one account of the switch and forget lists.
type listEntry struct {
	acct     configstore.Account
	unsaved  bool // only in k6's config
	active   bool // k6 uses it
	nameCols int  // the name's width on screen, measured once
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = capitalise(strings.TrimSpace(s))
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// capitalise starts a sentence with a capital, unless it starts with a host
// name ("api.k6.io did not reply"), which must stay as it is.
func capitalise(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if s == "" || strings.ContainsAny(first, ".:/") {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func parseProjectID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

func overrideWarning(o configstore.Override) string {
	if o.Key == "hostv6" {
		return fmt.Sprintf("⚠ %s is set (%s): %s.", o.Var, o.Value, o.Effect())
	}
	return fmt.Sprintf("⚠ %s is set (%s): %s. Unset it to use this login.", o.Var, o.Value, o.Effect())
}

// failure is what the wizard says about a failed request: a title naming the
// cause, what happened, and what to do.
type failure struct {
	Kind  authclient.Kind
	Title string
	What  string
	Hint  string
}

// action is where a failed validation sends the user.
type action int

const (
	actionRetry     action = iota // transient: offer retry, or edit
	actionNewToken                // the token was refused
	actionEditStack               // the token may not use this stack
)

func kindOf(err error) authclient.Kind {
	var ae *authclient.Error
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return authclient.KindUnknown
}

func failureAction(err error) action {
	switch kindOf(err) {
	case authclient.KindInvalidToken:
		return actionNewToken
	case authclient.KindStackAccess:
		return actionEditStack
	default:
		return actionRetry
	}
}

func describeFailure(err error) failure {
	f := failure{Kind: kindOf(err), What: err.Error()}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		f.Hint = ae.Hint()
	}
	f.Title = kindTitle(f.Kind)
	if f.Hint == "" {
		f.Hint = "Check your connection and try again."
	}
	return f
}

func kindTitle(k authclient.Kind) string {
	switch k {
	case authclient.KindInvalidToken:
		return "Token refused"
	case authclient.KindStackAccess:
		return "No access to this stack"
	case authclient.KindProjectNotFound:
		return "Project not found"
	case authclient.KindRateLimited:
		return "Too many requests"
	case authclient.KindServer:
		return "Grafana Cloud had a server error"
	case authclient.KindUnexpectedReply:
		return "Unexpected reply"
	case authclient.KindDNS:
		return "Host not found"
	case authclient.KindConnRefused:
		return "Connection refused"
	case authclient.KindTLS:
		return "Secure connection failed"
	case authclient.KindTimeout:
		return "No reply in time"
	case authclient.KindCancelled:
		return "Cancelled"
	case authclient.KindNetwork:
		return "Network error"
	default:
		return "Something went wrong"
	}
}
