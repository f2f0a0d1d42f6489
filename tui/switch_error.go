package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepSwitchError step = "switch-error" // refused, unreachable, or not written

// switchErrorScreen says why the switch did not happen.
type switchErrorScreen struct{}

func (switchErrorScreen) title() string                           { return switchTitle }
func (switchErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitchError(msg) }
func (switchErrorScreen) view(m *Model) string                    { return m.switchErrorView() }

func (switchErrorScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch {
	case m.acc.swWriteErr != nil:
		return k.withToggle(k.Back, k.RetryEnter)
	case flow.Refused(m.acc.swErr):
		return k.withToggle(k.Back, k.SwitchAnyway)
	}
	return k.withToggle(k.Back, k.Retry, k.SwitchAnyway)
}

func (m *Model) keySwitchError(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.Back):
		m.setStep(stepSwitch)
	case m.acc.swWriteErr != nil:
		if key.Matches(msg, k.RetryEnter) {
			return m.activate()
		}
	case key.Matches(msg, k.SwitchAnyway):
		return m.activate()
	case !flow.Refused(m.acc.swErr) && key.Matches(msg, k.Retry):
		return m.startSwitch()
	}
	return nil
}

func (m *Model) switchErrorView() string {
	a := m.acc.target
	var b strings.Builder
	if m.acc.swWriteErr != nil {
		b.WriteString(m.wrap(m.st.Err.Render("✗ Could not switch to " + authclient.SafeText(a.Name))))
		b.WriteString("\n\n" + m.para(flow.ErrText(m.acc.swWriteErr)))
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render("Press Enter to try again, or Esc to go back.")))
		return b.String()
	}
	if m.acc.swErr == nil {
		return ""
	}
	f := flow.Describe(m.acc.swErr)
	b.WriteString(m.wrap(m.st.Err.Render("✗ " + f.Title + ": " + authclient.SafeText(a.Name))))
	b.WriteString("\n\n" + m.para(f.What))
	b.WriteString("\n\n" + m.para(f.Hint))
	next := "Press r or Enter to try again, s to switch anyway without the check, or Esc to go back. Nothing was changed."
	if flow.Refused(m.acc.swErr) {
		next = "k6 would be refused with this token. Press s to switch anyway, or Esc to go back. Nothing was changed."
	}
	b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(next)))
	return b.String()
}
