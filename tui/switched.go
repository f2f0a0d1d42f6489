package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepSwitched step = "switched" // k6 now uses it

// switchedScreen says which account k6 now uses.
type switchedScreen struct{}

func (switchedScreen) title() string                           { return switchTitle }
func (switchedScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitched(msg) }
func (switchedScreen) view(m *Model) string                    { return m.switchedView() }
func (switchedScreen) help(m *Model) stepKeys {
	if m.acc.switchOnly {
		return only(m.keys.QuitLetter) // NewSwitch's program ends here by itself
	}
	return only(m.keys.ToHome, m.keys.QuitLetter)
}

func (m *Model) keySwitched(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.ToHome) && !m.acc.switchOnly:
		return m.goHome()
	case key.Matches(msg, m.keys.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) switchedView() string {
	a := m.acc.target
	var parts []string
	head := m.st.OK.Render("✓ " + flow.Switched(a))
	how := flow.HowChecked
	if !m.acc.swChecked {
		how = flow.HowUnchecked
		if m.acc.swErr != nil && flow.Refused(m.acc.swErr) {
			how = flow.HowRefused
		}
	}
	if w := how.Warning(); w != "" {
		head += "\n" + m.st.Warn.Render("⚠ "+w)
	}
	parts = append(parts, m.wrap(head))
	parts = append(parts, m.compactTable(m.acc.accts.SwitchRows(a, m.acc.lookup)))
	if m.acc.note != "" {
		parts = append(parts, m.noteView())
	}
	if w := m.overridesLine(); w != "" {
		parts = append(parts, w)
	}
	parts = append(parts, m.wrap(m.st.Subtle.Render(flow.SwitchKept)))
	return strings.Join(parts, "\n\n")
}
