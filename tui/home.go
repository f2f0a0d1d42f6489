package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepHome step = "home"

// homeScreen says which login k6 uses and leads to everything else.
type homeScreen struct{}

func (homeScreen) title() string      { return "" }
func (homeScreen) busy(m *Model) bool { return !m.acc.ovLoaded }

func (homeScreen) help(m *Model) stepKeys {
	k := &m.keys
	if !m.acc.ovLoaded {
		return only(k.Quit)
	}
	var extra []key.Binding
	for _, it := range m.acc.accts.HomeItems() {
		if b, ok := homeShortcut(k, it); ok {
			extra = append(extra, b)
		}
	}
	s := k.menu(k.QuitLetter, extra...)
	s.short = []key.Binding{k.Move, k.Choose, k.QuitLetter, k.Help}
	s.full[1] = []key.Binding{k.QuitLetter, k.Quit, closeHelp(k.Help)}
	return s
}

// homeShortcut is the letter that picks a home menu entry, if it has one.
func homeShortcut(k *keyMap, h flow.HomeItem) (key.Binding, bool) {
	switch h {
	case flow.HomeReview:
		return k.GoReview, true
	case flow.HomeSwitch:
		return k.GoSwitch, true
	case flow.HomeAdd:
		return k.GoAdd, true
	case flow.HomeValidate:
		return k.GoValidate, true
	case flow.HomeReset:
		return k.GoReset, true
	case flow.HomeCheckAll:
		return k.GoCheckAll, true
	}
	return key.Binding{}, false
}

func (homeScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	if !m.acc.ovLoaded {
		if key.Matches(msg, m.keys.QuitLetter) {
			m.quitting = true
			return tea.Quit
		}
		return nil
	}
	items := m.acc.accts.HomeItems()
	k := &m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.acc.homeCursor = max(0, m.acc.homeCursor-1)
	case key.Matches(msg, k.Down):
		m.acc.homeCursor = min(len(items)-1, m.acc.homeCursor+1)
	case key.Matches(msg, k.Choose):
		return m.chooseHome(items[m.acc.homeCursor])
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		return m.chooseHome(flow.HomeQuit)
	default:
		for _, it := range items {
			if b, ok := homeShortcut(k, it); ok && key.Matches(msg, b) {
				return m.chooseHome(it)
			}
		}
	}
	return nil
}

func (m *Model) chooseHome(h flow.HomeItem) tea.Cmd {
	for i, it := range m.acc.accts.HomeItems() {
		if it == h {
			m.acc.homeCursor = i
		}
	}
	m.setNote("", false)
	m.help.ShowAll = false
	switch h {
	case flow.HomeReview:
		return m.goAccount()
	case flow.HomeValidate:
		cmd := m.goAccount()
		return tea.Batch(cmd, m.validateAgain())
	case flow.HomeKeep:
		return keepCmd(m.deps.Accounts, m.writeSeq())
	case flow.HomeSwitch:
		return m.goSwitch()
	case flow.HomeAdd:
		return m.goAdd()
	case flow.HomeReset:
		return m.goReset()
	case flow.HomeCheckAll:
		return m.goCheckAll()
	}
	m.quitting = true
	return tea.Quit
}

// goAdd runs the wizard from its first step; Esc there comes back home.
func (m *Model) goAdd() tea.Cmd {
	m.stackInput.Reset()
	m.tokenInput.Reset()
	m.tokenErr = ""
	m.login = flow.Login{}
	m.modeCursor = 0
	m.saveErr = nil
	return m.goStack()
}

func (homeScreen) view(m *Model) string {
	if !m.acc.ovLoaded {
		return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Reading k6's config and your saved accounts…"))
	}
	accts := &m.acc.accts
	var parts []string
	if a, ok := accts.Active(); ok {
		head := m.st.Text.Render("k6 uses ") + m.st.Value.Render(authclient.SafeText(a.Name))
		if accts.KnownUnsaved() {
			head += m.st.Warn.Render(" (not saved)")
		}
		parts = append(parts, m.wrap(head)+"\n"+m.compactTable(accts.HomeRows(m.acc.lookup, m.deps.now())))
		if accts.KnownUnsaved() {
			parts = append(parts, m.wrap(m.st.Subtle.Render(flow.UnsavedNote)))
		}
	} else {
		parts = append(parts, m.para(accts.SignedOut()))
	}
	if w := m.overridesLine(); w != "" {
		parts = append(parts, w)
	}
	if accts.Err != nil {
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ "+flow.ErrText(accts.Err))))
	}
	if m.acc.note != "" {
		parts = append(parts, m.noteView())
	}
	parts = append(parts, m.homeMenu())
	return strings.Join(parts, "\n\n")
}

func (m *Model) homeMenu() string {
	items := m.acc.accts.HomeItems()
	narrow := m.contentWidth() < 60
	lines := make([]string, 0, len(items))
	col := 18 // the names' column, two spaces wider than the longest name
	for _, it := range items {
		name, _ := it.Label()
		col = max(col, len(name)+2)
	}
	for i, it := range items {
		name, about := it.Label()
		line := name
		if !narrow && about != "" {
			line = fmt.Sprintf("%-*s", col, name) + m.st.Subtle.Render(about)
		}
		if i == m.acc.homeCursor {
			lines = append(lines, ansi.Truncate(m.st.Selected.Render("> "+name)+strings.TrimPrefix(line, name), m.contentWidth(), "…"))
			continue
		}
		lines = append(lines, ansi.Truncate("  "+line, m.contentWidth(), "…"))
	}
	return strings.Join(lines, "\n")
}

// overridesLine is the home screen's one-line warning about variables that
// make k6 ignore the config; the review screen lists them, and the line
// points there only while home offers it.
func (m *Model) overridesLine() string {
	review := slices.Contains(m.acc.accts.HomeItems(), flow.HomeReview)
	if s := flow.OverrideNames(m.overrides, review); s != "" {
		return m.wrap(m.st.Warn.Render("⚠ " + s))
	}
	return ""
}
