package flow

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Paths are the two files the accounts screens name.
type Paths struct {
	Config   string // k6's config
	Accounts string // the saved accounts; "" is named "the saved-accounts file"
}

func (p Paths) accounts() string { return AccountsFile(p.Accounts) }

func (p Paths) config() string { return authclient.SafeText(p.Config) }

// Accounts is one reading of both files, and everything the home, review,
// switch and reset screens derive from it. Build it with NewAccounts.
type Accounts struct {
	Overview configstore.Overview
	// Err is why a file could not be read: the saved accounts (then Overview
	// shows k6's login as not known to be saved), or k6's config on a later
	// reading (then Overview is the last good one).
	Err   error
	Paths Paths
}

// ConfigUnreadable reports whether a reading failed on k6's config itself:
// at start the wizard runs then (its welcome says why); later the last good
// reading is kept with the error.
func ConfigUnreadable(err error) bool { return err != nil && !configstore.IsAccountsError(err) }

// NewAccounts makes a reading of Session.Overview into Accounts. When the saved
// accounts cannot be read, what k6 uses is shown as a login of its own,
// without telling whether it is saved.
func NewAccounts(ov configstore.Overview, err error, paths Paths) Accounts {
	if err != nil {
		ov.Accounts, ov.Active = nil, -1
		ov.Unsaved = nil
		if c := ov.Snapshot.Credentials; c.Token != "" {
			ov.Unsaved = &configstore.Account{Name: configstore.DefaultAccountName(c.StackURL, configstore.TokenModeUnknown),
				Token: c.Token, StackURL: c.StackURL, StackID: c.StackID, DefaultProjectID: c.DefaultProjectID, ProjectID: c.ProjectID}
		}
	}
	return Accounts{Overview: ov, Err: err, Paths: paths}
}

// HasLogin reports whether there is anything for the home screen: a token in
// k6's config or a saved account. Without, the wizard runs.
func (a Accounts) HasLogin() bool {
	return a.Err != nil || a.Overview.Snapshot.Credentials.Token != "" || len(a.Overview.Accounts) > 0
}

// Active is the login k6 uses, saved or not, and whether there is one. The
// project and IDs are those in k6's config, which is what k6 reads.
func (a Accounts) Active() (configstore.Account, bool) {
	ov := a.Overview
	if ov.Active >= len(ov.Accounts) {
		ov.Active = -1
	}
	acct, ok := ov.ActiveAccount()
	if !ok {
		return acct, false
	}
	c := ov.Snapshot.Credentials
	if c.ProjectID != acct.ProjectID {
		acct.ProjectID, acct.ProjectName = c.ProjectID, ""
	}
	if c.StackID != 0 {
		acct.StackID = c.StackID
	}
	if c.DefaultProjectID != 0 {
		acct.DefaultProjectID = c.DefaultProjectID
	}
	return acct, true
}

// Unsaved reports whether k6 uses a login no saved account has (or, with the
// accounts file unreadable, one that cannot be told to be saved).
func (a Accounts) Unsaved() bool { return a.Overview.Active < 0 && a.Overview.Unsaved != nil }

// KnownUnsaved is Unsaved when it can be told: the accounts file was read.
func (a Accounts) KnownUnsaved() bool { return a.Unsaved() && a.Err == nil }

// TooOpen reports whether k6's config exists and others can read it.
func (a Accounts) TooOpen() bool {
	s := a.Overview.Snapshot
	return s.Exists && configstore.ModeTooOpen(s.Mode)
}

// HomeItem is one entry of the home menu.
type HomeItem int

const (
	HomeReview HomeItem = iota
	HomeKeep
	HomeSwitch
	HomeAdd
	HomeValidate
	HomeReset
	HomeCheckAll
	HomeQuit
)

