package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepWelcome step = "welcome"

// welcomeScreen says what the wizard does, where it saves and where the
// token will be sent, before anything is sent.
type welcomeScreen struct{}

func (welcomeScreen) title() string       { return "" }
func (welcomeScreen) flowStep() flow.Step { return flow.Welcome }

func (welcomeScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Start):
		return m.goStack()
	case key.Matches(msg, m.keys.QuitLetter):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (welcomeScreen) help(m *Model) stepKeys {
	k := &m.keys
	return stepKeys{
		short: []key.Binding{k.Start, k.QuitLetter, k.Help},
		full:  [][]key.Binding{{k.Start}, {k.QuitLetter, k.Quit, closeHelp(k.Help)}},
	}
}

func (welcomeScreen) view(m *Model) string {
	var parts []string
	parts = append(parts, m.para("This wizard logs k6 in to Grafana Cloud k6: it checks your API token against your stack, lets you pick a project, and saves the result where k6 reads it. Nothing is written until you confirm."))
	path := "(no file)"
	if m.deps.Store != nil {
		path = authclient.SafeText(m.deps.Store.Path())
	}
	parts = append(parts, m.para("Credentials will be saved to:")+"\n"+m.hang(m.st.Value.Render(path), 2))
	switch {
	case m.loadErr != nil:
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ The file could not be read: "+authclient.SafeText(m.loadErr.Error()))))
	case m.loaded && m.snapshot.Exists && m.snapshot.Credentials.StackURL != "":
		c := m.snapshot.Credentials
		parts = append(parts, m.para(flow.HoldsLogin(c)))
	case m.loaded && m.snapshot.Exists:
		parts = append(parts, m.para("The file exists; saving keeps every other setting in it."))
	}
	if note := flow.EndpointNote(m.deps.Endpoint); note != "" {
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ "+note)))
	}
	if w := m.warnLines(flow.OverridesBeside(m.overrides, m.deps.Endpoint)); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, "\n\n")
}
