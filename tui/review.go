package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepReview step = "review"

// reviewState is the save in flight and how it failed.
type reviewState struct {
	saving  bool
	saveErr error
}

// reviewScreen shows what will be written, masked, and saves on Enter.
type reviewScreen struct{}

func (reviewScreen) title() string       { return numbered(5, "Review") }
func (reviewScreen) flowStep() flow.Step { return flow.Review }

func (reviewScreen) enter(m *Model) tea.Cmd {
	m.saveErr = nil
	return nil
}

func (reviewScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch {
	case m.saving:
		return only(k.Quit)
	case m.saveErr != nil:
		return k.withToggle(k.Back, k.RetryEnter)
	}
	return k.withToggle(k.Back, k.Save)
}

func (reviewScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	if m.saving {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Save):
		m.saving = true
		m.saveErr = nil
		return saveCmd(m.deps, m.login.Credentials(), fromConfigMode(m.login.Mode), m.login.ProjectName())
	case key.Matches(msg, m.keys.Back):
		m.saveErr = nil
		m.login.Back()
		return m.follow()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (reviewScreen) view(m *Model) string {
	var parts []string
	rows := append([]flow.Row{{Label: "File", Value: authclient.SafeText(m.deps.Store.Path())}}, m.login.Summary()...)
	parts = append(parts, m.para("Ready to save. This is what will be written:")+"\n"+m.table(rows))
	parts = append(parts, m.wrap(m.st.Subtle.Render(flow.ReviewNote)))
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	switch {
	case m.saving:
		parts = append(parts, m.st.Text.Render("Saving…"))
	case m.saveErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ Could not save: "+authclient.SafeText(m.saveErr.Error())))+"\n"+
			m.wrap(m.st.Subtle.Render("Press Enter to try again, or Esc to go back. Nothing else changed.")))
	}
	return strings.Join(parts, "\n\n")
}
