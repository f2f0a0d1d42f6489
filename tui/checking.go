package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

const (
	stepValidating    step = "validating"
	stepValidateError step = "validate-error"
)

// checkState is the token check in flight and how it failed.
type checkState struct {
	validation request
	valErr     error
}

// validatingScreen waits for the API to accept or refuse the token.
type validatingScreen struct{}

func (validatingScreen) title() string          { return numbered(2, "Token") }
func (validatingScreen) view(m *Model) string   { return m.validatingView() }
func (validatingScreen) busy(m *Model) bool     { return true }
func (validatingScreen) help(m *Model) stepKeys { return only(m.keys.Cancel, m.keys.Quit) }

func (validatingScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Cancel) {
		m.validation.stop()
		return m.goToken()
	}
	return nil
}

// validateErrorScreen says why the check failed and where to go from there.
type validateErrorScreen struct{}

func (validateErrorScreen) title() string                           { return numbered(2, "Token") }
func (validateErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyValidateError(msg) }
func (validateErrorScreen) view(m *Model) string                    { return m.validateErrorView() }

func (validateErrorScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch failureAction(m.valErr) {
	case actionNewToken:
		return k.withToggle(k.Back, k.NewToken)
	case actionEditStack:
		return k.withToggle(k.EditToken, k.EditStack)
	}
	return k.withToggle(k.Edit, k.Retry)
}

func (m *Model) startValidation() tea.Cmd {
	m.validation.stop()
	m.projLoad.stop()
	m.idCheck.stop()
	m.idSeq = 0
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.validation = request{seq: seq, cancel: cancel}
	m.valErr = nil
	m.setStep(stepValidating)
	return tea.Batch(validateCmd(ctx, m.deps.API, seq, m.token, m.stackURL), m.startSpinner())
}

func (m *Model) onValidated(msg validatedMsg) tea.Cmd {
	if !m.validation.waitingFor(msg.seq) {
		return nil // cancelled or superseded: the user has moved on
	}
	m.validation.stop()
	if msg.err != nil {
		m.valErr = msg.err
		m.setStep(stepValidateError)
		return nil
	}
	m.auth = msg.info
	m.refusedTail = ""
	m.choice = projectChoice{}
	m.setStep(stepTokenMode)
	// Fetch the projects now, while the user reads the token type question, so
	// the project step usually opens with the list ready.
	m.projects, m.projErr, m.projLoaded, m.listReady = nil, nil, false, false
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.projLoad = request{seq: seq, cancel: cancel}
	return projectsCmd(ctx, m.deps.API, seq, m.token, m.auth.StackID)
}

func (m *Model) keyValidateError(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Help) {
		m.toggleHelp()
		return nil
	}
	switch failureAction(m.valErr) {
	case actionNewToken:
		if key.Matches(msg, m.keys.NewToken, m.keys.Back) {
			// The refused token is cleared so the next paste replaces it.
			m.refusedTail = tokenTail(m.token)
			m.tokenInput.Reset()
			return m.goToken()
		}
	case actionEditStack:
		switch {
		case key.Matches(msg, m.keys.EditStack):
			return m.goStack()
		case key.Matches(msg, m.keys.EditToken):
			return m.goToken()
		}
	default:
		switch {
		case key.Matches(msg, m.keys.Retry):
			return m.startValidation()
		case key.Matches(msg, m.keys.Edit):
			return m.goToken()
		}
	}
	return nil
}

func (m *Model) validatingView() string {
	return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Checking the token ("+describeToken(m.token)+") against "+m.stackURL+"…"))
}

func (m *Model) validateErrorView() string {
	if m.valErr == nil {
		return ""
	}
	f := describeFailure(m.valErr)
	var b strings.Builder
	b.WriteString(m.wrap(m.st.Err.Render("✗ " + f.Title)))
	b.WriteString("\n\n" + m.para(sentence(f.What)))
	b.WriteString("\n\n" + m.para(f.Hint))
	var next string
	switch failureAction(m.valErr) {
	case actionNewToken:
		next = "Press Enter to paste another token."
	case actionEditStack:
		next = "Press Enter to change the stack, or Esc to change the token."
	default:
		next = "Press r or Enter to try again, or Esc to edit the token. What you typed is kept."
	}
	b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(next)))
	return b.String()
}
