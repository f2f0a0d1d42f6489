package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/configstore"
)

const stepHome step = "home"

// homeScreen says which login k6 uses and leads to everything else.
type homeScreen struct{}

func (homeScreen) title() string                           { return "" }
func (homeScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyHome(msg) }
func (homeScreen) view(m *Model) string                    { return m.homeView() }
func (homeScreen) busy(m *Model) bool                      { return !m.acc.ovLoaded }

func (homeScreen) help(m *Model) stepKeys {
	k := &m.keys
	if !m.acc.ovLoaded {
		return only(k.Quit)
	}
	var extra []key.Binding
	for _, it := range m.homeItems() {
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
func homeShortcut(k *keyMap, h homeItem) (key.Binding, bool) {
	switch h {
	case homeReview:
		return k.GoReview, true
	case homeSwitch:
		return k.GoSwitch, true
	case homeAdd:
		return k.GoAdd, true
	case homeValidate:
		return k.GoValidate, true
	case homeReset:
		return k.GoReset, true
	}
	return key.Binding{}, false
}

// homeItem is one entry of the home menu.
type homeItem int

const (
	homeReview homeItem = iota
	homeKeep
	homeSwitch
	homeAdd
	homeValidate
	homeReset
	homeQuit
)

func (h homeItem) label() (name, about string) {
	switch h {
	case homeReview:
		return "Review", "token, project, file, environment"
	case homeKeep:
		return "Keep this login", "save it as an account to switch back to"
	case homeSwitch:
		return "Switch account", "use another saved account"
	case homeAdd:
		return "Add an account", "log in with another token"
	case homeValidate:
		return "Validate again", "check the token still works"
	case homeReset:
		return "Reset / sign out", "sign out or forget accounts"
	default:
		return "Quit", ""
	}
}

// homeItems are the menu entries that apply: with no login in k6's config
// there is nothing to review or validate.
func (m *Model) homeItems() []homeItem {
	_, active := m.active()
	switch {
	case active && m.acc.ov.Active < 0:
		// Only k6's config holds this login (k6 cloud login wrote it, say).
		return []homeItem{homeReview, homeKeep, homeSwitch, homeAdd, homeValidate, homeReset, homeQuit}
	case active:
		return []homeItem{homeReview, homeSwitch, homeAdd, homeValidate, homeReset, homeQuit}
	case len(m.acc.ov.Accounts) > 0:
		return []homeItem{homeSwitch, homeAdd, homeReset, homeQuit}
	default:
		return []homeItem{homeAdd, homeQuit}
	}
}

func (m *Model) keyHome(msg tea.KeyMsg) tea.Cmd {
	if !m.acc.ovLoaded {
		if key.Matches(msg, m.keys.QuitLetter) {
			m.quitting = true
			return tea.Quit
		}
		return nil
	}
	items := m.homeItems()
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
		return m.chooseHome(homeQuit)
	default:
		for _, it := range items {
			if b, ok := homeShortcut(k, it); ok && key.Matches(msg, b) {
				return m.chooseHome(it)
			}
		}
	}
	return nil
}

func (m *Model) chooseHome(h homeItem) tea.Cmd {
	for i, it := range m.homeItems() {
		if it == h {
			m.acc.homeCursor = i
		}
	}
	m.setNote("", false)
	m.help.ShowAll = false
	switch h {
	case homeReview:
		return m.goAccount()
	case homeValidate:
		cmd := m.goAccount()
		return tea.Batch(cmd, m.validateAgain())
	case homeKeep:
		return keepCmd(m.deps.Accounts, m.writeSeq())
	case homeSwitch:
		return m.goSwitch()
	case homeAdd:
		return m.goAdd()
	case homeReset:
		return m.goReset()
	}
	m.quitting = true
	return tea.Quit
}

// goAdd runs the wizard from its first step; Esc there comes back home.
func (m *Model) goAdd() tea.Cmd {
	m.stackInput.Reset()
	m.tokenInput.Reset()
	m.stackURL, m.token, m.refusedTail, m.tokenErr = "", "", "", ""
	m.choice = projectChoice{}
	m.modeCursor = 0
	m.saveErr = nil
	return m.goStack()
}

func (m *Model) homeView() string {
	if !m.acc.ovLoaded {
		return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Reading k6's config and your saved accounts…"))
	}
	var parts []string
	if a, ok := m.active(); ok {
		head := m.st.Text.Render("k6 uses ") + m.st.Value.Render(a.Name)
		if m.activeUnsaved() && m.acc.ovErr == nil {
			head += m.st.Warn.Render(" (not saved)")
		}
		rows := [][2]string{
			{"Stack", a.StackURL},
			{"Project", m.projectText(a)},
			{"Token", configstore.MaskToken(a.Token)},
		}
		if !m.activeUnsaved() {
			rows = append(rows, [2]string{"Validated", m.ago(a.LastValidated)})
		}
		parts = append(parts, m.wrap(head)+"\n"+m.compactTable(rows))
		if m.activeUnsaved() && m.acc.ovErr == nil {
			parts = append(parts, m.wrap(m.st.Subtle.Render("Only in k6's config; it is saved as an account when you validate it or switch away.")))
		}
	} else {
		n := len(m.acc.ov.Accounts)
		s := "k6 is signed out: its config holds no cloud login."
		switch {
		case n == 1:
			s += " 1 account is saved: switch to it, or add another."
		case n > 1:
			s += fmt.Sprintf(" %d accounts are saved: switch to one, or add another.", n)
		case m.acc.ovErr == nil:
			s += " No account is saved: add one."
		}
		parts = append(parts, m.para(s))
	}
	if w := m.overridesLine(); w != "" {
		parts = append(parts, w)
	}
	if m.acc.ovErr != nil {
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ "+sentence(m.acc.ovErr.Error()))))
	}
	if m.acc.note != "" {
		parts = append(parts, m.noteView())
	}
	parts = append(parts, m.homeMenu())
	return strings.Join(parts, "\n\n")
}

func (m *Model) homeMenu() string {
	items := m.homeItems()
	narrow := m.contentWidth() < 60
	lines := make([]string, 0, len(items))
	for i, it := range items {
		name, about := it.label()
		line := name
		if !narrow && about != "" {
			line = fmt.Sprintf("%-18s", name) + m.st.Subtle.Render(about)
		}
		if i == m.acc.homeCursor {
			lines = append(lines, ansi.Truncate(m.st.Selected.Render("> "+name)+strings.TrimPrefix(line, name), m.contentWidth(), "…"))
			continue
		}
		lines = append(lines, ansi.Truncate("  "+line, m.contentWidth(), "…"))
	}
	return strings.Join(lines, "\n")
}

// projectText says which project k6 cloud runs go to.
func (m *Model) projectText(a configstore.Account) string {
	return describeProject(a, m.acc.nameID, m.acc.name)
}

// describeProject says which project k6 cloud runs go to, with its name when
// the account recorded one or a lookup found lookedUpName for lookedUpID.
func describeProject(a configstore.Account, lookedUpID int64, lookedUpName string) string {
	if a.ProjectID == 0 {
		return fmt.Sprintf("stack default (%d)", a.DefaultProjectID)
	}
	s := strconv.FormatInt(a.ProjectID, 10)
	switch {
	case a.ProjectName != "":
		s += " (" + a.ProjectName + ")"
	case lookedUpID == a.ProjectID && lookedUpName != "":
		s += " (" + lookedUpName + ")"
	}
	return s
}

// ago says how long ago t was, in words; "never" for the zero time.
func (m *Model) ago(t time.Time) string { return agoAt(m.deps.now(), t) }

// agoAt is Model.ago with now given.
func agoAt(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	unit := func(n int, one string) string {
		if n == 1 {
			return "1 " + one + " ago"
		}
		return strconv.Itoa(n) + " " + one + "s ago"
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return unit(int(d/time.Hour), "hour")
	case d < 60*24*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	}
	return "on " + t.UTC().Format("2 Jan 2006")
}

// overridesLine is the home screen's one-line warning about variables that
// make k6 ignore the config; the review screen lists them.
func (m *Model) overridesLine() string {
	if len(m.overrides) == 0 {
		return ""
	}
	names := make([]string, len(m.overrides))
	for i, o := range m.overrides {
		names[i] = o.Var
	}
	what := "is set and overrides"
	if len(names) > 1 {
		what = "are set and override"
	}
	return m.wrap(m.st.Warn.Render("⚠ " + strings.Join(names, ", ") + " " + what + " k6's config for k6 (see Review)."))
}
