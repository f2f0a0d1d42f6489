package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepForgetPick step = "forget-pick" // which account to forget

// forgetPickScreen picks the saved account to forget.
type forgetPickScreen struct{}

func (forgetPickScreen) title() string                           { return resetTitle }
func (forgetPickScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyForgetPick(msg) }
func (forgetPickScreen) view(m *Model) string                    { return m.forgetPickView() }

func (forgetPickScreen) help(m *Model) stepKeys {
	return m.keys.list(&m.acc.list.pickList, m.keys.Back)
}

func (m *Model) keyForgetPick(msg tea.KeyMsg) tea.Cmd {
	cmd, chosen, back := m.listKey(msg)
	switch {
	case back:
		m.setStep(stepReset)
		return nil
	case chosen:
		e, _ := m.acc.list.selected()
		m.acc.target = e.Account
		m.confirm(flow.OpForget)
	}
	return cmd
}

func (m *Model) forgetPickView() string {
	intro := m.para(flow.ForgetIntro)
	return m.fitList(forgetPickScreen{}, func(rows int) string { return intro + "\n\n" + m.listView(rows) })
}
