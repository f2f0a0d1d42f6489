package tui

import (
	"fmt"
	"strings"
	"unicode"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/bubbles/key"
	"github.com/k6login/k6login/authclient"
)

const stepToken step = "token"

// tokenState is what the token step keeps.
type tokenState struct {
	tokenInput  field
	tokenErr    string
	refusedTail string // how the last refused token ended, to say which one was refused
}

// tokenScreen asks for the token, masked.
type tokenScreen struct{}

func (tokenScreen) title() string                           { return numbered(2, "Token") }
func (tokenScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyToken(msg) }
func (tokenScreen) view(m *Model) string                    { return m.tokenView() }
func (tokenScreen) help(m *Model) stepKeys                  { return m.keys.fieldKeys(m.keys.Check) }

func (m *Model) goToken() tea.Cmd {
	m.setStep(stepToken)
	m.tokenInput.CursorEnd()
	m.tokenInput.Focus()
	return nil
}

func (m *Model) keyToken(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Check):
		tok, err := authclient.CleanToken(m.tokenInput.Value())
		if err != nil {
			m.tokenErr = sentence(err.Error())
			return nil
		}
		m.token = tok
		m.tokenErr = ""
		return m.startValidation()
	case key.Matches(msg, m.keys.Back):
		return m.goStack()
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

func (m *Model) tokenView() string {
	var b strings.Builder
	b.WriteString(m.para("Paste an API token for " + m.stackURL + "."))
	b.WriteString("\n")
	b.WriteString(m.wrap(m.st.Subtle.Render("Create one in Grafana Cloud at " + m.stackURL + ": Testing & synthetics → Performance → Settings → Access → Personal token (or Stack token, for CI; admins only).")))
	if m.refusedTail != "" {
		b.WriteString("\n\n" + m.wrap(m.st.Warn.Render("The token ending in …"+m.refusedTail+" was refused; paste another one.")))
	}
	b.WriteString("\n\n" + m.tokenInput.View() + "\n")
	if d := describeToken(strings.TrimSpace(m.tokenInput.Value())); d != "" {
		b.WriteString(m.st.Subtle.Render(d))
	}
	if m.tokenErr != "" {
		b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.tokenErr)))
	}
	return b.String()
}

func tokenTail(tok string) string {
	r := []rune(tok)
	if len(r) < 12 {
		return ""
	}
	return string(r[len(r)-4:])
}

// describeToken says enough about a token to recognise it, never enough to use it.
func describeToken(tok string) string {
	n := len([]rune(tok))
	if n == 0 {
		return ""
	}
	unit := "characters"
	if n == 1 {
		unit = "character"
	}
	if tail := tokenTail(tok); tail != "" {
		return fmt.Sprintf("%d %s, ends in …%s", n, unit, tail)
	}
	return fmt.Sprintf("%d %s", n, unit)
}
