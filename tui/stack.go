package tui

import (
	"errors"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
)

const stepStack step = "stack"

// stackState is what the stack step keeps.
type stackState struct {
	stackInput   field
	stackPreview string // the normalised URL of what is typed, "" when invalid
	stackReason  string // why what is typed is not a stack, "" when valid or empty
}

// stackScreen asks for the stack, showing as the user types the URL it stands for.
type stackScreen struct{}

func (stackScreen) title() string                           { return numbered(1, "Stack") }
func (stackScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyStack(msg) }
func (stackScreen) view(m *Model) string                    { return m.stackView() }
func (stackScreen) help(m *Model) stepKeys                  { return m.keys.fieldKeys(m.keys.Next) }

func (m *Model) goStack() tea.Cmd {
	m.setStep(stepStack)
	m.updateStackPreview()
	m.stackInput.Focus()
	return nil
}

func (m *Model) keyStack(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Next):
		url, err := authclient.NormalizeStack(m.stackInput.Value())
		if err != nil {
			m.stackReason = stackReason(err)
			return nil
		}
		m.stackURL = url
		return m.goToken()
	case key.Matches(msg, m.keys.Back):
		if m.acc.home {
			return m.goHome()
		}
		m.setStep(stepWelcome)
		return nil
	}
	if m.stackInput.Update(cleanPaste(msg)) {
		m.updateStackPreview()
	}
	return nil
}

// updateStackPreview shows, as the user types, the URL the input stands for or
// why it is not one. Nothing is said about an empty field until Enter.
func (m *Model) updateStackPreview() {
	m.stackPreview, m.stackReason = "", ""
	if strings.TrimSpace(m.stackInput.Value()) == "" {
		return
	}
	url, err := authclient.NormalizeStack(m.stackInput.Value())
	if err != nil {
		m.stackReason = stackReason(err)
		return
	}
	m.stackPreview = url
}

func stackReason(err error) string {
	var se *authclient.StackInputError
	if errors.As(err, &se) {
		return "Not a stack: " + se.Reason + "."
	}
	return err.Error()
}

func (m *Model) stackView() string {
	var b strings.Builder
	b.WriteString(m.para("Which Grafana Cloud stack should k6 use? Type its slug (like my-team) or its URL."))
	b.WriteString("\n\n" + m.stackInput.View() + "\n")
	switch {
	case m.stackReason != "":
		b.WriteString(m.wrap(m.st.Err.Render("✗ " + m.stackReason)))
	case m.stackPreview != "":
		b.WriteString(m.wrap(m.st.Accent.Render("→ " + m.stackPreview)))
	}
	return b.String()
}
