package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

const stepSaved step = "saved"

// savedScreen says what was written and what to run next.
type savedScreen struct{}

func (savedScreen) title() string        { return "" }
func (savedScreen) view(m *Model) string { return m.savedView() }

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
	m.result = Result{Saved: true, Credentials: m.credentials(), SaveResult: msg.res, TokenMode: m.mode,
		Action: ActionLogin, Account: msg.account, RecordErr: msg.recErr, ProjectName: m.chosenProjectName()}
	m.setStep(stepSaved)
	m.help.ShowAll = false
	if m.quitAfterSave {
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) savedView() string {
	res := m.result.SaveResult
	var parts []string
	head := m.st.OK.Render("✓ Saved to " + m.deps.Store.Path())
	var notes []string
	if res.Created {
		notes = append(notes, "The file was created.")
	}
	if res.TightenedFrom != 0 {
		notes = append(notes, fmt.Sprintf("Its permissions were tightened from %04o to 0600: it holds a token.", res.TightenedFrom.Perm()))
	}
	if len(notes) > 0 {
		head += "\n" + m.st.Subtle.Render(strings.Join(notes, " "))
	}
	parts = append(parts, m.wrap(head))
	parts = append(parts, m.table(m.summaryRows(m.result.Credentials)))
	switch {
	case m.result.RecordErr != nil:
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ k6 is logged in. "+sentence(m.result.RecordErr.Error()))))
	case m.result.Account != "":
		path := m.accountsPath()
		parts = append(parts, m.wrap(m.st.Subtle.Render("Saved as the account "+m.result.Account+" in "+path+".")))
	}
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	parts = append(parts, m.para("k6 is ready for cloud tests. Next, run:")+"\n"+m.st.Accent.Render("  k6 cloud run script.js"))
	return strings.Join(parts, "\n\n")
}
