package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepAccountError step = "account-error" // validating the login again failed

// accountErrorScreen says why validating the login again failed.
type accountErrorScreen struct{}

func (accountErrorScreen) title() string { return "Review" }

func (accountErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
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

func (accountErrorScreen) view(m *Model) string {
	if m.acc.checkErr == nil {
		return ""
	}
	next := flow.ValidateFailedNext(m.acc.checkErr)
	if flow.RemedyFor(m.acc.checkErr) != flow.RemedyNewToken {
		next = "Press r or Enter to try again, or Esc to go back. " + next
	}
	return m.failureView(m.acc.checkErr, next)
}

func (accountErrorScreen) help(m *Model) stepKeys {
	return m.keys.withToggle(m.keys.Back, m.keys.Retry)
}
