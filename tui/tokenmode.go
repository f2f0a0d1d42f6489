package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

const stepTokenMode step = "token-mode"

// tokenModeState is the token type step's cursor: 0 personal, 1 stack.
type tokenModeState struct {
	modeCursor int
}

// tokenModeScreen asks which kind of token it is.
type tokenModeScreen struct{}

func (tokenModeScreen) title() string                           { return numbered(3, "Token type") }
func (tokenModeScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyTokenMode(msg) }
func (tokenModeScreen) view(m *Model) string                    { return m.tokenModeView() }

func (tokenModeScreen) help(m *Model) stepKeys {
	k := &m.keys
	s := k.withToggle(k.Back, k.Move, k.Pick, k.Next)
	s.full[0] = []key.Binding{k.Up, k.Down, k.Pick, k.Next}
	return s
}

func (m *Model) keyTokenMode(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.modeCursor = 0
	case key.Matches(msg, m.keys.Down):
		m.modeCursor = 1
	case key.Matches(msg, m.keys.Pick):
		m.modeCursor = int(msg.Runes[0] - '1')
		return m.chooseMode()
	case key.Matches(msg, m.keys.Next):
		return m.chooseMode()
	case key.Matches(msg, m.keys.Back):
		m.projLoad.stop()
		return m.goToken()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) chooseMode() tea.Cmd {
	m.mode = TokenPersonal
	if m.modeCursor == 1 {
		m.mode = TokenStack
	}
	return m.goProject()
}

func (m *Model) goTokenMode() tea.Cmd {
	m.setStep(stepTokenMode)
	if m.mode == TokenStack {
		m.modeCursor = 1
	}
	return nil
}

func (m *Model) tokenModeView() string {
	var b strings.Builder
	b.WriteString(m.wrap(m.st.OK.Render(fmt.Sprintf("✓ Token accepted for %s (stack %d).", m.stackURL, m.auth.StackID))))
	b.WriteString("\n\n" + m.para("Which kind of token is it? Grafana Cloud does not say, and a stack token needs a project."))
	b.WriteString("\n\n")
	options := []struct{ name, about string }{
		{"Personal token", "Acts as you; works on every stack you belong to."},
		{"Stack token", "Belongs to this stack, for CI; needs a project."},
	}
	for i, o := range options {
		line := fmt.Sprintf("%d. %s", i+1, o.name)
		if i == m.modeCursor {
			b.WriteString(m.st.Selected.Render("> " + line))
		} else {
			b.WriteString("  " + line)
		}
		b.WriteString("\n" + indent(ansi.Wrap(m.st.Subtle.Render(o.about), m.contentWidth()-len(optionIndent), ""), optionIndent))
		if i == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// optionIndent sets an option's description under its name.
const optionIndent = "     "

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
