package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepSwitching step = "switching" // checking it, then writing it to k6's config

// switchingScreen checks the chosen account's token, then writes it.
type switchingScreen struct{}

func (switchingScreen) title() string                           { return switchTitle }
func (switchingScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitching(msg) }
func (switchingScreen) view(m *Model) string                    { return m.switchingView() }
func (switchingScreen) busy(m *Model) bool                      { return true }

func (switchingScreen) help(m *Model) stepKeys {
	if m.acc.busy {
		return only(m.keys.Quit)
	}
	return only(m.keys.Cancel, m.keys.Quit)
}

// startSwitch checks the target's token before anything is written.
func (m *Model) startSwitch() tea.Cmd {
	m.acc.swErr, m.acc.swWriteErr, m.acc.swChecked = nil, nil, false
	m.setStep(stepSwitching)
	return m.startCheck(&m.acc.swCheck, m.acc.target)
}

func (m *Model) onSwitchValidated(msg validatedMsg) tea.Cmd {
	m.acc.swCheck.stop()
	if msg.err != nil {
		m.acc.swErr = msg.err
		m.setStep(stepSwitchError)
		return nil
	}
	m.acc.target = flow.Checked(m.acc.target, msg.info, m.deps.now(), flow.Lookup{})
	m.acc.swChecked = true
	return m.activate()
}

// activate writes the target to k6's config (keeping what k6 used as an account).
func (m *Model) activate() tea.Cmd {
	m.acc.swWriteErr = nil
	m.setStep(stepSwitching)
	return activateCmd(m.deps.Accounts, m.acc.target, m.writeSeq())
}

func (m *Model) onActivated(msg activatedMsg) tea.Cmd {
	quit := m.doneWriting()
	_ = m.onOverview(msg.ov)
	// Activate fails after writing k6's config when only the accounts file
	// could not be updated: k6 uses the account then, which is what counts.
	written := flow.Written(msg.account, msg.err, msg.ov.ov)
	switch {
	case !written:
		m.acc.swWriteErr = msg.err
		m.setStep(stepSwitchError)
	default:
		m.setNote("", false)
		if msg.err != nil {
			m.setNote(flow.NotUpdated(msg.err), true)
		}
		m.result = switchResult(msg.account, msg.res, msg.err, m.acc.swChecked)
		m.setStep(stepSwitched)
		if m.acc.switchOnly {
			// The picker was the whole program: the caller says what was done.
			m.quitting = true
			return tea.Quit
		}
	}
	if quit {
		return tea.Quit
	}
	return nil
}

func (m *Model) keySwitching(msg tea.KeyMsg) tea.Cmd {
	if m.acc.busy {
		return nil
	}
	if key.Matches(msg, m.keys.Cancel) {
		m.acc.swCheck.stop()
		m.setStep(stepSwitch)
	}
	return nil
}

func (m *Model) switchingView() string {
	a := m.acc.target
	if m.acc.busy {
		return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Writing "+authclient.SafeText(a.Name)+" to k6's config…"))
	}
	return m.wrap(m.spinnerView() + " " + m.st.Text.Render(flow.SwitchChecking(a)))
}
