package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

const stepTokenMode step = "token-mode"

// tokenModeState is the token type step's cursor, an index into flow.Modes.
type tokenModeState struct {
	modeCursor int
}

// tokenModeScreen asks which kind of token it is.
type tokenModeScreen struct{}

func (tokenModeScreen) title() string       { return numbered(3, "Token type") }
func (tokenModeScreen) flowStep() flow.Step { return flow.TokenType }

func (tokenModeScreen) enter(m *Model) tea.Cmd {
	if m.login.Mode == configstore.TokenModeStack {
		m.modeCursor = 1
	}
	return nil
}

func (tokenModeScreen) help(m *Model) stepKeys {
	k := &m.keys
	s := k.withToggle(k.Back, k.Move, k.Pick, k.Next)
	s.full[0] = []key.Binding{k.Up, k.Down, k.Pick, k.Next}
	return s
}

func (tokenModeScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.modeCursor = 0
	case key.Matches(msg, m.keys.Down):
		m.modeCursor = len(flow.Modes) - 1
	case key.Matches(msg, m.keys.Pick):
		m.modeCursor = int(msg.Runes[0] - '1')
		return m.chooseMode()
	case key.Matches(msg, m.keys.Next):
		return m.chooseMode()
	case key.Matches(msg, m.keys.Back):
		m.projLoad.stop()
		m.login.Back()
		return m.follow()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) chooseMode() tea.Cmd {
	m.login.SetMode(flow.Modes[m.modeCursor])
	return m.follow()
}

// optionIndent sets an option's description under its name.
const optionIndent = "     "

func (tokenModeScreen) view(m *Model) string {
	var b strings.Builder
	b.WriteString(m.wrap(m.st.OK.Render("✓ " + m.login.Accepted())))
	b.WriteString("\n\n" + m.para(flow.TokenType.Question()))
	b.WriteString("\n\n")
	for i, mode := range flow.Modes {
		name, about := flow.ModeLabel(mode)
		line := fmt.Sprintf("%d. %s", i+1, name)
		if i == m.modeCursor {
			b.WriteString(m.st.Selected.Render("> " + line))
		} else {
			b.WriteString("  " + line)
		}
		b.WriteString("\n" + indent(ansi.Wrap(m.st.Subtle.Render(about), m.contentWidth()-len(optionIndent), ""), optionIndent))
		if i < len(flow.Modes)-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
