package tui

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepValidating step = "validating"

// checkState is the token check in flight.
type checkState struct {
	validation request
}

// validatingScreen waits for the API to accept or refuse the token.
type validatingScreen struct{}

func (validatingScreen) title() string          { return numbered(2, "Token") }
func (validatingScreen) flowStep() flow.Step    { return flow.Validating }
func (validatingScreen) busy(m *Model) bool     { return true }
func (validatingScreen) help(m *Model) stepKeys { return only(m.keys.Cancel, m.keys.Quit) }
func (validatingScreen) enter(m *Model) tea.Cmd { return m.startValidation() }

func (validatingScreen) view(m *Model) string {
	return m.wrap(m.spinnerView() + " " + m.st.Text.Render(m.login.Checking()))
}

func (validatingScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Cancel) {
		m.validation.stop()
		m.login.Back()
		return m.follow()
	}
	return nil
}

func (m *Model) startValidation() tea.Cmd {
	m.validation.stop()
	m.projLoad.stop()
	m.idCheck.stop()
	m.idSeq = 0
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.validation = request{seq: seq, cancel: cancel}
	return tea.Batch(validateCmd(ctx, m.deps.API, seq, m.login.Token, m.login.StackURL), m.startSpinner())
}

func (m *Model) onValidated(msg validatedMsg) tea.Cmd {
	if !m.validation.waitingFor(msg.seq) {
		return nil // cancelled or superseded: the user has moved on
	}
	m.validation.stop()
	m.login.Validated(msg.info, msg.err)
	if msg.err != nil {
		return m.follow()
	}
	// Fetch the projects now, while the user reads the token type question, so
	// the project step usually opens with the list ready.
	m.listReady = false
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.projLoad = request{seq: seq, cancel: cancel}
	return tea.Batch(m.follow(), projectsCmd(ctx, m.deps.API, seq, m.login.Token, m.login.Auth.StackID))
}
