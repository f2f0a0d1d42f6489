package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepReset step = "reset" // sign out, forget one, forget all

// resetState is the reset screens' cursors, the operation and its outcome.
type resetState struct {
	resetCursor   int
	op            flow.Op
	confirmCursor int // 0 is "cancel", the default
	opErr         error
	done          flow.Outcome
	doneCursor    int
}

const resetTitle = "Reset / sign out"

// resetScreen offers what can be removed, safest first.
type resetScreen struct{}

func (resetScreen) title() string                           { return resetTitle }
func (resetScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyReset(msg) }
func (resetScreen) view(m *Model) string                    { return m.resetView() }
func (resetScreen) help(m *Model) stepKeys                  { return m.keys.menu(m.keys.BackHome) }

func (m *Model) goReset() tea.Cmd {
	m.stopAccountRequests()
	m.acc.resetCursor, m.acc.opErr = 0, nil
	m.setStep(stepReset)
	return nil
}

func (m *Model) keyReset(msg tea.KeyMsg) tea.Cmd {
	ops := m.acc.accts.ResetChoices()
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.resetCursor = max(0, m.acc.resetCursor-1)
	case key.Matches(msg, k.Down):
		m.acc.resetCursor = min(len(ops)-1, m.acc.resetCursor+1)
	case key.Matches(msg, k.Choose):
		switch op := ops[m.acc.resetCursor]; op {
		case flow.OpNone:
			return m.goHome()
		case flow.OpForget:
			m.buildAccountList(false)
			m.setStep(stepForgetPick)
		default:
			m.confirm(op)
		}
	case key.Matches(msg, k.Back):
		return m.goHome()
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

// accountsPath names the saved-accounts file, safe to show.
func (m *Model) accountsPath() string { return flow.AccountsFile(m.deps.AccountsPath) }

func (m *Model) resetView() string {
	accts := &m.acc.accts
	ops := accts.ResetChoices()
	items := make([][2]string, len(ops))
	for i, op := range ops {
		name, about := accts.ResetLabel(op)
		items[i] = [2]string{name, about}
	}
	parts := []string{m.para(flow.ResetIntro), m.choiceLines(m.acc.resetCursor, items...)}
	return strings.Join(parts, "\n\n")
}
