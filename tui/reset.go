package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
)

const (
	stepReset      step = "reset"       // sign out, forget one, forget all
	stepForgetPick step = "forget-pick" // which account to forget
	stepConfirm    step = "confirm"     // what will be removed; nothing happens without Enter on "yes"
	stepResetDone  step = "reset-done"  // what was removed, and where to go next
)

const resetTitle = "Reset / sign out"

// resetScreen offers what can be removed, safest first.
type resetScreen struct{}

func (resetScreen) title() string                           { return resetTitle }
func (resetScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyReset(msg) }
func (resetScreen) view(m *Model) string                    { return m.resetView() }
func (resetScreen) help(m *Model) stepKeys                  { return m.keys.menu(m.keys.BackHome) }

// forgetPickScreen picks the saved account to forget.
type forgetPickScreen struct{}

func (forgetPickScreen) title() string                           { return resetTitle }
func (forgetPickScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyForgetPick(msg) }
func (forgetPickScreen) view(m *Model) string                    { return m.forgetPickView() }
func (forgetPickScreen) help(m *Model) stepKeys {
	return m.keys.list(&m.acc.list.pickList, m.keys.Back)
}

// confirmScreen names exactly what will be removed, the cursor on "cancel".
type confirmScreen struct{}

func (confirmScreen) title() string                           { return resetTitle }
func (confirmScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyConfirm(msg) }
func (confirmScreen) view(m *Model) string                    { return m.confirmView() }

func (confirmScreen) help(m *Model) stepKeys {
	if m.acc.busy {
		return only(m.keys.Quit)
	}
	return m.keys.menu(m.keys.Back)
}

// resetDoneScreen says what was removed and where to go next.
type resetDoneScreen struct{}

func (resetDoneScreen) title() string                           { return resetTitle }
func (resetDoneScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyResetDone(msg) }
func (resetDoneScreen) view(m *Model) string                    { return m.resetDoneView() }

