package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

const stepSwitch step = "switch" // pick an account

// switchState is the switch screens' list and the account switched to (the
// forget screen uses the list and target too).
type switchState struct {
	list       accountList
	target     configstore.Account
	swCheck    request
	swErr      error // the check failed
	swWriteErr error // the check passed (or was skipped) but k6's config was not written
	swChecked  bool  // the target was validated just now
}

const switchTitle = "Switch account"

// switchScreen picks the saved account k6 should use.
type switchScreen struct{}

func (switchScreen) title() string                           { return switchTitle }
func (switchScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitch(msg) }
func (switchScreen) view(m *Model) string                    { return m.switchView() }

// busy: NewSwitch's picker is still reading the accounts.
func (switchScreen) busy(m *Model) bool { return !m.acc.ovLoaded }

func (switchScreen) help(m *Model) stepKeys {
	if !m.acc.ovLoaded {
		return only(m.keys.Quit)
	}
	back := m.keys.BackHome
	if m.acc.switchOnly {
		back = m.keys.BackQuit
	}
	return m.keys.list(&m.acc.list.pickList, back)
}

// accountList is the switch and forget screens' list of accounts.
type accountList struct {
	pickList
	entries   []flow.Entry
	nameCols  []int // each name's width on screen, measured once
	nameWidth int   // the name column, from the accounts shown
}

func (l *accountList) selected() (flow.Entry, bool) {
	if i, ok := l.pickList.selected(); ok {
		return l.entries[i], true
	}
	return flow.Entry{}, false
}

// buildAccountList fills the list from the overview; withUnsaved adds the login
// that only k6's config holds (it can be switched back to, not forgotten).
func (m *Model) buildAccountList(withUnsaved bool) {
	l := &m.acc.list
	l.entries = m.acc.accts.Entries(withUnsaved)
	l.nameCols = make([]int, len(l.entries))
	targets := make([]string, len(l.entries))
	for i, e := range l.entries {
		l.nameCols[i] = ansi.StringWidth(e.Name())
		targets[i] = strings.ToLower(e.Account.Name + " " + e.Account.StackURL)
	}
	l.reset(targets)
	// Start on the first account that is not in use: that is where a switch goes.
	for i, e := range l.entries {
		if !e.Active {
			l.selectEntry(i)
			break
		}
	}
}

// listKey moves in the list and filters it. It reports chosen on Enter with
// an account selected, and back on Esc with no filter to clear.
func (m *Model) listKey(msg tea.KeyMsg) (cmd tea.Cmd, chosen, back bool) {
	l := &m.acc.list
	if cmd, ok := l.key(msg, &m.keys); ok {
		return cmd, false, false
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Choose):
		_, ok := l.selected()
		return nil, ok, false
	case key.Matches(msg, k.Back):
		return nil, false, true
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit, false, false
	}
	return nil, false, false
}

// listView draws the filter line and up to rows accounts around the cursor.
func (m *Model) listView(rows int) string {
	l := &m.acc.list
	nameWidth := 0
	for _, i := range l.shown {
		nameWidth = max(nameWidth, l.nameCols[i])
	}
	l.nameWidth = min(nameWidth, 28)
	return l.view(rows, m.contentWidth())
}

// drawAccountRow is one row of the account list (pickList.draw).
func (m *Model) drawAccountRow(i int, selected bool, width int) string {
	l := &m.acc.list
	e := l.entries[i]
	mark := "○ "
	if e.Active {
		mark = "● "
	}
	name := e.Name()
	var tags []string
	switch {
	case width >= 60:
		name += strings.Repeat(" ", max(0, l.nameWidth-l.nameCols[i]))
		name = ansi.Truncate(name, l.nameWidth, "…")
		tags = e.Tags(false)
	case e.Unsaved:
		tags = []string{"not saved", "in use"}
	case e.Active:
		tags = []string{"in use"}
	}
	detail := ""
	if len(tags) > 0 {
		detail = "  " + m.st.Subtle.Render(strings.Join(tags, " · "))
	}
	if selected {
		return ansi.Truncate(m.st.Selected.Render("> "+mark+name)+detail, width, "…")
	}
	return ansi.Truncate("  "+mark+name+detail, width, "…")
}

// fitList draws a screen's body holding a list with as many rows as fit the
// terminal under the header and above the footer (at least 3).
func (m *Model) fitList(s screen, body func(rows int) string) string {
	used := lipgloss.Height(m.headerView(s.title()) + "\n" + body(1) + "\n\n" + m.footerView(s.help(m)))
	return body(max(3, 1+m.height-used))
}

func (m *Model) goSwitch() tea.Cmd {
	m.stopAccountRequests()
	m.acc.swErr, m.acc.swWriteErr = nil, nil
	m.buildAccountList(true)
	m.setStep(stepSwitch)
	return nil
}

func (m *Model) keySwitch(msg tea.KeyMsg) tea.Cmd {
	cmd, chosen, back := m.listKey(msg)
	switch {
	case back && m.acc.switchOnly:
		m.quitting = true
		return tea.Quit
	case back:
		return m.goHome()
	case chosen:
		e, _ := m.acc.list.selected()
		if e.Active {
			m.setNote(flow.AlreadyUsed(e.Account), false)
			return nil
		}
		m.setNote("", false)
		m.acc.target = e.Account
		return m.startSwitch()
	}
	if msg.String() != "enter" {
		m.setNote("", false)
	}
	return cmd
}

func (m *Model) switchView() string {
	if !m.acc.ovLoaded {
		return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Reading your saved accounts…"))
	}
	intro := m.para(flow.SwitchIntro)
	if m.acc.accts.Err != nil {
		intro += "\n\n" + m.wrap(m.st.Warn.Render("⚠ "+flow.ErrText(m.acc.accts.Err)))
	}
	if len(m.acc.list.entries) == 0 {
		return intro + "\n\n" + m.para("No account is saved yet. Go back and add one.")
	}
	return m.fitList(switchScreen{}, func(rows int) string {
		parts := []string{intro, m.listView(rows)}
		if m.acc.note != "" {
			parts = append(parts, m.noteView())
		}
		return strings.Join(parts, "\n\n")
	})
}
