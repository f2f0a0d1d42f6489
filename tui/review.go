package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
)

const stepReview step = "review"

// reviewState is the save in flight and how it failed.
type reviewState struct {
	saving  bool
	saveErr error
}

// reviewScreen shows what will be written, masked, and saves on Enter.
type reviewScreen struct{}

func (reviewScreen) title() string                           { return numbered(5, "Review") }
func (reviewScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyReview(msg) }
func (reviewScreen) view(m *Model) string                    { return m.reviewView() }

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

func (m *Model) keyReview(msg tea.KeyMsg) tea.Cmd {
	if m.saving {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Save):
		m.saving = true
		m.saveErr = nil
		return saveCmd(m.deps, m.credentials(), m.mode, m.chosenProjectName())
	case key.Matches(msg, m.keys.Back):
		m.saveErr = nil
		return m.goProject()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) goReview() tea.Cmd {
	m.setStep(stepReview)
	m.saveErr = nil
	return nil
}

// credentials are what Save writes: ProjectID stays 0 when the user chose the
// stack's default, so that k6 follows the default if it changes.
func (m *Model) credentials() configstore.Credentials {
	c := configstore.Credentials{
		Token:            m.token,
		StackID:          m.auth.StackID,
		StackURL:         m.stackURL,
		DefaultProjectID: m.auth.DefaultProjectID,
	}
	if m.choice.set && !m.choice.useDefault {
		c.ProjectID = m.choice.id
	}
	return c
}

// chosenProjectName is the name of an explicitly chosen project, "" for the stack's default.
func (m *Model) chosenProjectName() string {
	if m.choice.set && !m.choice.useDefault {
		return m.choice.name
	}
	return ""
}

// summaryRows is what will be (or was) written, the token masked.
func (m *Model) summaryRows(c configstore.Credentials) [][2]string {
	project := fmt.Sprintf("stack default (%d)", c.DefaultProjectID)
	if c.ProjectID != 0 {
		project = strconv.FormatInt(c.ProjectID, 10)
		if m.choice.name != "" {
			project += " (" + m.choice.name + ")"
		}
	}
	return [][2]string{
		{"Stack URL", c.StackURL},
		{"Stack ID", strconv.FormatInt(c.StackID, 10)},
		{"Token", configstore.MaskToken(c.Token)},
		{"Token type", m.mode.String()},
		{"Project", project},
		{"Default project", strconv.FormatInt(c.DefaultProjectID, 10)},
	}
}

func (m *Model) reviewView() string {
	var parts []string
	rows := append([][2]string{{"File", m.deps.Store.Path()}}, m.summaryRows(m.credentials())...)
	parts = append(parts, m.para("Ready to save. This is what will be written:")+"\n"+m.table(rows))
	parts = append(parts, m.wrap(m.st.Subtle.Render("Only the login keys under collectors.cloud change; other settings are kept.")))
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	switch {
	case m.saving:
		parts = append(parts, m.st.Text.Render("Saving…"))
	case m.saveErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ Could not save: "+m.saveErr.Error()))+"\n"+
			m.wrap(m.st.Subtle.Render("Press Enter to try again, or Esc to go back. Nothing else changed.")))
	}
	return strings.Join(parts, "\n\n")
}
