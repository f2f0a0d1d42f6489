package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepToken step = "token"

// tokenState is what the token step keeps.
type tokenState struct {
	tokenInput field
	tokenErr   string
	pageNote   string // what became of opening the token page
}

// pageOpenedMsg says how opening the token page in the browser went.
type pageOpenedMsg struct {
	url string
	err error
}

// tokenScreen asks for the token, masked.
type tokenScreen struct{}

func (tokenScreen) title() string                           { return numbered(2, "Token") }
func (tokenScreen) flowStep() flow.Step                     { return flow.Token }
func (tokenScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyToken(msg) }

func (tokenScreen) help(m *Model) stepKeys {
	if m.tokenPage() != "" {
		return m.keys.fieldKeys(m.keys.Check, m.keys.OpenPage)
	}
	return m.keys.fieldKeys(m.keys.Check)
}

// tokenPage is the stack's page where a token is made, "" when it cannot be
// opened from here.
func (m *Model) tokenPage() string {
	if m.deps.OpenURL == nil {
		return ""
	}
	return authclient.TokenPageURL(m.login.StackURL)
}

func (m *Model) onPageOpened(msg pageOpenedMsg) tea.Cmd {
	if msg.err != nil {
		m.pageNote = "No browser could be opened here: open " + authclient.SafeText(msg.url) + " yourself."
		return nil
	}
	m.pageNote = "Opened " + authclient.SafeText(msg.url) + " in your browser: copy a token there and paste it here."
	return nil
}

func (tokenScreen) enter(m *Model) tea.Cmd {
	m.pageNote = ""
	m.tokenInput.CursorEnd()
	m.tokenInput.Focus()
	return nil
}

func (tokenScreen) view(m *Model) string {
	var b strings.Builder
	b.WriteString(m.para("Paste an API token for " + authclient.SafeText(m.login.StackURL) + "."))
	b.WriteString("\n")
	b.WriteString(m.wrap(m.st.Subtle.Render(m.login.TokenHelp())))
	if note := flow.EndpointNote(m.deps.Endpoint); note != "" {
		// Said again here: "Add an account" on home starts at the stack step.
		b.WriteString("\n\n" + m.wrap(m.st.Warn.Render("⚠ "+note)))
	}
	if note := m.login.RefusedNote(); note != "" {
		b.WriteString("\n\n" + m.wrap(m.st.Warn.Render(note)))
	}
	b.WriteString("\n\n" + m.tokenInput.View() + "\n")
	if d := flow.DescribeToken(strings.TrimSpace(m.tokenInput.Value())); d != "" {
		b.WriteString(m.st.Subtle.Render(d))
	}
	if m.tokenErr != "" {
		b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.tokenErr)))
	}
	if m.pageNote != "" {
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(m.pageNote)))
	}
	return b.String()
}

func (m *Model) keyToken(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.OpenPage) && m.tokenPage() != "":
		url, open := m.tokenPage(), m.deps.OpenURL
		m.pageNote = "Opening " + authclient.SafeText(url) + "…"
		return func() tea.Msg { return pageOpenedMsg{url: url, err: open(url)} }
	case key.Matches(msg, m.keys.Check):
		if err := m.login.SetToken(m.tokenInput.Value()); err != nil {
			m.tokenErr = err.Error()
			return nil
		}
		m.tokenErr = ""
		return m.follow()
	case key.Matches(msg, m.keys.Back):
		m.login.Back()
		return m.follow()
	}
	if msg.Type == tea.KeyCtrlV {
		// A terminal that pastes on Ctrl+V sends the text, not the key.
		m.tokenErr = "Ctrl+V reached k6login as a key, so this terminal does not paste with it: use its paste (Ctrl+Shift+V, Cmd+V, or a right click)."
		return nil
	}
	if msg.Type == tea.KeyRunes && hasControlRune(cleanPaste(msg).Runes) {
		// The field would drop them silently and send what is left.
		m.tokenErr = "What was pasted holds control characters (an escape sequence, say), which no token has; paste only the token."
		return nil
	}
	if m.tokenInput.Update(cleanPaste(msg)) {
		m.tokenErr = ""
	}
	return nil
}

func hasControlRune(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// cleanPaste takes the line breaks out of a bracketed paste, and the spaces
// around it: a token copied from a web page often comes with both.
func cleanPaste(msg tea.KeyMsg) tea.KeyMsg {
	if !msg.Paste {
		return msg
	}
	s := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, string(msg.Runes))
	msg.Runes = []rune(strings.TrimSpace(s))
	return msg
}
