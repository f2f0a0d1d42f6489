package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepValidateError step = "validate-error"

// validateErrorScreen says why the check failed and where to go from there.
type validateErrorScreen struct{}

func (validateErrorScreen) title() string { return numbered(2, "Token") }

func (validateErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	if key.Matches(msg, k.Help) {
		m.toggleHelp()
		return nil
	}
	var r flow.Recovery
	switch flow.RemedyFor(m.login.Err) {
	case flow.RemedyNewToken:
		if !key.Matches(msg, k.NewToken, k.Back) {
			return nil
		}
		// The refused token is cleared so the next paste replaces it.
		r = flow.NewToken
		m.tokenInput.Reset()
	case flow.RemedyOtherStack:
		switch {
		case key.Matches(msg, k.EditStack):
			r = flow.ChangeStack
		case key.Matches(msg, k.EditToken):
			r = flow.EditToken
		default:
			return nil
		}
	default:
		switch {
		case key.Matches(msg, k.Retry):
			r = flow.Retry
		case key.Matches(msg, k.Edit):
			r = flow.EditToken
		default:
			return nil
		}
	}
	m.login.Recover(r)
	return m.follow()
}

func (validateErrorScreen) view(m *Model) string {
	if m.login.Err == nil {
		return ""
	}
	var next string
	switch flow.RemedyFor(m.login.Err) {
	case flow.RemedyNewToken:
		next = "Press Enter to paste another token."
	case flow.RemedyOtherStack:
		next = "Press Enter to change the stack, or Esc to change the token."
	default:
		next = "Press r or Enter to try again, or Esc to edit the token. What you typed is kept."
	}
	return m.failureView(m.login.Err, next)
}

func (validateErrorScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch flow.RemedyFor(m.login.Err) {
	case flow.RemedyNewToken:
		return k.withToggle(k.Back, k.NewToken)
	case flow.RemedyOtherStack:
		return k.withToggle(k.EditToken, k.EditStack)
	}
	return k.withToggle(k.Edit, k.Retry)
}

func (validateErrorScreen) flowStep() flow.Step { return flow.ValidateError }
