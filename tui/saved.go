package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepSaved step = "saved"

// savedScreen says what was written and what to run next.
type savedScreen struct{}

func (savedScreen) title() string       { return "" }
func (savedScreen) flowStep() flow.Step { return flow.Saved }

func (savedScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	if m.acc.home && key.Matches(msg, m.keys.ToHome) {
		return m.goHome()
	}
	if key.Matches(msg, m.keys.Done) {
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (savedScreen) help(m *Model) stepKeys {
	k := &m.keys
	if m.acc.home {
		return only(k.ToHome, k.QuitLetter)
	}
	return only(k.Done)
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.saveErr = msg.err
		if m.quitAfterSave {
			m.quitting = true
			return tea.Quit
		}
		return nil
	}
	m.result = loginResult(m.deps, &m.login, msg)
	m.login.Step = flow.Saved
	cmd := m.follow()
	if m.quitAfterSave {
		m.quitting = true
		return tea.Quit
	}
	return cmd
}

func (savedScreen) view(m *Model) string {
	res := m.result.SaveResult
	var parts []string
	head := m.st.OK.Render("✓ Saved to " + authclient.SafeText(m.deps.Store.Path()))
	if notes := flow.SaveNotes(res); len(notes) > 0 {
		head += "\n" + m.st.Subtle.Render(strings.Join(notes, " "))
	}
	parts = append(parts, m.wrap(head))
	parts = append(parts, m.table(m.login.Summary()))
	switch {
	case m.result.RecordErr != nil:
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ k6 is logged in. "+flow.ErrText(m.result.RecordErr))))
	case m.result.Account != "":
		parts = append(parts, m.wrap(m.st.Subtle.Render("Saved as the account "+authclient.SafeText(m.result.Account)+" in "+m.accountsPath()+".")))
	}
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	if m.demo() {
		// The file is thrown away on exit: k6 cannot use it.
		parts = append(parts, m.para(flow.DemoDone))
	} else {
		parts = append(parts, m.para(flow.Ready)+"\n"+m.st.Accent.Render("  "+flow.NextCommand))
	}
	return strings.Join(parts, "\n\n")
}