// Label names a home entry and says what it does.
func (h HomeItem) Label() (name, about string) {
	switch h {
	case HomeReview:
		return "Review", "token, project, file, environment"
	case HomeKeep:
		return "Keep this login", "save it as an account to switch back to"
	case HomeSwitch:
		return "Switch account", "use another saved account"
	case HomeAdd:
		return "Add an account", "log in with another token"
	case HomeValidate:
		return "Validate again", "check the token still works"
	case HomeReset:
		return "Reset / sign out", "sign out or forget accounts"
	case HomeCheckAll:
		return CheckAllTitle, "validate every login at once"
	}
	return "Quit", ""
}

// HomeItems are the home entries that apply. "Keep this login" is offered only
// when it can succeed: k6 uses a login no account has and the accounts file
// can be written. "Check all accounts" comes last before Quit, so the
// numbers of the others stay as they were.
func (a Accounts) HomeItems() []HomeItem {
	_, active := a.Active()
	switch {
	case active && a.KnownUnsaved():
		return []HomeItem{HomeReview, HomeKeep, HomeSwitch, HomeAdd, HomeValidate, HomeReset, HomeCheckAll, HomeQuit}
	case active:
		return []HomeItem{HomeReview, HomeSwitch, HomeAdd, HomeValidate, HomeReset, HomeCheckAll, HomeQuit}
	case len(a.Overview.Accounts) > 0:
		return []HomeItem{HomeSwitch, HomeAdd, HomeReset, HomeCheckAll, HomeQuit}
	}
	return []HomeItem{HomeAdd, HomeQuit}
}

// SignedOut is what home says when k6's config holds no login.
func (a Accounts) SignedOut() string {
	n := len(a.Overview.Accounts)
	s := "k6 is signed out: its config holds no cloud login."
	switch {
	case n == 1:
		s += " 1 account is saved: switch to it, or add another."
	case n > 1:
		s += fmt.Sprintf(" %d accounts are saved: switch to one, or add another.", n)
	case a.Err == nil:
		s += " No account is saved: add one."
	}
	return s
}

// UnsavedNote is what home says about a login only k6's config holds.
const UnsavedNote = "Only in k6's config; it is saved as an account when you validate it or switch away."

// Lookup is a project name looked up from the API for a project ID, for an
// account that does not record its project's name.
type Lookup struct {
	ID   int64
	Name string
}

// NeedsLookup reports whether the name of acct's project is worth asking the
// API for: it has a project, no name for it, and it was not asked yet.
func (l Lookup) NeedsLookup(acct configstore.Account) bool {
	return acct.ProjectID != 0 && acct.ProjectName == "" && l.ID != acct.ProjectID
}

// ProjectText says which project k6 cloud runs go to.
func (l Lookup) ProjectText(acct configstore.Account) string {
	name := acct.ProjectName
	if name == "" && l.ID == acct.ProjectID {
		name = l.Name
	}
	return projectText(acct.ProjectID, acct.DefaultProjectID, name)
}

// HomeRows are the short summary of the login k6 uses on the home screen.
func (a Accounts) HomeRows(l Lookup, now time.Time) []Row {
	acct, ok := a.Active()
	if !ok {
		return nil
	}
	rows := []Row{
		{Label: "Stack", Value: authclient.SafeText(acct.StackURL)},
		{Label: "Project", Value: l.ProjectText(acct)},
		{Label: "Token", Value: authclient.SafeText(configstore.MaskToken(acct.Token))},
	}
	if !a.Unsaved() {
		rows = append(rows, Row{Label: "Validated", Value: Ago(now, acct.LastValidated)})
	}
	return rows
}

