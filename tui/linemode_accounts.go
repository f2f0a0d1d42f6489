package tui

import (
	"errors"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// The home screen and what it leads to (review, keep, switch, reset) as a
// numbered menu and plain questions. Every write follows an explicit answer,
// every default answer writes nothing, and l.result is always the last change
// made, as Model.Result is.

// loadOverview reads both files. On the first reading it reports whether the
// menu applies: false when k6's config cannot be read (the wizard's welcome
// says why) or when neither file holds a login. Later readings keep the last
// good one when k6's config cannot be read, and say so on the menu.
func (l *lineMode) loadOverview(first bool) bool {
	ov, err := l.deps.Accounts.Overview()
	if flow.ConfigUnreadable(err) {
		if first {
			return false
		}
		l.acc.Err = err
		return true
	}
	l.acc = flow.NewAccounts(ov, err, flow.Paths{Config: l.deps.Store.Path(), Accounts: l.deps.AccountsPath})
	return !first || l.acc.HasLogin()
}

func (l *lineMode) accountsPath() string { return flow.AccountsFile(l.deps.AccountsPath) }

func (l *lineMode) menu() error {
	l.inMenu = true
	l.say("k6login: the Grafana Cloud k6 login k6 uses, and your saved accounts.")
	l.say("k6's config: %s. Saved accounts: %s.", l.configPath(), l.accountsPath())
	l.sayContext()
	l.say("Nothing is written until you confirm. Press Ctrl+C at any question to leave.")
	for {
		l.say("")
		l.describeHome()
		items := l.acc.HomeItems()
		labels := make([]string, len(items))
		for i, it := range items {
			name, about := it.Label()
			labels[i] = name
			if about != "" {
				labels[i] += ": " + about
			}
		}
		for i, s := range labels {
			l.say("  %d. %s", i+1, s)
		}
		k, err := l.choose("What next? Choose "+numbers(len(items)), len(items), len(items))
		if err != nil {
			return err
		}
		l.say("")
		switch items[k-1] {
		case flow.HomeReview:
			err = l.reviewAccount()
		case flow.HomeKeep:
			l.keep()
		case flow.HomeSwitch:
			err = l.switchAccount()
		case flow.HomeAdd:
			err = l.addAccount()
		case flow.HomeValidate:
			err = l.validateActive()
		case flow.HomeReset:
			err = l.reset()
		case flow.HomeCheckAll:
			err = l.checkAll()
		case flow.HomeQuit:
			return nil
		}
		if err != nil {
			return err
		}
		l.loadOverview(false)
	}
}

// describeHome says in a sentence or two what k6 uses, then the warnings.
func (l *lineMode) describeHome() {
	n := len(l.acc.Overview.Accounts)
	saved := "No account is saved"
	if n > 0 {
		saved = flow.Count(n, "account is", "accounts are") + " saved"
	}
	if acct, ok := l.acc.Active(); ok {
		rows := l.acc.HomeRows(l.lookup, l.deps.now())
		l.say("k6 uses %s: stack %s, project %s, token %s.", authclient.SafeText(acct.Name), rows[0].Value, rows[1].Value, rows[2].Value)
		switch {
		case l.acc.KnownUnsaved():
			l.say("%s %s.", flow.UnsavedNote, saved)
		case l.acc.Err == nil:
			l.say("Last validated %s. %s.", rows[3].Value, saved)
		}
	} else {
		l.say("%s", l.acc.SignedOut())
	}
	l.warn(l.overrides()...)
	if l.acc.Err != nil {
		l.warn(flow.ErrText(l.acc.Err))
	}
}

// lookUpProjectName fetches the name of the project k6 uses when no account
// knows it; a failure only leaves the name out.
func (l *lineMode) lookUpProjectName(acct configstore.Account) {
	if !l.lookup.NeedsLookup(acct) || l.deps.API == nil {
		return
	}
	l.say("Looking up the name of project %d…", acct.ProjectID)
	p, err := l.deps.API.Project(l.ctx, acct.Token, acct.StackID, acct.ProjectID)
	l.lookup = flow.Lookup{ID: acct.ProjectID}
	if err == nil {
		l.lookup.Name = p.Name
	}
}

// reviewAccount reads out everything the review screen shows, and offers to
// make a config that others can read owner-only.
func (l *lineMode) reviewAccount() error {
	acct, ok := l.acc.Active()
	if !ok {
		l.say("k6's config holds no cloud login. Switch to a saved account or add one.")
		return nil
	}
	l.lookUpProjectName(acct)
	if err := l.interrupted(); err != nil {
		return err
	}
	l.say("The login k6 uses:")
	l.sayRows(l.acc.ReviewRows(l.lookup, l.deps.now()))
	if ovs := configstore.EnvOverrides(l.deps.getenv); len(ovs) > 0 {
		l.warn("environment variables override this for k6:")
		for _, o := range ovs {
			l.say("  %s=%s: %s.", o.Var, authclient.SafeText(o.Value), o.Effect())
		}
	}
	if l.acc.Err != nil {
		l.warn(flow.ErrText(l.acc.Err))
	}
	if !l.acc.TooOpen() {
		return nil
	}
	l.warn(flow.TooOpenWarning)
	yes, err := l.confirm("Make it owner-only (0600)?")
	if err != nil || !yes {
		if err == nil {
			l.say("The file mode was not changed.")
		}
		return err
	}
	old, err := l.deps.Store.FixMode()
	if err != nil {
		l.say("%s", flow.ModeNotFixed(err))
		return nil
	}
	l.result = Result{Action: ActionFixMode, ModeFixedFrom: old}
	l.say("%s", flow.ModeFixed(old))
	return nil
}

// keep saves the login only k6's config holds as an account.
func (l *lineMode) keep() {
	acct, _, err := l.deps.Accounts.KeepCurrent()
	if err != nil {
		l.say("%s", flow.NotKept(err))
		return
	}
	l.result = Result{Action: ActionKeep, Account: acct.Name}
	l.say("%s", flow.Kept(acct))
}

// validateActive checks the token k6 uses and records the time it passed.
func (l *lineMode) validateActive() error {
	acct, ok := l.acc.Active()
	if !ok {
		l.say("k6's config holds no cloud login to validate.")
		return nil
	}
	for {
		l.say("Checking the token of %s against %s…", authclient.SafeText(acct.Name), authclient.SafeText(acct.StackURL))
		info, err := l.deps.API.Validate(l.ctx, acct.Token, acct.StackURL)
		if ierr := l.interrupted(); ierr != nil {
			return ierr
		}
		if err == nil {
			checked := flow.Checked(acct, info, l.deps.now(), l.lookup)
			saved, err := l.deps.Accounts.Record(checked.Credentials(), checked.TokenMode, checked.ProjectName, checked.LastValidated)
			if err != nil {
				l.warn(flow.NotRecorded(err))
				return nil
			}
			l.result = Result{Action: ActionValidate, Account: saved.Name}
			l.say("%s", flow.Validated(saved))
			return nil
		}
		l.sayFailure(err, "")
		l.say("%s", flow.ValidateFailedNext(err))
		if flow.RemedyFor(err) == flow.RemedyNewToken {
			return nil
		}
		k, err := l.chooseFrom([]string{"Try again", "Back to the menu"}, 2)
		if err != nil || k == 1 {
			return err
		}
	}
}

// addAccount runs the wizard from the stack question; an empty stack or
// token, or declining to save, comes back to the menu.
func (l *lineMode) addAccount() error {
	l.login = flow.Login{}
	l.adding = true
	defer func() { l.adding = false }()
	l.say("Add an account: log in with another token. The login k6 uses now stays saved as an account, so you can switch back to it. Nothing is written until you confirm.")
	l.say("Credentials will be saved to: %s", l.configPath())
	err := l.wizard()
	if errors.Is(err, errBack) {
		l.say("Nothing was written.")
		return nil
	}
	return err
}

// entryLabel is how the switch and forget lists read out an account.
func entryLabel(e flow.Entry) string {
	return e.Name() + " (" + strings.Join(e.Tags(true), ", ") + ")"
}

// pickEntry reads out the accounts and a last "back" choice, the default; ok
// is false for "back".
func (l *lineMode) pickEntry(list []flow.Entry) (e flow.Entry, ok bool, err error) {
	labels := make([]string, len(list)+1)
	for i, e := range list {
		labels[i] = entryLabel(e)
	}
	labels[len(list)] = "Back"
	k, err := l.chooseFrom(labels, len(labels))
	if err != nil || k == len(list) {
		return flow.Entry{}, false, err
	}
	return list[k], true, nil
}

// switchAccount asks which saved account k6 should use, checks its token, and
// writes it to k6's config.
func (l *lineMode) switchAccount() error {
	for {
		if !l.acc.CanSwitch() {
			l.say("%s", flow.NothingToPick)
			return nil
		}
		l.say("%s", flow.SwitchIntro)
		e, ok, err := l.pickEntry(l.acc.Entries(true))
		if err != nil || !ok {
			return err
		}
		if e.Active {
			l.say("%s Nothing was changed.", flow.AlreadyUsed(e.Account))
			l.say("")
			continue
		}
		done, err := l.trySwitch(e.Account)
		if err != nil || done {
			return err
		}
		l.say("")
	}
}

// trySwitch checks target's token and switches to it; done is false when the
// user went back to the list.
func (l *lineMode) trySwitch(target configstore.Account) (done bool, err error) {
	l.say("%s", flow.SwitchChecking(target))
	for {
		info, err := l.deps.API.Validate(l.ctx, target.Token, target.StackURL)
		if ierr := l.interrupted(); ierr != nil {
			return false, ierr
		}
		if err == nil {
			l.say("The token works.")
			return l.activate(flow.Checked(target, info, l.deps.now(), flow.Lookup{}), flow.HowChecked)
		}
		l.sayFailure(err, authclient.SafeText(target.Name))
		next, how := flow.SwitchFailedNext(err)
		l.say("%s", next)
		if how == flow.HowRefused {
			yes, err := l.confirm("Switch anyway?")
			if err != nil || !yes {
				return false, err
			}
			return l.activate(target, how)
		}
		k, err := l.chooseFrom([]string{"Try again", "Switch anyway, without the check", "Back"}, 3)
		switch {
		case err != nil:
			return false, err
		case k == 1:
			return l.activate(target, how)
		case k == 2:
			return false, nil
		}
		l.say("Checking %s again…", authclient.SafeText(target.Name))
	}
}

// activate writes target to k6's config, keeping what k6 used as an account.
func (l *lineMode) activate(target configstore.Account, how flow.How) (bool, error) {
	for {
		res, err := l.deps.Accounts.Activate(target)
		var after configstore.Overview
		if err != nil {
			after, _ = l.deps.Accounts.Overview()
		}
		if !flow.Written(target, err, after) {
			l.say("Could not switch to %s: %s", authclient.SafeText(target.Name), flow.ErrText(err))
			again, err := l.confirm("Try again?")
			if err != nil || !again {
				return false, err
			}
			continue
		}
		l.result = switchResult(target, res, err, how == flow.HowChecked)
		l.say("%s.", flow.Switched(target))
		if w := how.Warning(); w != "" {
			l.warn(w)
		}
		if err != nil {
			l.warn(flow.NotUpdated(err))
		}
		l.sayRows(l.acc.SwitchRows(target, l.lookup))
		l.warn(l.overrides()...)
		l.say("%s", flow.SwitchKept)
		return true, nil
	}
}

// reset signs out or forgets accounts, each after a question answered y.
func (l *lineMode) reset() error {
	for {
		ops := l.acc.ResetChoices()
		l.say("What should be removed? You are asked to confirm before anything is removed.")
		labels := make([]string, len(ops))
		for i, op := range ops {
			name, about := l.acc.ResetLabel(op)
			// One sentence: "Back: change nothing."
			labels[i] = strings.TrimSuffix(name, "…") + ": " + strings.ToLower(about[:1]) + about[1:]
		}
		k, err := l.chooseFrom(labels, len(ops))
		if err != nil {
			return err
		}
		var done bool
		switch op := ops[k]; op {
		case flow.OpNone:
			return nil
		case flow.OpForget:
			done, err = l.forgetOne()
		default:
			done, err = l.remove(op, configstore.Account{})
		}
		if err != nil || done {
			return err
		}
		l.say("")
	}
}

// remove asks the flow's confirmations for op, then does it; done is false
// when the user said no or it failed.
func (l *lineMode) remove(op flow.Op, target configstore.Account) (done bool, err error) {
	for step := op; step != flow.OpNone; step = step.Then() {
		c := l.acc.Confirm(step, target)
		for _, d := range c.Details {
			l.say("%s", d)
		}
		yes, err := l.confirm(c.Question)
		if err != nil || !yes {
			if err == nil {
				l.say("Nothing was changed.")
			}
			return false, err
		}
	}
	out := flow.Outcome{Op: op}
	switch op {
	case flow.OpSignOut:
		var signedOut bool
		out.Account, signedOut, err = l.deps.Accounts.SignOut()
		if err == nil && !signedOut {
			l.say("k6's config holds no login any more; nothing was changed.")
			return true, nil
		}
	case flow.OpForget:
		out.Account, out.WasActive, err = l.deps.Accounts.Forget(target.Name)
	case flow.OpForgetAll:
		out.Removed, out.SignedOut, err = l.deps.Accounts.ForgetAll()
	}
	if err != nil {
		what := map[flow.Op]string{flow.OpSignOut: "sign out", flow.OpForget: "forget " + authclient.SafeText(target.Name), flow.OpForgetAll: "forget the accounts"}[op]
		l.say("Could not %s: %s", what, flow.ErrText(err))
		l.loadOverview(false)
		return false, nil
	}
	l.result = removalResult(out)
	head, more := out.Done()
	l.say("%s", head)
	for _, s := range more {
		l.say("%s", s)
	}
	l.loadOverview(false)
	if !out.OfferSwitch(l.acc) {
		return true, nil
	}
	now, err := l.confirm(flow.OfferSwitchLabel + "?")
	if err != nil || !now {
		return true, err
	}
	l.say("")
	return true, l.switchAccount()
}

func (l *lineMode) forgetOne() (bool, error) {
	for {
		l.say("Which saved account should be forgotten? You are asked to confirm next.")
		e, ok, err := l.pickEntry(l.acc.Entries(false))
		if err != nil || !ok {
			return false, err
		}
		done, err := l.remove(flow.OpForget, e.Account)
		if err != nil || done {
			return done, err
		}
		l.say("")
	}
}
