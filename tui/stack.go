package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepStack step = "stack"

// stackState is what the stack step keeps.
type stackState struct {
	stackInput   field
	stackPreview string // the normalised URL of what is typed, "" when invalid
	stackReason  string // why what is typed is not a stack, "" when valid or empty
	// stackIsToken: what is typed looks like an API token. The field masks it
	// and nothing quotes it; Ctrl+T moves it to the token step.
	stackIsToken bool
	stackNote    string // said after the token was moved
}

// stackScreen asks for the stack, showing as the user types the URL it stands for.
type stackScreen struct{}

func (stackScreen) title() string                           { return numbered(1, "Stack") }
func (stackScreen) flowStep() flow.Step                     { return flow.Stack }
func (stackScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyStack(msg) }

func (stackScreen) help(m *Model) stepKeys {
	if m.stackIsToken {
		return m.keys.fieldKeys(m.keys.UseToken)
	}
	return m.keys.fieldKeys(m.keys.Next)
}

func (stackScreen) enter(m *Model) tea.Cmd {
	m.updateStackPreview()
	m.stackInput.Focus()
	return nil
}

func (stackScreen) view(m *Model) string {
	var b strings.Builder
	b.WriteString(m.para(flow.Stack.Question()))
	b.WriteString("\n\n" + m.stackInput.View() + "\n")
	switch {
	case m.stackIsToken:
		b.WriteString(m.wrap(m.st.Warn.Render("⚠ " + tokenInStackField)))
	case m.stackReason != "":
		b.WriteString(m.wrap(m.st.Err.Render("✗ " + m.stackReason)))
	case m.stackPreview != "":
		b.WriteString(m.wrap(m.st.Accent.Render("→ " + m.stackPreview)))
	case m.stackNote != "":
		b.WriteString(m.wrap(m.st.OK.Render("✓ " + m.stackNote)))
	}
	return b.String()
}

func (m *Model) goStack() tea.Cmd {
	m.login.Start()
	return m.follow()
}

func (m *Model) keyStack(msg tea.KeyMsg) tea.Cmd {
	switch {
	case m.stackIsToken && key.Matches(msg, m.keys.UseToken):
		if err := m.login.KeepToken(m.stackInput.Value()); err != nil {
			m.stackReason = err.Error()
			return nil
		}
		m.tokenInput.SetValue(m.login.Token)
		m.stackInput.Reset()
		m.updateStackPreview()
		m.stackNote = "The token is kept for the next step; now type the stack."
		return nil
	case m.stackIsToken && key.Matches(msg, m.keys.Next):
		return nil // the warning under the field says what to do
	case key.Matches(msg, m.keys.Next):
		if err := m.login.SetStack(m.stackInput.Value()); err != nil {
			m.stackReason = err.Error()
			return nil
		}
		return m.follow()
	case key.Matches(msg, m.keys.Back):
		if m.acc.home {
			return m.goHome()
		}
		m.login.Back()
		return m.follow()
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
	m.stackIsToken = flow.LooksLikeToken(m.stackInput.Value())
	m.stackInput.mask = 0
	if m.stackIsToken {
		m.stackInput.mask = '•'
		m.stackNote = ""
		return
	}
	if strings.TrimSpace(m.stackInput.Value()) == "" {
		return
	}
	m.stackNote = ""
	url, err := authclient.NormalizeStack(m.stackInput.Value())
	if err != nil {
		m.stackReason = flow.StackError(err).Error()
		return
	}
	m.stackPreview = authclient.SafeText(url)
}

// tokenInStackField is said under a stack field holding what looks like a token.
const tokenInStackField = flow.TokenInStack + " Press Ctrl+T to use it as the token, then type the stack."
