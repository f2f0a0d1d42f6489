package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepAccount step = "account" // review the active login

// accountReviewState is what the review of the active login keeps.
type accountReviewState struct {
	check    request // validate again
	checkErr error
	nameReq  request     // the project's name
	lookup   flow.Lookup // the name found for a project an account does not name
}

// accountScreen is everything about the login k6 uses, where it comes from,
// and what overrides it; v checks it again, f makes a loose file owner-only.
type accountScreen struct{}

func (accountScreen) title() string      { return "Review" }
func (accountScreen) busy(m *Model) bool { return m.acc.check.seq != 0 }

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

func (m *Model) goAccount() tea.Cmd {
	m.setStep(stepAccount)
	return m.lookUpProjectName()
}

// lookUpProjectName fetches the name of the active account's project when the
// account does not know it.
func (m *Model) lookUpProjectName() tea.Cmd {
	a, ok := m.active()
	if !ok || !m.acc.lookup.NeedsLookup(a) || m.deps.API == nil {
		return nil
	}
	m.acc.nameReq.stop()
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.acc.nameReq = request{seq: seq, cancel: cancel}
	m.acc.lookup = flow.Lookup{ID: a.ProjectID}
	return projectCheckCmd(ctx, m.deps.API, seq, a.Token, a.StackID, a.ProjectID)
}

// routeProjectChecked sends a project reply to whoever asked.
func (m *Model) routeProjectChecked(msg projectCheckedMsg) tea.Cmd {
	if m.acc.nameReq.waitingFor(msg.seq) {
		m.acc.nameReq.stop()
		if msg.err == nil && msg.id == m.acc.lookup.ID {
			m.acc.lookup.Name = msg.project.Name
		}
		return nil
	}
	return m.onProjectChecked(msg)
}

func (m *Model) fileTooOpen() bool { return m.acc.accts.TooOpen() }

func (accountScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
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
	return recordCmd(m.deps.Accounts, flow.Checked(a, msg.info, m.deps.now(), m.acc.lookup), m.writeSeq())
}

func (m *Model) onRecorded(msg recordedMsg) tea.Cmd {
	quit := m.doneWriting()
	cmd := m.onOverview(msg.ov)
	if msg.err != nil {
		m.setNote(flow.NotRecorded(msg.err), true)
	} else {
		m.setNote(flow.Validated(msg.account), false)
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
		m.setNote(flow.ModeNotFixed(msg.err), true)
	} else {
		m.setNote(flow.ModeFixed(msg.old), false)
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
		m.setNote(flow.NotKept(msg.err), true)
	} else {
		m.setNote(flow.Kept(msg.account), false)
		m.result = Result{Action: ActionKeep, Account: msg.account.Name}
	}
	if quit {
		return tea.Quit
	}
	return cmd
}

func (accountScreen) view(m *Model) string {
	a, ok := m.active()
	if !ok {
		return m.para("k6's config holds no cloud login. Go back to switch to a saved account or add one.")
	}
	rows := m.acc.accts.ReviewRows(m.acc.lookup, m.deps.now())
	if m.acc.nameReq.seq != 0 {
		for i := range rows {
			if rows[i].Label == "Project" {
				rows[i].Value += " (looking up its name…)"
			}
		}
	}
	parts := []string{m.table(rows)}
	if m.fileTooOpen() {
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ "+flow.TooOpenWarning+" Press f to make it owner-only (0600).")))
	}
	if len(m.overrides) > 0 {
		lines := []string{m.wrap(m.st.Warn.Render("⚠ Environment variables override this for k6:"))}
		for _, o := range m.overrides {
			lines = append(lines, m.hang(m.st.Warn.Render(o.Var+"="+authclient.SafeText(o.Value)+": "+o.Effect()+"."), 2))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	}
	switch {
	case m.acc.check.seq != 0:
		parts = append(parts, m.wrap(m.spinnerView()+" "+m.st.Text.Render("Checking the token against "+authclient.SafeText(a.StackURL)+"…")))
	case m.acc.busy:
		parts = append(parts, m.st.Text.Render("Saving…"))
	case m.acc.note != "":
		parts = append(parts, m.noteView())
	}
	return strings.Join(parts, "\n\n")
}
