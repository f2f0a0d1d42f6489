package tui

import (
	"context"
	"io/fs"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// accountsState is what the home screen and the screens it leads to (review,
// switch, reset) keep. It is only used when New opened the home screen.
type accountsState struct {
	// home: New opened the home screen. Esc on the wizard's first step and
	// Enter on its last return there.
	home bool
	// switchOnly: NewSwitch opened the switch picker, which is then the whole
	// program: Esc or q on it quits, and a switch that is written ends it.
	switchOnly bool

	// accts is the last reading of both files, and what the flow derives from it.
	accts    flow.Accounts
	ovLoaded bool
	ovSeq    int // the overview awaited; older ones are dropped

	homeCursor int // the home menu's cursor
	// note is one line under the summary saying what was just done.
	note     string
	noteWarn bool
	// busy is true while a write to either file is under way: Ctrl+C waits
	// for it, so Result never lies about the files.
	busy bool

	accountReviewState
	switchState
	resetState
	ca checkAllState
}

// Messages of the account screens. Each write also reads both files again, so
// the screens never show what was there before the write.

type overviewMsg struct {
	seq int
	ov  configstore.Overview
	err error
}

type recordedMsg struct {
	account configstore.Account
	err     error
	ov      overviewMsg
}

type fixedModeMsg struct {
	old fs.FileMode
	err error
	ov  overviewMsg
}

type keptMsg struct {
	account configstore.Account
	err     error
	ov      overviewMsg
}

type activatedMsg struct {
	account configstore.Account
	res     configstore.SaveResult
	err     error
	ov      overviewMsg
}

type resetMsg struct {
	done flow.Outcome
	err  error
	ov   overviewMsg
}

func readOverview(sess AccountsSession, seq int) overviewMsg {
	ov, err := sess.Overview()
	return overviewMsg{seq: seq, ov: ov, err: err}
}

func overviewCmd(sess AccountsSession, seq int) tea.Cmd {
	return func() tea.Msg { return readOverview(sess, seq) }
}

func recordCmd(sess AccountsSession, a configstore.Account, seq int) tea.Cmd {
	return func() tea.Msg {
		saved, err := sess.Record(a.Credentials(), a.TokenMode, a.ProjectName, a.LastValidated)
		return recordedMsg{account: saved, err: err, ov: readOverview(sess, seq)}
	}
}

func fixModeCmd(store Store, sess AccountsSession, seq int) tea.Cmd {
	return func() tea.Msg {
		old, err := store.FixMode()
		return fixedModeMsg{old: old, err: err, ov: readOverview(sess, seq)}
	}
}

func keepCmd(sess AccountsSession, seq int) tea.Cmd {
	return func() tea.Msg {
		a, _, err := sess.KeepCurrent()
		return keptMsg{account: a, err: err, ov: readOverview(sess, seq)}
	}
}

func activateCmd(sess AccountsSession, a configstore.Account, seq int) tea.Cmd {
	return func() tea.Msg {
		res, err := sess.Activate(a)
		return activatedMsg{account: a, res: res, err: err, ov: readOverview(sess, seq)}
	}
}

func resetCmd(sess AccountsSession, op flow.Op, name string, seq int) tea.Cmd {
	return func() tea.Msg {
		msg := resetMsg{done: flow.Outcome{Op: op}}
		d := &msg.done
		switch op {
		case flow.OpSignOut:
			d.Account, _, msg.err = sess.SignOut()
		case flow.OpForget:
			d.Account, d.WasActive, msg.err = sess.Forget(name)
		case flow.OpForgetAll, flow.OpForgetAllSure:
			d.Op = flow.OpForgetAll
			d.Removed, d.SignedOut, msg.err = sess.ForgetAll()
		}
		msg.ov = readOverview(sess, seq)
		return msg
	}
}

// New builds k6login's terminal interface. With saved accounts (Deps.Accounts)
// it opens the home screen when k6's config holds a token or any account is
// saved, and the first-time wizard otherwise; without, it is NewWizard.
func New(deps Deps, opts Options) *Model {
	m := NewWizard(deps, opts)
	if deps.Accounts != nil {
		m.acc.home = true
		m.acc.accts.Overview.Active = -1
		m.step = stepHome
	}
	return m
}

// NewSwitch opens the switch picker on its own, for k6login switch without a
// name: the screen home's Switch leads to, the token validated before
// anything is written. Esc or q there quits with nothing changed (Result's
// Action stays ActionNone); a switch that is written ends the program, and
// Result says which account k6 now uses. Deps.Accounts must be set.
func NewSwitch(deps Deps, opts Options) *Model {
	m := New(deps, opts)
	m.acc.switchOnly = true
	m.step = stepSwitch
	return m
}

// reloadOverview reads both files again; only the newest reading is used.
func (m *Model) reloadOverview() tea.Cmd {
	m.acc.ovSeq = m.nextSeq()
	return overviewCmd(m.deps.Accounts, m.acc.ovSeq)
}

// writeSeq starts a write: Ctrl+C now waits for it, and the overview it reads
// afterwards is the one awaited.
func (m *Model) writeSeq() int {
	m.acc.busy = true
	m.acc.ovSeq = m.nextSeq()
	return m.acc.ovSeq
}

// doneWriting ends a write; it reports whether the program is to quit now
// because Ctrl+C was pressed during it.
func (m *Model) doneWriting() bool {
	m.acc.busy = false
	if m.quitAfterSave {
		m.quitting = true
		return true
	}
	return false
}

func (m *Model) onOverview(msg overviewMsg) tea.Cmd {
	if msg.seq != m.acc.ovSeq {
		return nil
	}
	first := !m.acc.ovLoaded
	m.acc.ovLoaded = true
	if flow.ConfigUnreadable(msg.err) {
		// k6's config cannot be read: only the wizard makes sense, and its
		// welcome screen says why the file is a problem.
		if first && m.step == stepHome {
			m.loadErr, m.loaded = msg.err, true
			m.acc.home = false
			m.setStep(stepWelcome)
			return nil
		}
		m.acc.accts.Err = msg.err // the last good reading stays
		return nil
	}
	m.acc.accts = flow.NewAccounts(msg.ov, msg.err, m.paths())
	m.snapshot, m.loaded, m.loadErr = msg.ov.Snapshot, true, nil
	if first && m.acc.switchOnly {
		m.buildAccountList(true)
		return nil
	}
	if first && m.step == stepHome && !m.acc.accts.HasLogin() {
		// Nothing to review or switch to: this is a first-time setup.
		m.acc.home = false
		m.setStep(stepWelcome)
		if c := msg.ov.Snapshot.Credentials; c.StackURL != "" && m.stackInput.Value() == "" {
			m.stackInput.SetValue(c.StackURL)
			m.updateStackPreview()
		}
		return nil
	}
	if m.acc.homeCursor >= len(m.acc.accts.HomeItems()) {
		m.acc.homeCursor = 0
	}
	if m.step == stepAccount {
		return m.lookUpProjectName()
	}
	return nil
}

func (m *Model) paths() flow.Paths {
	p := flow.Paths{Accounts: m.deps.AccountsPath}
	if m.deps.Store != nil {
		p.Config = m.deps.Store.Path()
	}
	return p
}

// active is the account k6 uses, saved or not, and whether there is one.
func (m *Model) active() (configstore.Account, bool) { return m.acc.accts.Active() }

func (m *Model) setNote(s string, warn bool) {
	m.acc.note, m.acc.noteWarn = s, warn
}

// goHome shows the home screen and reads both files again.
func (m *Model) goHome() tea.Cmd {
	m.stopAccountRequests()
	m.setStep(stepHome)
	m.help.ShowAll = false
	return m.reloadOverview()
}

func (m *Model) stopAccountRequests() {
	m.acc.check.stop()
	m.acc.nameReq.stop()
	m.acc.swCheck.stop()
	m.stopChecks()
	m.acc.list.blur()
}

// routeValidated sends a validation reply to the screen that asked for it.
func (m *Model) routeValidated(msg validatedMsg) tea.Cmd {
	switch {
	case m.acc.check.waitingFor(msg.seq):
		return m.onAccountValidated(msg)
	case m.acc.swCheck.waitingFor(msg.seq):
		return m.onSwitchValidated(msg)
	}
	return m.onValidated(msg)
}

// startCheck validates an account's token against its stack, cancellably.
func (m *Model) startCheck(r *request, a configstore.Account) tea.Cmd {
	r.stop()
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	*r = request{seq: seq, cancel: cancel}
	return tea.Batch(validateCmd(ctx, m.deps.API, seq, a.Token, a.StackURL), m.startSpinner())
}

// switchResult is what a switch reports, on either face: recErr when k6
// uses the account but the accounts file could not be updated, checked when
// the token passed a validation just before.
func switchResult(target configstore.Account, res configstore.SaveResult, recErr error, checked bool) Result {
	return Result{Saved: true, Credentials: target.Credentials(), SaveResult: res,
		TokenMode: fromConfigMode(target.TokenMode), Action: ActionSwitch, Account: target.Name,
		RecordErr: recErr, Unchecked: !checked}
}

// removalResult is what a sign-out or forget reports, on either face.
func removalResult(o flow.Outcome) Result {
	switch o.Op {
	case flow.OpSignOut:
		return Result{Action: ActionSignOut, Account: o.Account.Name}
	case flow.OpForget:
		return Result{Action: ActionForget, Account: o.Account.Name, SignedOut: o.WasActive}
	case flow.OpForgetAll:
		return Result{Action: ActionForgetAll, Removed: o.Removed, SignedOut: o.SignedOut}
	}
	return Result{}
}