// ReviewRows is everything about the login k6 uses.
func (a Accounts) ReviewRows(l Lookup, now time.Time) []Row {
	acct, ok := a.Active()
	if !ok {
		return nil
	}
	name := authclient.SafeText(acct.Name)
	if a.KnownUnsaved() {
		name += " (not saved: only in k6's config)"
	}
	snap := a.Overview.Snapshot
	fileMode := Row{Label: "File mode", Value: "(no file)"}
	if snap.Exists {
		fileMode.Value = fmt.Sprintf("%04o", snap.Mode.Perm())
		if a.TooOpen() {
			fileMode.Note = "others can read it"
		}
	}
	validated := "not saved"
	if !a.Unsaved() {
		validated = Ago(now, acct.LastValidated)
	}
	return []Row{
		{Label: "Account", Value: name},
		{Label: "Token", Value: authclient.SafeText(configstore.MaskToken(acct.Token))},
		{Label: "Token type", Value: ModeText(acct.TokenMode)},
		{Label: "Stack URL", Value: authclient.SafeText(acct.StackURL)},
		{Label: "Stack ID", Value: strconv.FormatInt(acct.StackID, 10)},
		{Label: "Project", Value: l.ProjectText(acct)},
		{Label: "Default project", Value: strconv.FormatInt(acct.DefaultProjectID, 10)},
		{Label: "Config file", Value: a.Paths.config()},
		fileMode,
		{Label: "Last validated", Value: validated},
	}
}

// TooOpenWarning is said when others can read the token in k6's config.
const TooOpenWarning = "The file holds a token and other users can read it."

// Checked is acct as a passed check leaves it: the IDs the API gave, the time
// of the check, and a project name that was looked up.
func Checked(acct configstore.Account, info authclient.AuthInfo, now time.Time, l Lookup) configstore.Account {
	acct.StackID, acct.DefaultProjectID = info.StackID, info.DefaultProjectID
	acct.LastValidated = now
	if acct.ProjectName == "" && l.Name != "" && l.ID == acct.ProjectID {
		acct.ProjectName = l.Name
	}
	return acct
}

// NotRecorded is the warning when a token passed but the account could not be
// recorded as validated.
func NotRecorded(err error) string {
	return "The token works, but the account could not be recorded: " + ErrText(err)
}

// NotUpdated is the warning when a switch was written to k6's config but the
// saved account could not be updated: k6 uses it, which is what counts.
func NotUpdated(err error) string {
	return "k6 uses it, but the saved account could not be updated: " + ErrText(err)
}

// ModeFixed is what review says once k6's config was made owner-only.
func ModeFixed(old os.FileMode) string {
	return fmt.Sprintf("The file is now owner-only: 0600 (was %04o).", old.Perm())
}

// ModeNotFixed is what review says when k6's config could not be made
// owner-only.
func ModeNotFixed(err error) string { return "The file mode could not be changed: " + ErrText(err) }

// NotKept is what home says when "Keep this login" could not save it.
func NotKept(err error) string { return "The login could not be saved as an account: " + ErrText(err) }

// AccountsFile names the saved-accounts file at path, safe to show.
func AccountsFile(path string) string {
	if path == "" {
		return "the saved-accounts file"
	}
	return authclient.SafeText(path)
}

// Validated is what review says after validating again and recording it.
func Validated(acct configstore.Account) string {
	return "The token works: checked just now and recorded as " + authclient.SafeText(acct.Name) + "."
}

// ValidateFailedNext says what to do after validating again failed.
func ValidateFailedNext(err error) string {
	if RemedyFor(err) == RemedyNewToken {
		return "k6 will be refused too. Add an account with a new token, or switch to another. Nothing was changed."
	}
	return "Nothing was changed."
}

// Kept is what home says after "Keep this login".
func Kept(acct configstore.Account) string {
	return "Saved as the account " + authclient.SafeText(acct.Name) + ": you can switch back to it after a switch."
}

// Entry is one account of the switch and forget lists.
type Entry struct {
	Account configstore.Account
	Unsaved bool // only in k6's config
	Active  bool // k6 uses it
}

