package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepConfirm step = "confirm" // what will be removed; nothing happens without Enter on "yes"

// confirmScreen names exactly what will be removed, the cursor on "cancel".
type confirmScreen struct{}

func (confirmScreen) title() string                           { return resetTitle }
func (confirmScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyConfirm(msg) }
func (confirmScreen) view(m *Model) string                    { return m.confirmView() }

func (confirmScreen) help(m *Model) stepKeys {
	if m.acc.busy {
		return only(m.keys.Quit)
	}
	return m.keys.menu(m.keys.Back)
}

// confirm asks before op; the cursor starts on "cancel".
func (m *Model) confirm(op flow.Op) {
	m.acc.op, m.acc.confirmCursor, m.acc.opErr = op, 0, nil
	m.help.ShowAll = false
	m.setStep(stepConfirm)
}

func (m *Model) keyConfirm(msg tea.KeyMsg) tea.Cmd {
	if m.acc.busy {
		return nil
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.confirmCursor = 0
	case key.Matches(msg, k.Down):
		m.acc.confirmCursor = 1
	case key.Matches(msg, k.Confirm):
		if m.acc.confirmCursor == 0 {
			return m.cancelConfirm()
		}
		if next := m.acc.op.Then(); next != flow.OpNone {
			m.confirm(next)
			return nil
		}
		m.acc.opErr = nil
		return resetCmd(m.deps.Accounts, m.acc.op, m.acc.target.Name, m.writeSeq())
	case key.Matches(msg, k.Back):
		return m.cancelConfirm()
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) cancelConfirm() tea.Cmd {
	if m.acc.op == flow.OpForget {
		m.setStep(stepForgetPick)
		return nil
	}
	m.acc.opErr = nil
	m.setStep(stepReset)
	return nil
}

func (m *Model) onReset(msg resetMsg) tea.Cmd {
	quit := m.doneWriting()
	_ = m.onOverview(msg.ov)
	if msg.err != nil {
		m.acc.opErr = msg.err
	} else {
		d := msg.done
		m.acc.done, m.acc.doneCursor = d, 0
		m.result = removalResult(d)
		m.setStep(stepResetDone)
	}
	if quit {
		return tea.Quit
	}
	return nil
}

func (m *Model) confirmView() string {
	c := m.acc.accts.Confirm(m.acc.op, m.acc.target)
	parts := []string{m.wrap(m.st.Value.Render(c.Question))}
	lines := make([]string, len(c.Details))
	for i, d := range c.Details {
		lines[i] = m.para(d)
	}
	parts = append(parts, strings.Join(lines, "\n"))
	parts = append(parts, m.choiceLines(m.acc.confirmCursor, [2]string{"Cancel, change nothing", ""}, [2]string{c.Yes, ""}))
	switch {
	case m.acc.busy:
		parts = append(parts, m.st.Text.Render("Removing…"))
	case m.acc.opErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ "+flow.ErrText(m.acc.opErr))))
	}
	return strings.Join(parts, "\n\n")
}
