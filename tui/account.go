package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
)

const (
	stepAccount      step = "account"       // review the active login
	stepAccountError step = "account-error" // validating it again failed
)

// accountScreen is everything about the login k6 uses, where it comes from,
// and what overrides it; v checks it again, f makes a loose file owner-only.
type accountScreen struct{}

func (accountScreen) title() string                           { return "Review" }
func (accountScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyAccount(msg) }
func (accountScreen) view(m *Model) string                    { return m.accountView() }
func (accountScreen) busy(m *Model) bool                      { return m.acc.check.seq != 0 }

func (accountScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch {
	case m.acc.busy:
		return only(k.Quit)
	case m.acc.check.seq != 0:
		return only(k.Cancel, k.Quit)
	case m.fileTooOpen():
		return k.withToggle(k.BackHome, k.Validate, k.FixMode)
	}
	return k.withToggle(k.BackHome, k.Validate)
}

// accountErrorScreen says why validating the login again failed.
type accountErrorScreen struct{}

func (accountErrorScreen) title() string                           { return "Review" }
func (accountErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyAccountError(msg) }
func (accountErrorScreen) view(m *Model) string                    { return m.accountErrorView() }
func (accountErrorScreen) help(m *Model) stepKeys {
	return m.keys.withToggle(m.keys.Back, m.keys.Retry)
}

func (m *Model) goAccount() tea.Cmd {
	m.setStep(stepAccount)
	return m.lookUpProjectName()
}

// lookUpProjectName fetches the name of the active account's project when the
// account does not know it.
func (m *Model) lookUpProjectName() tea.Cmd {
	a, ok := m.active()
	if !ok || a.ProjectID == 0 || a.ProjectName != "" || m.acc.nameID == a.ProjectID || m.deps.API == nil {
		return nil
	}
	m.acc.nameReq.stop()
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.acc.nameReq = request{seq: seq, cancel: cancel}
	m.acc.nameID, m.acc.name = a.ProjectID, ""
	return projectCheckCmd(ctx, m.deps.API, seq, a.Token, a.StackID, a.ProjectID)
}

// routeProjectChecked sends a project reply to whoever asked.
func (m *Model) routeProjectChecked(msg projectCheckedMsg) tea.Cmd {
	if m.acc.nameReq.waitingFor(msg.seq) {
		m.acc.nameReq.stop()
		if msg.err == nil && msg.id == m.acc.nameID {
			m.acc.name = msg.project.Name
		}
		return nil
	}
	return m.onProjectChecked(msg)
}

func (m *Model) fileTooOpen() bool { return configTooOpen(m.acc.ov.Snapshot) }

// configTooOpen reports whether k6's config exists and others can read it.
func configTooOpen(s configstore.Snapshot) bool {
	return s.Exists && configstore.ModeTooOpen(s.Mode)
}

// savedTokenModeText names the token mode a saved account recorded.
func savedTokenModeText(t configstore.TokenMode) string {
	if mode := fromConfigMode(t); mode != TokenModeUnset {
		return mode.String()
	}
	return "not recorded"
}

func (m *Model) keyAccount(msg tea.KeyMsg) tea.Cmd {
	if m.acc.busy {
		return nil
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Back):
		if m.acc.check.seq != 0 {
			m.acc.check.stop()
			return nil
		}
		return m.goHome()
	case m.acc.check.seq != 0:
		return nil
	case key.Matches(msg, k.Validate):
		return m.validateAgain()
	case key.Matches(msg, k.FixMode) && m.fileTooOpen():
		m.setNote("", false)
		return fixModeCmd(m.deps.Store, m.deps.Accounts, m.writeSeq())
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) validateAgain() tea.Cmd {
	a, ok := m.active()
	if !ok {
		return nil
	}
	m.setNote("", false)
	m.acc.checkErr = nil
	return m.startCheck(&m.acc.check, a)
}

func (m *Model) onAccountValidated(msg validatedMsg) tea.Cmd {
	m.acc.check.stop()
	if msg.err != nil {
		m.acc.checkErr = msg.err
		m.setStep(stepAccountError)
		return nil
	}
	a, ok := m.active()
	if !ok {
		return nil
	}
	a.StackID, a.DefaultProjectID = msg.info.StackID, msg.info.DefaultProjectID
	a.LastValidated = m.deps.now()
	if m.acc.name != "" && m.acc.nameID == a.ProjectID && a.ProjectName == "" {
		a.ProjectName = m.acc.name
	}
	return recordCmd(m.deps.Accounts, a, m.writeSeq())
}