// Entries are the accounts to list; withUnsaved adds the login only k6's
// config holds (it can be switched back to, not forgotten).
func (a Accounts) Entries(withUnsaved bool) []Entry {
	var out []Entry
	if withUnsaved && a.KnownUnsaved() {
		out = append(out, Entry{Account: *a.Overview.Unsaved, Unsaved: true, Active: true})
	}
	for i, acct := range a.Overview.Accounts {
		out = append(out, Entry{Account: acct, Active: i == a.Overview.Active})
	}
	return out
}

// Name is the entry's account name, safe to show.
func (e Entry) Name() string { return authclient.SafeText(e.Account.Name) }

// Tags describe an entry: its stack, its token mode, whether it is saved and
// in use. long spells the mode out ("stack token").
func (e Entry) Tags(long bool) []string {
	tags := []string{authclient.SafeText(authclient.StackSlug(e.Account.StackURL))}
	if m := e.Account.TokenMode; m != configstore.TokenModeUnknown {
		s := authclient.SafeText(string(m))
		if long {
			s = ModeText(m)
		}
		tags = append(tags, s)
	}
	if e.Unsaved {
		tags = append(tags, "not saved")
	}
	if e.Active {
		tags = append(tags, "in use")
	}
	return tags
}

// CanSwitch reports whether there is an account to switch to.
func (a Accounts) CanSwitch() bool {
	for _, e := range a.Entries(true) {
		if !e.Active {
			return true
		}
	}
	return false
}

// SwitchIntro and the other texts of the switch screens.
const (
	SwitchIntro   = "Pick the account k6 should use. Its token is checked before anything is written."
	NothingToPick = "No other account is saved. Add one first."
	SwitchKept    = "The account k6 used before stays saved. Other settings in k6's config are kept."
)

// AlreadyUsed is said when the account picked is the one k6 uses.
func AlreadyUsed(acct configstore.Account) string {
	return "k6 already uses " + authclient.SafeText(acct.Name) + "."
}

// SwitchChecking is said while the target's token is checked.
func SwitchChecking(acct configstore.Account) string {
	return "Checking " + authclient.SafeText(acct.Name) + " (" + authclient.SafeText(configstore.MaskToken(acct.Token)) + ") against " + authclient.SafeText(acct.StackURL) + "…"
}

// How is how a switch went past the check.
type How int

const (
	HowChecked   How = iota // the token passed
	HowRefused              // the API refused it, and the user switched anyway
	HowUnchecked            // the check had no answer, and the user switched without it
)

// SwitchFailedNext says what can be done after the check failed.
func SwitchFailedNext(err error) (text string, how How) {
	if Refused(err) {
		return "k6 would be refused with this token. Nothing was changed.", HowRefused
	}
	return "Nothing was changed.", HowUnchecked
}

// Warning is what a switch done without a passed check warns about.
func (h How) Warning() string {
	switch h {
	case HowRefused:
		return "Switched anyway: Grafana Cloud refused its token, so k6's cloud commands will fail with it."
	case HowUnchecked:
		return "Switched without a check: its token could not be checked."
	}
	return ""
}

// Written reports whether a switch to target took: Activate succeeded, or it
// failed only at updating the accounts file after k6's config was written
// (after is the reading of both files once it returned). k6 uses the account
// then, which is what counts.
func Written(target configstore.Account, err error, after configstore.Overview) bool {
	return err == nil || target.Matches(after.Snapshot.Credentials)
}

// Switched is the headline after a switch.
func Switched(target configstore.Account) string {
	return "k6 now uses " + authclient.SafeText(target.Name)
}

// SwitchRows are what k6 now uses.
func (a Accounts) SwitchRows(target configstore.Account, l Lookup) []Row {
	return []Row{
		{Label: "Stack", Value: authclient.SafeText(target.StackURL)},
		{Label: "Project", Value: l.ProjectText(target)},
		{Label: "Token", Value: authclient.SafeText(configstore.MaskToken(target.Token))},
		{Label: "Config file", Value: a.Paths.config()},
	}
}

// Op is what the reset screens remove.
type Op int

