package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/tui/flow"
)

const stepResetDone step = "reset-done" // what was removed, and where to go next

// resetDoneScreen says what was removed and where to go next.
type resetDoneScreen struct{}

func (resetDoneScreen) title() string                           { return resetTitle }
func (resetDoneScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyResetDone(msg) }
func (resetDoneScreen) view(m *Model) string                    { return m.resetDoneView() }

func (resetDoneScreen) help(m *Model) stepKeys {
	if m.offerSwitch() {
		return m.keys.menu(m.keys.BackHome)
	}
	return only(m.keys.ToHome, m.keys.QuitLetter)
}

// offerSwitch: the account k6 used was forgotten and others are saved.
func (m *Model) offerSwitch() bool { return m.acc.done.OfferSwitch(m.acc.accts) }

func (m *Model) keyResetDone(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case m.offerSwitch() && key.Matches(msg, k.Up):
		m.acc.doneCursor = 0
	case m.offerSwitch() && key.Matches(msg, k.Down):
		m.acc.doneCursor = 1
	case key.Matches(msg, k.Choose):
		if m.offerSwitch() && m.acc.doneCursor == 0 {
			return m.goSwitch()
		}
		return m.goHome()
	case key.Matches(msg, k.Back):
		return m.goHome()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) resetDoneView() string {
	headline, more := m.acc.done.Done()
	parts := []string{m.wrap(m.st.OK.Render("✓ " + headline))}
	for _, s := range more {
		parts = append(parts, m.para(s))
	}
	if m.offerSwitch() {
		parts = append(parts, m.choiceLines(m.acc.doneCursor, [2]string{flow.OfferSwitchLabel, ""}, [2]string{"Back to home", ""}))
	}
	return strings.Join(parts, "\n\n")
}
