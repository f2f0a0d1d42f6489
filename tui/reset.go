package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const (
	stepReset      step = "reset"       // sign out, forget one, forget all
	stepForgetPick step = "forget-pick" // which account to forget
	stepConfirm    step = "confirm"     // what will be removed; nothing happens without Enter on "yes"
	stepResetDone  step = "reset-done"  // what was removed, and where to go next
)

// resetState is the reset screens' cursors, the operation and its outcome.
type resetState struct {
	resetCursor   int
	op            flow.Op
	confirmCursor int // 0 is "cancel", the default
	opErr         error
	done          flow.Outcome
	doneCursor    int
}

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

func (m *Model) goReset() tea.Cmd {
	m.stopAccountRequests()
	m.acc.resetCursor, m.acc.opErr = 0, nil
	m.setStep(stepReset)
	return nil
}

func (m *Model) keyReset(msg tea.KeyMsg) tea.Cmd {
	ops := m.acc.accts.ResetChoices()
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.resetCursor = max(0, m.acc.resetCursor-1)
	case key.Matches(msg, k.Down):
		m.acc.resetCursor = min(len(ops)-1, m.acc.resetCursor+1)
	case key.Matches(msg, k.Choose):
		switch op := ops[m.acc.resetCursor]; op {
		case flow.OpNone:
			return m.goHome()
		case flow.OpForget:
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
		m.acc.target = e.Account
		m.confirm(flow.OpForget)
	}
	return cmd
}

// confirm asks before op; the cursor starts on "cancel".
func (m *Model) confirm(op flow.Op) {
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
		if next := m.acc.op.Then(); next != flow.OpNone {
			m.confirm(next)
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
	if m.acc.op == flow.OpForget {
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
		d := msg.done
		m.acc.done, m.acc.doneCursor = d, 0
		switch d.Op {
		case flow.OpSignOut:
			m.result = Result{Action: ActionSignOut, Account: d.Account.Name}
		case flow.OpForget:
			m.result = Result{Action: ActionForget, Account: d.Account.Name, SignedOut: d.WasActive}
		case flow.OpForgetAll:
			m.result = Result{Action: ActionForgetAll, Removed: d.Removed, SignedOut: d.SignedOut}
		}
		m.setStep(stepResetDone)
	}
	if quit {
		return tea.Quit
	}
	return nil
}

// offerSwitch: the account k6 used was forgotten and others are saved.
func (m *Model) offerSwitch() bool { return m.acc.done.OfferSwitch(m.acc.accts) }

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

// accountsPath names the saved-accounts file, safe to show.
func (m *Model) accountsPath() string {
	if m.deps.AccountsPath != "" {
		return authclient.SafeText(m.deps.AccountsPath)
	}
	return "the saved-accounts file"
}

func (m *Model) resetView() string {
	accts := &m.acc.accts
	ops := accts.ResetChoices()
	items := make([][2]string, len(ops))
	for i, op := range ops {
		name, about := accts.ResetLabel(op)
		items[i] = [2]string{name, about}
	}
	parts := []string{m.para(flow.ResetIntro), m.choiceLines(m.acc.resetCursor, items...)}
	return strings.Join(parts, "\n\n")
}

func (m *Model) forgetPickView() string {
	intro := m.para(flow.ForgetIntro)
	return m.fitList(forgetPickScreen{}, func(rows int) string { return intro + "\n\n" + m.listView(rows) })
}

func (m *Model) confirmView() string {
	c := m.acc.accts.Confirm(m.acc.op, m.acc.target)
	parts := []string{m.wrap(m.st.Value.Render(c.Question))}
	lines := make([]string, len(c.Details))
	for i, d := range c.Details {
		lines[i] = m.para(d)
	}
	parts = append(parts, strings.Join(lines, "\n"))
	parts = append(parts, m.choiceLines(m.acc.confirmCursor, [2]string{"Cancel, change nothing", ""}, [2]string{c.Yes, ""}))
	switch {
	case m.acc.busy:
		parts = append(parts, m.st.Text.Render("Removing…"))
	case m.acc.opErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ "+flow.ErrText(m.acc.opErr))))
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) resetDoneView() string {
	headline, more := m.acc.done.Done()
	parts := []string{m.wrap(m.st.OK.Render("✓ " + headline))}
	for _, s := range more {
		parts = append(parts, m.para(s))
	}
	if m.offerSwitch() {
		parts = append(parts, m.choiceLines(m.acc.doneCursor, [2]string{flow.OfferSwitchLabel, ""}, [2]string{"Back to home", ""}))
	}
	return strings.Join(parts, "\n\n")
}