const (
	OpNone          Op = iota // back, change nothing
	OpSignOut                 // the login keys from k6's config; the account stays saved
	OpForget                  // one saved account (and k6's keys when k6 uses it)
	OpForgetAll               // first confirmation of forgetting everything
	OpForgetAllSure           // second confirmation, naming the count and the files
)

// ResetIntro and ForgetIntro open the reset and forget screens.
const (
	ResetIntro  = "What should be removed? You confirm on the next screen; nothing is removed before then."
	ForgetIntro = "Which saved account should be forgotten? You confirm on the next screen."
)

// ResetChoices are the reset entries that apply, safest first, and Back.
func (a Accounts) ResetChoices() []Op {
	var ops []Op
	if _, ok := a.Active(); ok {
		ops = append(ops, OpSignOut)
	}
	if len(a.Overview.Accounts) > 0 {
		ops = append(ops, OpForget, OpForgetAll)
	}
	return append(ops, OpNone)
}

// ResetLabel names a reset entry and says what it removes.
func (a Accounts) ResetLabel(op Op) (name, about string) {
	acct, _ := a.Active()
	n := len(a.Overview.Accounts)
	switch op {
	case OpSignOut:
		about = "k6's config will lose its login keys; the account will stay saved, so you can switch back."
		if a.Unsaved() {
			about = "k6's config will lose its login keys; they will be saved as an account first."
		}
		return "Sign out of " + authclient.SafeText(acct.Name), about
	case OpForget:
		return "Forget one saved account…", "Pick it; its token will be deleted from the saved accounts."
	case OpForgetAll:
		return "Forget all " + Count(n, "saved account", "saved accounts"), "Will delete every saved account and sign k6 out."
	}
	return "Back", "Change nothing."
}

// Confirmation asks before a removal: a question in the future tense, the
// details of what goes where, and the label of "yes" (the default is no).
type Confirmation struct {
	Question string
	Details  []string
	Yes      string
}

// Confirm is the question before op; target is the account OpForget removes.
func (a Accounts) Confirm(op Op, target configstore.Account) Confirmation {
	cfg, accts := a.Paths.config(), a.Paths.accounts()
	n := len(a.Overview.Accounts)
	signsOut := !a.Overview.Snapshot.Credentials.Empty()
	var c Confirmation
	switch op {
	case OpSignOut:
		acct, _ := a.Active()
		name := authclient.SafeText(acct.Name)
		c.Question = "Sign k6 out of " + name + "?"
		c.Details = append(c.Details, "Will be removed from "+cfg+": "+LoginKeys+" under collectors.cloud. Other settings will stay.")
		if a.Unsaved() {
			c.Details = append(c.Details, name+" will be saved to "+accts+" first, so you can switch back to it.")
		} else {
			c.Details = append(c.Details, name+" will stay saved in "+accts+", so you can switch back to it.")
		}
		c.Yes = "Sign out"
	case OpForget:
		name := authclient.SafeText(target.Name)
		c.Question = "Forget " + name + "?"
		c.Details = append(c.Details, "Will be deleted from "+accts+": "+name+" ("+authclient.SafeText(target.StackURL)+", token "+authclient.SafeText(configstore.MaskToken(target.Token))+").")
		if target.Matches(a.Overview.Snapshot.Credentials) {
			c.Details = append(c.Details, "k6 uses it now, so "+LoginKeys+" will be removed from "+cfg+" too: k6 will be signed out.")
		} else {
			c.Details = append(c.Details, cfg+" will not be changed.")
		}
		c.Yes = "Forget " + name
	case OpForgetAll:
		c.Question = "Forget all " + Count(n, "saved account", "saved accounts") + "?"
		c.Details = append(c.Details, "Every saved account will be deleted from "+accts+".")
		if signsOut {
			c.Details = append(c.Details, "The login keys will be removed from "+cfg+": k6 will be signed out. Other settings will stay.")
		}
		if a.KnownUnsaved() {
			c.Details = append(c.Details, "The login only k6's config holds is not saved, and will be removed too.")
		}
		c.Yes = "Continue"
	case OpForgetAllSure:
		c.Question = "Really forget all " + Count(n, "account", "accounts") + "? This cannot be undone."
		c.Details = append(c.Details, accts+": "+Count(n, "account", "accounts")+" will be deleted.")
		if signsOut {
			c.Details = append(c.Details, cfg+": the login keys will be removed.")
		}
		c.Yes = fmt.Sprintf("Forget all %d", n)
	}
	return c
}