func (m *Model) onRecorded(msg recordedMsg) tea.Cmd {
	quit := m.doneWriting()
	cmd := m.onOverview(msg.ov)
	if msg.err != nil {
		m.setNote("The token works, but the account could not be recorded: "+sentence(msg.err.Error()), true)
	} else {
		m.setNote("The token works: checked just now and recorded as "+msg.account.Name+".", false)
		m.result = Result{Action: ActionValidate, Account: msg.account.Name}
	}
	if quit {
		return tea.Quit
	}
	return cmd
}

func (m *Model) onFixedMode(msg fixedModeMsg) tea.Cmd {
	quit := m.doneWriting()
	cmd := m.onOverview(msg.ov)
	if msg.err != nil {
		m.setNote("The file mode could not be changed: "+sentence(msg.err.Error()), true)
	} else {
		m.setNote(fmt.Sprintf("The file is now owner-only: 0600 (was %04o).", msg.old.Perm()), false)
		m.result = Result{Action: ActionFixMode, ModeFixedFrom: msg.old}
	}
	if quit {
		return tea.Quit
	}
	return cmd
}

func (m *Model) onKept(msg keptMsg) tea.Cmd {
	quit := m.doneWriting()
	cmd := m.onOverview(msg.ov)
	if msg.err != nil {
		m.setNote("The login could not be saved as an account: "+sentence(msg.err.Error()), true)
	} else {
		m.setNote("Saved as the account "+msg.account.Name+": you can switch back to it after a switch.", false)
		m.result = Result{Action: ActionKeep, Account: msg.account.Name}
	}
	if quit {
		return tea.Quit
	}
	return cmd
}

func (m *Model) keyAccountError(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Retry):
		m.setStep(stepAccount)
		return m.validateAgain()
	case key.Matches(msg, k.Back):
		m.acc.checkErr = nil
		m.setStep(stepAccount)
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) accountView() string {
	a, ok := m.active()
	if !ok {
		return m.para("k6's config holds no cloud login. Go back to switch to a saved account or add one.")
	}
	name := a.Name
	if m.activeUnsaved() && m.acc.ovErr == nil {
		name += " (not saved: only in k6's config)"
	}
	mode := savedTokenModeText(a.TokenMode)
	project := m.projectText(a)
	if m.acc.nameReq.seq != 0 {
		project += " (looking up its name…)"
	}
	snap := m.acc.ov.Snapshot
	fileMode := "(no file)"
	if snap.Exists {
		fileMode = fmt.Sprintf("%04o", snap.Mode.Perm())
		if m.fileTooOpen() {
			fileMode += " ⚠ others can read it"
		}
	}
	validated := "not saved"
	if !m.activeUnsaved() {
		validated = m.ago(a.LastValidated)
	}
	rows := [][2]string{
		{"Account", name},
		{"Token", configstore.MaskToken(a.Token)},
		{"Token type", mode},
		{"Stack URL", a.StackURL},
		{"Stack ID", strconv.FormatInt(a.StackID, 10)},
		{"Project", project},
		{"Default project", strconv.FormatInt(a.DefaultProjectID, 10)},
		{"Config file", m.deps.Store.Path()},
		{"File mode", fileMode},
		{"Last validated", validated},
	}
	parts := []string{m.table(rows)}
	if m.fileTooOpen() {
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ The file holds a token and other users can read it. Press f to make it owner-only (0600).")))
	}
	if len(m.overrides) > 0 {
		lines := []string{m.wrap(m.st.Warn.Render("⚠ Environment variables override this for k6:"))}
		for _, o := range m.overrides {
			lines = append(lines, m.hang(m.st.Warn.Render(o.Var+"="+o.Value+": "+o.Effect()+"."), 2))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	switch {
	case m.acc.check.seq != 0:
		parts = append(parts, m.wrap(m.spinnerView()+" "+m.st.Text.Render("Checking the token against "+a.StackURL+"…")))
	case m.acc.busy:
		parts = append(parts, m.st.Text.Render("Saving…"))
	case m.acc.note != "":
		parts = append(parts, m.noteView())
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) accountErrorView() string {
	if m.acc.checkErr == nil {
		return ""
	}
	f := describeFailure(m.acc.checkErr)
	var b strings.Builder
	b.WriteString(m.wrap(m.st.Err.Render("✗ " + f.Title)))
	b.WriteString("\n\n" + m.para(sentence(f.What)))
	b.WriteString("\n\n" + m.para(f.Hint))
	next := "Press r or Enter to try again, or Esc to go back. Nothing was changed."
	if failureAction(m.acc.checkErr) == actionNewToken {
		next = "k6 will be refused too. Add an account with a new token, or switch to another. Nothing was changed."
	}
	b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(next)))
	return b.String()
}