func (resetDoneScreen) help(m *Model) stepKeys {
	if m.offerSwitch() {
		return m.keys.menu(m.keys.BackHome)
	}
	return only(m.keys.ToHome, m.keys.QuitLetter)
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

// resetChoices are the reset menu's entries that apply, safest first: signing
// out keeps every account, so it is where the cursor starts.
func (m *Model) resetChoices() []resetOp {
	var ops []resetOp
	if _, ok := m.active(); ok {
		ops = append(ops, opSignOut)
	}
	if len(m.acc.ov.Accounts) > 0 {
		ops = append(ops, opForget, opForgetAll)
	}
	return append(ops, opNone)
}

func (m *Model) resetLabel(op resetOp) (name, about string) {
	a, _ := m.active()
	n := len(m.acc.ov.Accounts)
	switch op {
	case opSignOut:
		about = "k6's config loses its login keys; the account stays saved, so you can switch back."
		if m.activeUnsaved() {
			about = "k6's config loses its login keys; they are saved as an account first."
		}
		return "Sign out of " + a.Name, about
	case opForget:
		return "Forget one saved account…", "Pick it; its token is deleted from the saved accounts."
	case opForgetAll:
		return fmt.Sprintf("Forget all %d saved %s", n, plural(n, "account", "accounts")), "Deletes every saved account and signs k6 out."
	}
	return "Back", "Change nothing."
}

func (m *Model) goReset() tea.Cmd {
	m.stopAccountRequests()
	m.acc.resetCursor, m.acc.opErr = 0, nil
	m.setStep(stepReset)
	return nil
}

func (m *Model) keyReset(msg tea.KeyMsg) tea.Cmd {
	ops := m.resetChoices()
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.resetCursor = max(0, m.acc.resetCursor-1)
	case key.Matches(msg, k.Down):
		m.acc.resetCursor = min(len(ops)-1, m.acc.resetCursor+1)
	case key.Matches(msg, k.Choose):
		switch op := ops[m.acc.resetCursor]; op {
		case opNone:
			return m.goHome()
		case opForget:
			m.buildAccountList(false)
			m.setStep(stepForgetPick)
		default:
			m.confirm(op)
		}
	case key.Matches(msg, k.Back):
		return m.goHome()
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) keyForgetPick(msg tea.KeyMsg) tea.Cmd {
	cmd, chosen, back := m.listKey(msg)
	switch {
	case back:
		m.setStep(stepReset)
		return nil
	case chosen:
		e, _ := m.acc.list.selected()
		m.acc.target = e.acct
		m.confirm(opForget)
	}
	return cmd
}

// confirm asks before op; the cursor starts on "cancel".
func (m *Model) confirm(op resetOp) {
	m.acc.op, m.acc.confirmCursor, m.acc.opErr = op, 0, nil
	m.help.ShowAll = false
	m.setStep(stepConfirm)
}

func (m *Model) keyConfirm(msg tea.KeyMsg) tea.Cmd {
	if m.acc.busy {
		return nil
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.confirmCursor = 0
	case key.Matches(msg, k.Down):
		m.acc.confirmCursor = 1
	case key.Matches(msg, k.Confirm):
		if m.acc.confirmCursor == 0 {
			return m.cancelConfirm()
		}
		if m.acc.op == opForgetAll {
			m.confirm(opForgetAllSure)
			return nil
		}
		m.acc.opErr = nil
		return resetCmd(m.deps.Accounts, m.acc.op, m.acc.target.Name, m.writeSeq())
	case key.Matches(msg, k.Back):
		return m.cancelConfirm()
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) cancelConfirm() tea.Cmd {
	if m.acc.op == opForget {
		m.setStep(stepForgetPick)
		return nil
	}
	m.acc.opErr = nil
	m.setStep(stepReset)
	return nil
}

func (m *Model) onReset(msg resetMsg) tea.Cmd {
	quit := m.doneWriting()
	_ = m.onOverview(msg.ov)
	if msg.err != nil {
		m.acc.opErr = msg.err
	} else {
		m.acc.done, m.acc.doneCursor = msg, 0
		switch msg.op {
		case opSignOut:
			m.result = Result{Action: ActionSignOut, Account: msg.account.Name}
		case opForget:
			m.result = Result{Action: ActionForget, Account: msg.account.Name, SignedOut: msg.wasActive}
		case opForgetAll:
			m.result = Result{Action: ActionForgetAll, Removed: msg.removed, SignedOut: msg.signedOut}
		}
		m.setStep(stepResetDone)
	}
	if quit {
		return tea.Quit
	}
	return nil
}

// offerSwitch: the account k6 used was forgotten and others are saved.
func (m *Model) offerSwitch() bool {
	d := m.acc.done
	return d.op == opForget && d.wasActive && len(m.acc.ov.Accounts) > 0
}

func (m *Model) keyResetDone(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case m.offerSwitch() && key.Matches(msg, k.Up):
		m.acc.doneCursor = 0
	case m.offerSwitch() && key.Matches(msg, k.Down):
		m.acc.doneCursor = 1
	case key.Matches(msg, k.Choose):
		if m.offerSwitch() && m.acc.doneCursor == 0 {
			return m.goSwitch()
		}
		return m.goHome()
	case key.Matches(msg, k.Back):
		return m.goHome()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) accountsPath() string {
	if m.deps.AccountsPath != "" {
		return m.deps.AccountsPath
	}
	return "the saved-accounts file"
}

func (m *Model) resetView() string {
	ops := m.resetChoices()
	items := make([][2]string, len(ops))
	for i, op := range ops {
		name, about := m.resetLabel(op)
		items[i] = [2]string{name, about}
	}
	parts := []string{m.para("What should be removed? You confirm on the next screen; nothing is removed before."), m.choiceLines(m.acc.resetCursor, items...)}
	return strings.Join(parts, "\n\n")
}

func (m *Model) forgetPickView() string {
	parts := []string{m.para("Which saved account should be forgotten? You confirm on the next screen.")}
	used := strings.Count(parts[0], "\n") + 10
	if m.opts.Demo {
		used++
	}
	parts = append(parts, m.listView(m.listRows(used)))
	return strings.Join(parts, "\n\n")
}

// confirmText says exactly what the operation removes, and the yes label.
func (m *Model) confirmText() (question string, details []string, yes string) {
	cfg, accts := m.deps.Store.Path(), m.accountsPath()
	const keys = "token, stackID, stackURL, defaultProjectID and projectID"
	n := len(m.acc.ov.Accounts)
	switch m.acc.op {
	case opSignOut:
		a, _ := m.active()
		question = "Sign k6 out of " + a.Name + "?"
		details = append(details, "Removed from "+cfg+": "+keys+" under collectors.cloud. Other settings stay.")
		if m.activeUnsaved() {
			details = append(details, a.Name+" is saved to "+accts+" first, so you can switch back to it.")
		} else {
			details = append(details, a.Name+" stays saved in "+accts+", so you can switch back to it.")
		}
		yes = "Sign out"
	case opForget:
		a := m.acc.target
		question = "Forget " + a.Name + "?"
		details = append(details, "Deleted from "+accts+": "+a.Name+" ("+a.StackURL+", token "+configstore.MaskToken(a.Token)+").")
		if a.Matches(m.acc.ov.Snapshot.Credentials) {
			details = append(details, "k6 uses it now, so "+keys+" are removed from "+cfg+" too: k6 will be signed out.")
		} else {
			details = append(details, cfg+" is not changed.")
		}
		yes = "Forget " + a.Name
	case opForgetAll:
		question = fmt.Sprintf("Forget all %d saved %s?", n, plural(n, "account", "accounts"))
		details = append(details, "Every saved account is deleted from "+accts+".")
		if !m.acc.ov.Snapshot.Credentials.Empty() {
			details = append(details, "The login keys are removed from "+cfg+": k6 will be signed out. Other settings stay.")
		}
		if m.activeUnsaved() {
			details = append(details, "The login only k6's config holds is not saved, and is removed too.")
		}
		yes = "Continue"
	case opForgetAllSure:
		question = fmt.Sprintf("Really forget all %d %s? This cannot be undone.", n, plural(n, "account", "accounts"))
		details = append(details, fmt.Sprintf("%s: %d %s deleted.", accts, n, plural(n, "account", "accounts")))
		if !m.acc.ov.Snapshot.Credentials.Empty() {
			details = append(details, cfg+": the login keys removed.")
		}
		yes = fmt.Sprintf("Forget all %d", n)
	}
	return question, details, yes
}

func (m *Model) confirmView() string {
	q, details, yes := m.confirmText()
	parts := []string{m.wrap(m.st.Value.Render(q))}
	lines := make([]string, len(details))
	for i, d := range details {
		lines[i] = m.para(d)
	}
	parts = append(parts, strings.Join(lines, "\n"))
	parts = append(parts, m.choiceLines(m.acc.confirmCursor, [2]string{"Cancel, change nothing", ""}, [2]string{yes, ""}))
	switch {
	case m.acc.busy:
		parts = append(parts, m.st.Text.Render("Removing…"))
	case m.acc.opErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ "+sentence(m.acc.opErr.Error()))))
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) resetDoneView() string {
	d := m.acc.done
	var parts []string
	switch d.op {
	case opSignOut:
		parts = append(parts, m.wrap(m.st.OK.Render("✓ k6 is signed out of "+d.account.Name+".")),
			m.para(d.account.Name+" stays saved: switch back to it from the home screen."))
	case opForget:
		parts = append(parts, m.wrap(m.st.OK.Render("✓ Forgot "+d.account.Name+".")))
		if d.wasActive {
			parts = append(parts, m.para("k6 was using it and is now signed out."))
		}
	case opForgetAll:
		s := fmt.Sprintf("✓ Forgot %d saved %s.", d.removed, plural(d.removed, "account", "accounts"))
		parts = append(parts, m.wrap(m.st.OK.Render(s)))
		if d.signedOut {
			parts = append(parts, m.para("k6 is signed out."))
		}
	}
	if m.offerSwitch() {
		parts = append(parts, m.choiceLines(m.acc.doneCursor, [2]string{"Switch to another account now", ""}, [2]string{"Back to home", ""}))
	}
	return strings.Join(parts, "\n\n")
}