// Then is what follows a confirmed op: OpForgetAll asks once more.
func (op Op) Then() Op {
	if op == OpForgetAll {
		return OpForgetAllSure
	}
	return OpNone
}

// Outcome is what a removal did, as the session reported it.
type Outcome struct {
	Op        Op // OpSignOut, OpForget or OpForgetAll
	Account   configstore.Account
	WasActive bool // OpForget: k6 used it and is now signed out
	Removed   int  // OpForgetAll
	SignedOut bool // OpForgetAll: k6's config held a login
}

// Done says, in the past tense, what was removed: the headline and what follows.
func (o Outcome) Done() (headline string, more []string) {
	name := authclient.SafeText(o.Account.Name)
	switch o.Op {
	case OpSignOut:
		return "Signed k6 out of " + name + ".", []string{name + " is still saved: switch back to it from the home screen."}
	case OpForget:
		if o.WasActive {
			more = append(more, "k6 was using it, so k6 was signed out too.")
		}
		return "Forgot " + name + ".", more
	case OpForgetAll:
		if o.SignedOut {
			more = append(more, "k6 was signed out too.")
		}
		return "Forgot " + Count(o.Removed, "saved account", "saved accounts") + ".", more
	}
	return "", nil
}

// OfferSwitch reports whether to offer a switch after the outcome: the account
// k6 used was forgotten and others are saved (after is the reading since).
func (o Outcome) OfferSwitch(after Accounts) bool {
	return o.Op == OpForget && o.WasActive && len(after.Overview.Accounts) > 0
}

// OfferSwitchLabel is the offer.
const OfferSwitchLabel = "Switch to another account now"

// Overrides are the warnings about environment variables that make k6 ignore
// k6's config, one a line.
func Overrides(ovs []configstore.Override) []string {
	out := make([]string, 0, len(ovs))
	for _, o := range ovs {
		s := fmt.Sprintf("%s is set (%s): %s.", o.Var, authclient.SafeText(o.Value), o.Effect())
		if o.Key != "hostv6" {
			s += " Unset it to use this login."
		}
		out = append(out, s)
	}
	return out
}

// OverridesBeside is Overrides for a screen that also shows EndpointNote(ep):
// a K6_CLOUD_HOST_V6 that the note already names is not warned about twice.
func OverridesBeside(ovs []configstore.Override, ep authclient.Endpoint) []string {
	if EndpointNote(ep) == "" || ep.BaseURLSource != authclient.SourceEnvHostV6 {
		return Overrides(ovs)
	}
	kept := make([]configstore.Override, 0, len(ovs))
	for _, o := range ovs {
		if o.Key != "hostv6" {
			kept = append(kept, o)
		}
	}
	return Overrides(kept)
}

// OverrideNames lists the variables that override k6's config, for home's
// one line; review says whether home offers Review, where they are explained.
func OverrideNames(ovs []configstore.Override, review bool) string {
	if len(ovs) == 0 {
		return ""
	}
	names := make([]string, len(ovs))
	for i, o := range ovs {
		names[i] = o.Var
	}
	what := "is set and overrides"
	if len(names) > 1 {
		what = "are set and override"
	}
	s := strings.Join(names, ", ") + " " + what + " k6's config for k6"
	if review {
		return s + " (see Review)."
	}
	return s + "."
}
