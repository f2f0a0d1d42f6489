package tui

import (
	"context"
	"io/fs"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
)

// accountsState is what the home screen and the screens it leads to (review,
// switch, reset) keep. It is only used when New opened the home screen.
type accountsState struct {
	// home: New opened the home screen. Esc on the wizard's first step and
	// Enter on its last return there.
	home bool

	ov       configstore.Overview
	ovErr    error // the saved accounts could not be read; k6's config could
	ovLoaded bool
	ovSeq    int // the overview awaited; older ones are dropped

	homeCursor int
	// note is one line under the summary saying what was just done.
	note     string
	noteWarn bool
	// busy is true while a write to either file is under way: Ctrl+C waits
	// for it, so Result never lies about the files.
	busy bool

	// Review.
	check    request // validate again
	checkErr error
	nameReq  request // the project's name
	nameID   int64
	name     string

	// Switch, and the account to forget.
	list       accountList
	target     configstore.Account
	swCheck    request
	swErr      error // the check failed
	swWriteErr error // the check passed (or was skipped) but k6's config was not written
	swChecked  bool  // the target was validated just now

	// Reset.
	resetCursor   int
	op            resetOp
	confirmCursor int // 0 is "cancel", the default
	opErr         error
	done          resetMsg
	doneCursor    int
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
	op        resetOp
	account   configstore.Account // signed out of, or forgotten
	wasActive bool                // forget: k6 used it, and is now signed out
	removed   int                 // forget all
	signedOut bool                // forget all: k6's config held a login
	err       error
	ov        overviewMsg
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

func resetCmd(sess AccountsSession, op resetOp, name string, seq int) tea.Cmd {
	return func() tea.Msg {
		msg := resetMsg{op: op}
		switch op {
		case opSignOut:
			msg.account, _, msg.err = sess.SignOut()
		case opForget:
			msg.account, msg.wasActive, msg.err = sess.Forget(name)
		case opForgetAll, opForgetAllSure:
			msg.op = opForgetAll
			msg.removed, msg.signedOut, msg.err = sess.ForgetAll()
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
		m.acc.ov.Active = -1
		m.step = stepHome
	}
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
	m.acc.ov, m.acc.ovErr = msg.ov, nil
	if msg.err != nil && !configstore.IsAccountsError(msg.err) {
		// k6's config cannot be read: only the wizard makes sense, and its
		// welcome screen says why the file is a problem.
		if first && m.step == stepHome {
			m.loadErr, m.loaded = msg.err, true
			m.acc.home = false
			m.setStep(stepWelcome)
			return nil
		}
		m.acc.ovErr = msg.err
		return nil
	}
	if msg.err != nil {
		m.acc.ovErr = msg.err
		m.acc.ov.Active = -1
		// Whether it is saved cannot be told; show what k6 uses.
		m.acc.ov.Unsaved = loginInConfig(msg.ov.Snapshot.Credentials)
	}
	m.snapshot, m.loaded, m.loadErr = m.acc.ov.Snapshot, true, nil
	if first && m.step == stepHome && msg.err == nil && msg.ov.Snapshot.Credentials.Token == "" && len(msg.ov.Accounts) == 0 {
		// Nothing to review or switch to: this is a first-time setup.
		m.acc.home = false
		m.setStep(stepWelcome)
		if c := msg.ov.Snapshot.Credentials; c.StackURL != "" && m.stackInput.Value() == "" {
			m.stackInput.SetValue(c.StackURL)
			m.updateStackPreview()
		}
		return nil
	}
	if m.acc.homeCursor >= len(m.homeItems()) {
		m.acc.homeCursor = 0
	}
	if m.step == stepAccount {
		return m.lookUpProjectName()
	}
	return nil
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

// active is the account k6 uses, saved or not, and whether there is one. The
// project and IDs are those in k6's config, which is what k6 reads: a saved
// account is the same login even when its project differs.
func (m *Model) active() (configstore.Account, bool) {
	return activeIn(m.acc.ov)
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

// activeUnsaved reports whether k6's config holds a login no account has.
func (m *Model) activeUnsaved() bool {
	return m.acc.ov.Active < 0 && m.acc.ov.Unsaved != nil
}

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
