package tui

import (
	"errors"
	"fmt"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// The accessible home: the Bubble Tea home, review, switch and reset screens
// as a numbered menu and plain questions. Every write follows an explicit
// answer, every default answer writes nothing, and a.result is always the
// last change made, as Model.Result is.

// loadOverview reads both files. On the first reading it reports whether the
// menu applies: false when k6's config cannot be read (the wizard's welcome
// says why) or when neither file holds a login. Later readings keep the last
// good overview when k6's config cannot be read, and say so on the menu.
func (a *accessible) loadOverview(first bool) bool {
	ov, err := a.deps.Accounts.Overview()
	if err != nil && !configstore.IsAccountsError(err) {
		if first {
			return false
		}
		a.ovErr = err
		return true
	}
	a.ovErr = err
	if err != nil {
		// The saved accounts cannot be read: show what k6 uses, without
		// telling whether it is saved.
		ov.Accounts, ov.Active, ov.Unsaved = nil, -1, loginInConfig(ov.Snapshot.Credentials)
	}
	a.ov = ov
	return !first || err != nil || ov.Snapshot.Credentials.Token != "" || len(ov.Accounts) > 0
}

// activeUnsaved reports whether k6 uses a login that no saved account has.
func (a *accessible) activeUnsaved() bool {
	return a.ov.Active < 0 && a.ov.Unsaved != nil
}

// knownUnsaved is activeUnsaved when it can be told (the accounts file was read).
func (a *accessible) knownUnsaved() bool {
	return a.activeUnsaved() && a.ovErr == nil
}

func (a *accessible) accountsPath() string {
	if a.deps.AccountsPath != "" {
		return a.deps.AccountsPath
	}
	return "the saved-accounts file"
}

// numbers says which numbers answer a question with n choices.
func numbers(n int) string {
	switch n {
	case 1:
		return "1"
	case 2:
		return "1 or 2"
	case 3:
		return "1, 2 or 3"
	}
	return fmt.Sprintf("1 to %d", n)
}

// confirm asks a yes/no question whose default, an empty answer, is no.
func (a *accessible) confirm(question string) (bool, error) {
	for {
		ans, err := a.ask(question + " [y/N]:")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(ans) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
		a.say("Please answer y for yes or n for no; an empty answer is no.")
	}
}

// menuLabel is how the menu reads out an entry.
func menuLabel(h homeItem) string {
	switch h {
	case homeReview:
		return "Review: the token, project, config file and environment"
	case homeSwitch:
		return "Switch account: make k6 use another saved account"
	case homeAdd:
		return "Add an account: log in with another token"
	case homeValidate:
		return "Validate again: check that the token still works"
	case homeReset:
		return "Reset or sign out: sign k6 out, or forget saved accounts"
	}
	return "Quit"
}

// menuItems are the entries that apply, as on the Bubble Tea home screen.
func (a *accessible) menuItems() []homeItem {
	_, active := activeIn(a.ov)
	switch {
	case active:
		return []homeItem{homeReview, homeSwitch, homeAdd, homeValidate, homeReset, homeQuit}
	case len(a.ov.Accounts) > 0:
		return []homeItem{homeSwitch, homeAdd, homeReset, homeQuit}
	default:
		return []homeItem{homeAdd, homeQuit}
	}
}

func (a *accessible) menu() (Result, error) {
	a.inMenu = true
	a.say("k6login: the Grafana Cloud k6 login k6 uses, and your saved accounts.")
	a.say("k6's config: %s. Saved accounts: %s.", a.deps.Store.Path(), a.accountsPath())
	a.say("Nothing is written until you confirm. Press Ctrl+C at any question to leave.")
	for {
		a.say("")
		a.describeHome()
		items := a.menuItems()
		for i, it := range items {
			a.say("  %d. %s", i+1, menuLabel(it))
		}
		k, err := a.choose("What next? Choose "+numbers(len(items)), len(items), len(items))
		if err != nil {
			return a.result, err
		}
		a.say("")
		switch items[k-1] {
		case homeReview:
			err = a.reviewAccount()
		case homeSwitch:
			err = a.switchAccount()
		case homeAdd:
			err = a.addAccount()
		case homeValidate:
			err = a.validateActive()
		case homeReset:
			err = a.reset()
		case homeQuit:
			return a.result, nil
		}
		if err != nil {
			return a.result, err
		}
		a.loadOverview(false)
	}
}

// describeHome says in a sentence or two what k6 uses, then the warnings.
func (a *accessible) describeHome() {
	n := len(a.ov.Accounts)
	saved := fmt.Sprintf("%d %s saved", n, plural(n, "account is", "accounts are"))
	if n == 0 {
		saved = "No account is saved"
	}
	if acct, ok := activeIn(a.ov); ok {
		a.say("k6 uses %s: stack %s, project %s, token %s.", acct.Name, acct.StackURL, a.projectText(acct), configstore.MaskToken(acct.Token))
		switch {
		case a.knownUnsaved():
			a.say("It is not saved as an account: only k6's config holds it, and it is saved when you validate it or switch away. %s.", saved)
		case a.ovErr == nil:
			a.say("Last validated %s. %s.", agoAt(a.deps.now(), acct.LastValidated), saved)
		}
	} else {
		s := "k6 is signed out: its config holds no cloud login."
		switch {
		case n == 1:
			s += " 1 account is saved: switch to it, or add another."
		case n > 1:
			s += fmt.Sprintf(" %d accounts are saved: switch to one, or add another.", n)
		case a.ovErr == nil:
			s += " No account is saved: add one."
		}
		a.say("%s", s)
	}
	for _, o := range configstore.EnvOverrides(a.deps.getenv) {
		a.say("Warning: %s", strings.TrimPrefix(overrideWarning(o), "⚠ "))
	}
	if a.ovErr != nil {
		a.say("Warning: %s", sentence(a.ovErr.Error()))
	}
}

// projectText says which project k6 cloud runs go to.
func (a *accessible) projectText(acct configstore.Account) string {
	return describeProject(acct, a.nameID, a.name)
}

// lookUpProjectName fetches the name of the project k6 uses when no account
// knows it; a failure only leaves the name out.
func (a *accessible) lookUpProjectName(acct configstore.Account) {
	if acct.ProjectID == 0 || acct.ProjectName != "" || a.nameID == acct.ProjectID || a.deps.API == nil {
		return
	}
	a.say("Looking up the name of project %d…", acct.ProjectID)
	p, err := a.deps.API.Project(a.ctx, acct.Token, acct.StackID, acct.ProjectID)
	if err == nil && p.Name != "" {
		a.nameID, a.name = acct.ProjectID, p.Name
	}
}

func (a *accessible) fileTooOpen() bool { return configTooOpen(a.ov.Snapshot) }

// reviewAccount reads out everything the Bubble Tea review shows, and offers
// to make a config that others can read owner-only.
func (a *accessible) reviewAccount() error {
	acct, ok := activeIn(a.ov)
	if !ok {
		a.say("k6's config holds no cloud login. Switch to a saved account or add one.")
		return nil
	}
	a.lookUpProjectName(acct)
	if err := a.ctx.Err(); err != nil {
		return err
	}
	name := acct.Name
	if a.knownUnsaved() {
		name += " (not saved: only in k6's config)"
	}
	mode := savedTokenModeText(acct.TokenMode)
	snap := a.ov.Snapshot
	fileMode := "no file"
	if snap.Exists {
		fileMode = fmt.Sprintf("%04o", snap.Mode.Perm())
		if a.fileTooOpen() {
			fileMode += ", others can read it"
		}
	}
	validated := "not saved"
	if !a.activeUnsaved() {
		validated = agoAt(a.deps.now(), acct.LastValidated)
	}
	a.say("The login k6 uses:")
	a.say("  Account: %s", name)
	a.say("  Token: %s", configstore.MaskToken(acct.Token))
	a.say("  Token type: %s", mode)
	a.say("  Stack URL: %s", acct.StackURL)
	a.say("  Stack ID: %d", acct.StackID)
	a.say("  Project: %s", a.projectText(acct))
	a.say("  Default project: %d", acct.DefaultProjectID)
	a.say("  Config file: %s", a.deps.Store.Path())
	a.say("  File mode: %s", fileMode)
	a.say("  Last validated: %s", validated)
	if ovs := configstore.EnvOverrides(a.deps.getenv); len(ovs) > 0 {
		a.say("Warning: environment variables override this for k6:")
		for _, o := range ovs {
			a.say("  %s=%s: %s.", o.Var, o.Value, o.Effect())
		}
	}
	if a.ovErr != nil {
		a.say("Warning: %s", sentence(a.ovErr.Error()))
	}
	if !a.fileTooOpen() {
		return nil
	}
	a.say("Warning: the file holds a token and other users can read it.")
	yes, err := a.confirm("Make it owner-only (0600)?")
	if err != nil || !yes {
		if err == nil {
			a.say("The file mode was not changed.")
		}
		return err
	}
	old, err := a.deps.Store.FixMode()
	if err != nil {
		a.say("The file mode could not be changed: %s", sentence(err.Error()))
		return nil
	}
	a.result = Result{Action: ActionFixMode, ModeFixedFrom: old}
	a.say("The file is now owner-only: 0600 (was %04o).", old.Perm())
	return nil
}

// validateActive checks the token k6 uses and records the time it passed.
func (a *accessible) validateActive() error {
	acct, ok := activeIn(a.ov)
	if !ok {
		a.say("k6's config holds no cloud login to validate.")
		return nil
	}
	for {
		a.say("Checking the token of %s against %s…", acct.Name, acct.StackURL)
		info, err := a.deps.API.Validate(a.ctx, acct.Token, acct.StackURL)
		if err == nil {
			acct.StackID, acct.DefaultProjectID = info.StackID, info.DefaultProjectID
			acct.LastValidated = a.deps.now()
			if a.name != "" && a.nameID == acct.ProjectID && acct.ProjectName == "" {
				acct.ProjectName = a.name
			}
			saved, err := a.deps.Accounts.Record(acct.Credentials(), acct.TokenMode, acct.ProjectName, acct.LastValidated)
			if err != nil {
				a.say("Warning: the token works, but the account could not be recorded: %s", sentence(err.Error()))
				return nil
			}
			a.result = Result{Action: ActionValidate, Account: saved.Name}
			a.say("The token works: checked just now and recorded as %s.", saved.Name)
			return nil
		}
		if cerr := a.ctx.Err(); cerr != nil {
			return cerr
		}
		a.sayFailure(err)
		if failureAction(err) == actionNewToken {
			a.say("k6 will be refused too. Add an account with a new token, or switch to another. Nothing was changed.")
			return nil
		}
		a.say("Nothing was changed.")
		a.say("  1. Try again")
		a.say("  2. Back to the menu")
		k, err := a.choose("Choose 1 or 2", 2, 2)
		if err != nil || k == 2 {
			return err
		}
	}
}

// addAccount runs the login flow from the stack question; an empty stack or
// token, or declining to save, comes back to the menu.
func (a *accessible) addAccount() error {
	a.stackURL, a.token, a.auth, a.mode, a.choice = "", "", authclient.AuthInfo{}, TokenModeUnset, projectChoice{}
	a.adding = true
	defer func() { a.adding = false }()
	a.say("Add an account: log in with another token. The login k6 uses now stays saved as an account, so you can switch back to it. Nothing is written until you confirm.")
	a.say("Credentials will be saved to: %s", a.deps.Store.Path())
	res, err := a.login()
	switch {
	case errors.Is(err, errBack):
		a.say("Nothing was written.")
		return nil
	case err != nil:
		return err
	case res.Saved:
		a.result = res
	}
	return nil
}

// entryLabel is how the switch and forget lists read out an account.
func entryLabel(e listEntry) string {
	tags := []string{authclient.StackSlug(e.acct.StackURL)}
	if e.acct.TokenMode != configstore.TokenModeUnknown {
		tags = append(tags, string(e.acct.TokenMode)+" token")
	}
	if e.unsaved {
		tags = append(tags, "not saved")
	}
	if e.active {
		tags = append(tags, "in use")
	}
	return e.acct.Name + " (" + strings.Join(tags, ", ") + ")"
}

// entries are the accounts to list; withUnsaved adds the login only k6's
// config holds (it can be switched back to, not forgotten).
func (a *accessible) entries(withUnsaved bool) []listEntry {
	var out []listEntry
	if withUnsaved && a.knownUnsaved() {
		out = append(out, listEntry{acct: *a.ov.Unsaved, unsaved: true, active: true})
	}
	for i, acct := range a.ov.Accounts {
		out = append(out, listEntry{acct: acct, active: i == a.ov.Active})
	}
	return out
}

// pickEntry reads out the accounts and a last "back" choice, the default; ok
// is false for "back".
func (a *accessible) pickEntry(list []listEntry) (e listEntry, ok bool, err error) {
	for i, e := range list {
		a.say("  %d. %s", i+1, entryLabel(e))
	}
	back := len(list) + 1
	a.say("  %d. Back", back)
	k, err := a.choose("Choose "+numbers(back), back, back)
	if err != nil || k == back {
		return listEntry{}, false, err
	}
	return list[k-1], true, nil
}

// switchAccount asks which saved account k6 should use, checks its token, and
// writes it to k6's config.
func (a *accessible) switchAccount() error {
	for {
		list := a.entries(true)
		others := 0
		for _, e := range list {
			if !e.active {
				others++
			}
		}
		if others == 0 {
			a.say("No other account is saved. Add one first.")
			return nil
		}
		a.say("Which account should k6 use? Its token is checked before anything is written.")
		e, ok, err := a.pickEntry(list)
		if err != nil || !ok {
			return err
		}
		if e.active {
			a.say("k6 already uses %s. Nothing was changed.", e.acct.Name)
			a.say("")
			continue
		}
		done, err := a.trySwitch(e.acct)
		if err != nil || done {
			return err
		}
		a.say("")
	}
}

// switch outcomes, for what is said after the write.
const (
	switchedChecked = iota
	switchedRefused
	switchedUnchecked
)

// trySwitch checks target's token and switches to it; done is false when the
// user went back to the list.
func (a *accessible) trySwitch(target configstore.Account) (done bool, err error) {
	a.say("Checking %s (%s) against %s…", target.Name, configstore.MaskToken(target.Token), target.StackURL)
	for {
		info, err := a.deps.API.Validate(a.ctx, target.Token, target.StackURL)
		if err == nil {
			target.StackID, target.DefaultProjectID = info.StackID, info.DefaultProjectID
			target.LastValidated = a.deps.now()
			a.say("The token works.")
			return a.activate(target, switchedChecked)
		}
		if cerr := a.ctx.Err(); cerr != nil {
			return false, cerr
		}
		f := describeFailure(err)
		a.say("Error: %s: %s. %s", f.Title, target.Name, sentence(f.What))
		a.say("What to do: %s", f.Hint)
		if switchRefused(err) {
			a.say("k6 would be refused with this token. Nothing was changed.")
			yes, err := a.confirm("Switch anyway?")
			if err != nil || !yes {
				return false, err
			}
			return a.activate(target, switchedRefused)
		}
		a.say("Nothing was changed.")
		a.say("  1. Try again")
		a.say("  2. Switch anyway, without the check")
		a.say("  3. Back")
		k, err := a.choose("Choose 1, 2 or 3", 3, 3)
		switch {
		case err != nil:
			return false, err
		case k == 2:
			return a.activate(target, switchedUnchecked)
		case k == 3:
			return false, nil
		}
		a.say("Checking %s again…", target.Name)
	}
}

// activate writes target to k6's config, keeping what k6 used as an account.
func (a *accessible) activate(target configstore.Account, how int) (bool, error) {
	for {
		res, err := a.deps.Accounts.Activate(target)
		// Activate fails after writing k6's config when only the accounts
		// file could not be updated: k6 uses the account then, which counts.
		written := err == nil
		if err != nil {
			ov, _ := a.deps.Accounts.Overview()
			written = target.Matches(ov.Snapshot.Credentials)
		}
		if !written {
			a.say("Could not switch to %s: %s", target.Name, sentence(err.Error()))
			again, err := a.confirm("Try again?")
			if err != nil || !again {
				return false, err
			}
			continue
		}
		a.result = Result{Saved: true, Credentials: target.Credentials(), SaveResult: res,
			TokenMode: fromConfigMode(target.TokenMode), Action: ActionSwitch, Account: target.Name}
		a.say("k6 now uses %s.", target.Name)
		switch how {
		case switchedRefused:
			a.say("Warning: switched anyway: Grafana Cloud refused its token, so k6's cloud commands will fail with it.")
		case switchedUnchecked:
			a.say("Warning: switched without a check: its token could not be checked.")
		}
		if err != nil {
			a.say("Warning: k6 uses it, but the saved account could not be updated: %s", sentence(err.Error()))
		}
		a.say("  Stack: %s", target.StackURL)
		a.say("  Project: %s", a.projectText(target))
		a.say("  Token: %s", configstore.MaskToken(target.Token))
		a.say("  Config file: %s", a.deps.Store.Path())
		for _, o := range configstore.EnvOverrides(a.deps.getenv) {
			a.say("Warning: %s", strings.TrimPrefix(overrideWarning(o), "⚠ "))
		}
		a.say("The account k6 used before stays saved. Other settings in k6's config are kept.")
		return true, nil
	}
}

// loginKeys are what signing out removes from k6's config.
const loginKeys = "token, stackID, stackURL, defaultProjectID and projectID"

// resetChoices are the reset entries that apply, as on the Bubble Tea reset
// screen, with "back" last; it is the default.
func (a *accessible) resetChoices() []resetOp {
	var ops []resetOp
	if _, ok := activeIn(a.ov); ok {
		ops = append(ops, opSignOut)
	}
	if len(a.ov.Accounts) > 0 {
		ops = append(ops, opForget, opForgetAll)
	}
	return append(ops, opNone)
}

func (a *accessible) resetLabel(op resetOp) string {
	acct, _ := activeIn(a.ov)
	n := len(a.ov.Accounts)
	switch op {
	case opSignOut:
		if a.activeUnsaved() {
			return "Sign out of " + acct.Name + ": k6's config loses its login keys; they are saved as an account first."
		}
		return "Sign out of " + acct.Name + ": k6's config loses its login keys; the account stays saved, so you can switch back."
	case opForget:
		return "Forget one saved account: pick it; its token is deleted from the saved accounts."
	case opForgetAll:
		return fmt.Sprintf("Forget all %d saved %s: deletes every saved account and signs k6 out.", n, plural(n, "account", "accounts"))
	}
	return "Back: change nothing."
}

// reset signs out or forgets accounts, each after a question answered y.
func (a *accessible) reset() error {
	for {
		ops := a.resetChoices()
		a.say("What should be removed? You are asked to confirm before anything is removed.")
		for i, op := range ops {
			a.say("  %d. %s", i+1, a.resetLabel(op))
		}
		k, err := a.choose("Choose "+numbers(len(ops)), len(ops), len(ops))
		if err != nil {
			return err
		}
		var done bool
		switch ops[k-1] {
		case opNone:
			return nil
		case opSignOut:
			done, err = a.signOut()
		case opForget:
			done, err = a.forgetOne()
		case opForgetAll:
			done, err = a.forgetAll()
		}
		if err != nil || done {
			return err
		}
		a.say("")
	}
}

func (a *accessible) signOut() (bool, error) {
	acct, _ := activeIn(a.ov)
	cfg := a.deps.Store.Path()
	a.say("Removed from %s: %s under collectors.cloud. Other settings stay.", cfg, loginKeys)
	if a.activeUnsaved() {
		a.say("%s is saved to %s first, so you can switch back to it.", acct.Name, a.accountsPath())
	} else {
		a.say("%s stays saved in %s, so you can switch back to it.", acct.Name, a.accountsPath())
	}
	yes, err := a.confirm("Sign k6 out of " + acct.Name + "?")
	if err != nil || !yes {
		if err == nil {
			a.say("Nothing was changed.")
		}
		return false, err
	}
	out, signedOut, err := a.deps.Accounts.SignOut()
	switch {
	case err != nil:
		a.say("Could not sign out: %s", sentence(err.Error()))
		return false, nil
	case !signedOut:
		a.say("k6's config holds no login any more; nothing was changed.")
		return true, nil
	}
	a.result = Result{Action: ActionSignOut, Account: out.Name}
	a.say("k6 is signed out of %s. It stays saved: switch back to it from the menu.", out.Name)
	return true, nil
}

func (a *accessible) forgetOne() (bool, error) {
	for {
		a.say("Which saved account should be forgotten? You are asked to confirm next.")
		e, ok, err := a.pickEntry(a.entries(false))
		if err != nil || !ok {
			return false, err
		}
		target := e.acct
		cfg := a.deps.Store.Path()
		a.say("Deleted from %s: %s (%s, token %s).", a.accountsPath(), target.Name, target.StackURL, configstore.MaskToken(target.Token))
		if target.Matches(a.ov.Snapshot.Credentials) {
			a.say("k6 uses it now, so %s are removed from %s too: k6 will be signed out.", loginKeys, cfg)
		} else {
			a.say("%s is not changed.", cfg)
		}
		yes, err := a.confirm("Forget " + target.Name + "?")
		if err != nil {
			return false, err
		}
		if !yes {
			a.say("Nothing was changed.")
			a.say("")
			continue
		}
		removed, wasActive, err := a.deps.Accounts.Forget(target.Name)
		if err != nil {
			a.say("Could not forget %s: %s", target.Name, sentence(err.Error()))
			a.loadOverview(false)
			a.say("")
			continue
		}
		a.result = Result{Action: ActionForget, Account: removed.Name, SignedOut: wasActive}
		a.say("Forgot %s.", removed.Name)
		if !wasActive {
			return true, nil
		}
		a.say("k6 was using it and is now signed out.")
		a.loadOverview(false)
		if len(a.ov.Accounts) == 0 {
			return true, nil
		}
		now, err := a.confirm("Switch to another account now?")
		if err != nil || !now {
			return true, err
		}
		a.say("")
		return true, a.switchAccount()
	}
}

func (a *accessible) forgetAll() (bool, error) {
	n := len(a.ov.Accounts)
	accounts := plural(n, "account", "accounts")
	cfg, accts := a.deps.Store.Path(), a.accountsPath()
	signsOut := !a.ov.Snapshot.Credentials.Empty()
	a.say("Every saved account is deleted from %s.", accts)
	if signsOut {
		a.say("The login keys are removed from %s: k6 will be signed out. Other settings stay.", cfg)
	}
	if a.knownUnsaved() {
		a.say("The login only k6's config holds is not saved, and is removed too.")
	}
	yes, err := a.confirm(fmt.Sprintf("Forget all %d saved %s?", n, accounts))
	if err != nil || !yes {
		if err == nil {
			a.say("Nothing was changed.")
		}
		return false, err
	}
	a.say("This cannot be undone:")
	a.say("  %s: %d %s deleted.", accts, n, accounts)
	if signsOut {
		a.say("  %s: the login keys removed.", cfg)
	} else {
		a.say("  %s: not changed; it holds no login.", cfg)
	}
	yes, err = a.confirm(fmt.Sprintf("Really forget all %d %s?", n, accounts))
	if err != nil || !yes {
		if err == nil {
			a.say("Nothing was changed.")
		}
		return false, err
	}
	removed, signedOut, err := a.deps.Accounts.ForgetAll()
	if err != nil {
		a.say("Could not forget the accounts: %s", sentence(err.Error()))
		a.loadOverview(false)
		return false, nil
	}
	a.result = Result{Action: ActionForgetAll, Removed: removed, SignedOut: signedOut}
	a.say("Forgot %d saved %s.", removed, plural(removed, "account", "accounts"))
	if signedOut {
		a.say("k6 is signed out.")
	}
	return true, nil
}
