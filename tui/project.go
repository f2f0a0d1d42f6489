package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
)

const stepProject step = "project"

// projectState is the project step's list, its loading, and the typed ID.
type projectState struct {
	projLoad   request
	projects   []authclient.Project
	projErr    error
	projLoaded bool
	projItems  []projectItem // the list's entries, the stack's default first for a personal token
	projList   pickList
	listReady  bool
	listMode   TokenMode // the mode the list was built for
	idOpen     bool
	idInput    field
	idErr      string
	idCheck    request
	idSeq      int // the seq of the ID check in flight, 0 when none
}

// projectScreen picks the project k6 cloud runs go to, from the stack's list
// or by a typed ID.
type projectScreen struct{}

func (projectScreen) title() string                           { return numbered(4, "Project") }
func (projectScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keyProject(msg) }
func (projectScreen) view(m *Model) string                    { return m.projectView() }
func (projectScreen) help(m *Model) stepKeys                  { return m.projectHelpKeys() }

func (projectScreen) busy(m *Model) bool {
	return m.idSeq != 0 || (!m.projLoaded && m.projLoad.seq != 0)
}

// projectItem is one line of the project list. The label and the filter text
// are built once, when the projects arrive.
type projectItem struct {
	useDefault bool
	id         int64
	name       string
	label      string
	filter     string // lower-case name and "#id", what the filter matches
}

func newProjectItem(p authclient.Project) projectItem {
	return projectItem{id: p.ID, name: p.Name, label: projectLabel(p),
		filter: strings.ToLower(p.Name) + " #" + strconv.FormatInt(p.ID, 10)}
}

// drawProjectRow is one row of the project list (pickList.draw).
func (m *Model) drawProjectRow(i int, selected bool, width int) string {
	label := ansi.Truncate(m.projItems[i].label, max(4, width-2), "…")
	if selected {
		return m.st.Selected.Render("> " + label)
	}
	return "  " + label
}

func useDefaultLabel(defaultID int64) string {
	return fmt.Sprintf("Use the stack's default project (%d) — k6 follows the stack default", defaultID)
}

func projectLabel(p authclient.Project) string {
	name := p.Name
	if name == "" {
		name = "(no name)"
	}
	s := name + "  #" + strconv.FormatInt(p.ID, 10)
	if p.IsDefault {
		s += "  (default)"
	}
	return s
}

// buildList makes the list for the token mode: a personal token is offered the
// stack's default first; the default project is preselected either way.
func (m *Model) buildList() {
	items := make([]projectItem, 0, len(m.projects)+1)
	selected := 0
	if m.mode == TokenPersonal {
		items = append(items, projectItem{useDefault: true, id: m.auth.DefaultProjectID, label: useDefaultLabel(m.auth.DefaultProjectID),
			filter: "use the stack's default project #" + strconv.FormatInt(m.auth.DefaultProjectID, 10)})
	}
	for _, p := range m.projects {
		if m.mode == TokenStack && (p.IsDefault || p.ID == m.auth.DefaultProjectID) && selected == 0 {
			selected = len(items)
		}
		items = append(items, newProjectItem(p))
	}
	if m.choice.set {
		// Coming back from the review: keep what was chosen.
		for i, pi := range items {
			if pi.useDefault == m.choice.useDefault && (pi.useDefault || pi.id == m.choice.id) {
				selected = i
				break
			}
		}
	}
	targets := make([]string, len(items))
	for i, it := range items {
		targets[i] = it.filter
	}
	m.projItems = items
	m.projList.leading = len(items) - len(m.projects)
	m.projList.reset(targets)
	m.listReady = true
	m.listMode = m.mode
	m.layoutList()
	m.projList.selectEntry(selected)
}

// selectedProject is the project under the cursor.
func (m *Model) selectedProject() (projectItem, bool) {
	if i, ok := m.projList.selected(); ok {
		return m.projItems[i], true
	}
	return projectItem{}, false
}

func (m *Model) goProject() tea.Cmd {
	m.setStep(stepProject)
	m.idErr = ""
	if m.projLoaded && (!m.listReady || m.listMode != m.mode) {
		m.buildList()
	}
	if m.projLoaded && m.projErr != nil && m.mode == TokenStack && !m.idOpen {
		// Without a list, a stack token can only go on with a typed ID.
		return m.openID("")
	}
	if m.idOpen {
		m.idInput.Focus()
		return nil
	}
	m.layoutList()
	if !m.projLoaded {
		return m.startSpinner()
	}
	return nil
}

func (m *Model) onProjects(msg projectsMsg) tea.Cmd {
	if !m.projLoad.waitingFor(msg.seq) {
		return nil
	}
	m.projLoad.stop()
	m.projLoaded = true
	m.projects, m.projErr = msg.projects, msg.err
	if msg.err != nil {
		m.projects = nil
	}
	if m.step == stepProject {
		return m.goProject()
	}
	return nil
}

func (m *Model) openID(initial string) tea.Cmd {
	m.idOpen = true
	m.idErr = ""
	m.idInput.SetValue(initial)
	m.idInput.CursorEnd()
	m.idInput.Focus()
	return nil
}

func (m *Model) closeID() {
	m.idCheck.stop()
	m.idSeq = 0
	m.idOpen = false
	m.idErr = ""
	m.idInput.Blur()
	m.layoutList()
}

func (m *Model) keyProject(msg tea.KeyMsg) tea.Cmd {
	if m.idOpen {
		return m.keyProjectID(msg)
	}
	if m.listReady {
		if cmd, ok := m.projList.key(msg, &m.keys); ok {
			return cmd
		}
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		return m.goTokenMode()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	case key.Matches(msg, m.keys.TypeID):
		return m.openID("")
	case key.Matches(msg, m.keys.Digit):
		return m.openID(string(msg.Runes))
	case key.Matches(msg, m.keys.Choose):
		if it, ok := m.selectedProject(); ok {
			m.choice = projectChoice{set: true, useDefault: it.useDefault, id: it.id, name: it.name}
			return m.goReview()
		}
	}
	return nil
}

// projectListView is the filter line, the projects that fit and the count line.
func (m *Model) projectListView() string {
	return m.projList.view(m.projectRows(), m.contentWidth())
}

func (m *Model) keyProjectID(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel) && m.idSeq != 0:
		m.idCheck.stop()
		m.idSeq = 0
		return nil
	case m.idSeq != 0:
		return nil // the field is locked while its ID is checked
	case key.Matches(msg, m.keys.CloseID):
		m.closeID()
		if !m.listReady || (m.projErr != nil && m.mode == TokenStack) {
			return m.goTokenMode()
		}
		return nil
	case key.Matches(msg, m.keys.CheckID):
		id, ok := parseProjectID(m.idInput.Value())
		if !ok {
			m.idErr = "A project ID is a whole number, like 4242."
			return nil
		}
		m.idErr = ""
		ctx, cancel := context.WithCancel(m.ctx)
		seq := m.nextSeq()
		m.idCheck = request{seq: seq, cancel: cancel}
		m.idSeq = seq
		return tea.Batch(projectCheckCmd(ctx, m.deps.API, seq, m.token, m.auth.StackID, id), m.startSpinner())
	}
	if m.idInput.Update(cleanPaste(msg)) {
		m.idErr = ""
	}
	return nil
}

func (m *Model) onProjectChecked(msg projectCheckedMsg) tea.Cmd {
	if !m.idCheck.waitingFor(msg.seq) {
		return nil
	}
	m.idCheck.stop()
	m.idSeq = 0
	if msg.err != nil {
		if kindOf(msg.err) == authclient.KindProjectNotFound {
			m.idErr = fmt.Sprintf("There is no project %d in this stack.", msg.id)
			return nil
		}
		f := describeFailure(msg.err)
		m.idErr = sentence(f.What) + " " + f.Hint
		return nil
	}
	p := msg.project
	if p.ID == 0 {
		p.ID = msg.id
	}
	m.choice = projectChoice{set: true, id: p.ID, name: p.Name}
	m.closeID()
	return m.goReview()
}

// layoutList sizes the page keys' step before the list is drawn again.
func (m *Model) layoutList() {
	if m.listReady {
		m.projList.page = m.projectRows()
	}
}

// projectRows is how many projects fit once the header, the question and the
// help footer are drawn. The view puts a blank line under the question, the
// filter line above the list, a blank line and the count line under it, and a
// blank line above the footer.
func (m *Model) projectRows() int {
	used := lipgloss.Height(m.headerView(projectScreen{}.title())) + lipgloss.Height(m.projectIntroView()) + 5 + lipgloss.Height(m.footerView(m.projectHelpKeys()))
	return max(3, m.height-used)
}

// projectIntroView is the question, and why the list is missing when it could not be loaded.
func (m *Model) projectIntroView() string {
	q := fmt.Sprintf("Which project should k6 cloud runs go to? The stack's default is %d.", m.auth.DefaultProjectID)
	if m.mode == TokenStack {
		q = fmt.Sprintf("A stack token needs a project. The stack's default is %d.", m.auth.DefaultProjectID)
	}
	s := m.para(q)
	if m.projLoaded && m.projErr != nil {
		f := describeFailure(m.projErr)
		s += "\n" + m.wrap(m.st.Warn.Render("⚠ The project list could not be loaded: "+sentence(f.What)+" Press i to type a project ID."))
	}
	return s
}

func (m *Model) projectView() string {
	if m.listReady && !m.idOpen {
		// The list, redrawn on every key: one string, not a builder that grows.
		return m.projectIntroView() + "\n\n" + m.projectListView()
	}
	var b strings.Builder
	b.WriteString(m.projectIntroView())
	b.WriteString("\n\n")
	switch {
	case m.idOpen:
		b.WriteString(m.para("Project ID:") + "\n" + m.idInput.View())
		switch {
		case m.idSeq != 0:
			b.WriteString("\n" + m.spinnerView() + " " + m.st.Text.Render("Checking project "+strings.TrimSpace(m.idInput.Value())+"…"))
		case m.idErr != "":
			b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.idErr)))
		}
	case !m.projLoaded:
		b.WriteString(m.wrap(m.spinnerView() + " " + m.st.Text.Render("Loading the projects of "+authclient.StackSlug(m.stackURL)+"…")))
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render("Press i to type a project ID instead.")))
	}
	return b.String()
}

func (m *Model) projectHelpKeys() stepKeys {
	k := &m.keys
	switch {
	case m.idOpen:
		all := []key.Binding{k.CheckID, k.CloseID, k.Quit}
		if m.idSeq != 0 {
			all = []key.Binding{k.Cancel, k.Quit}
		}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	case m.projList.filtering:
		all := []key.Binding{k.ApplyFilter, k.CancelFilter, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	case !m.listReady || len(m.projItems) == 0:
		all := []key.Binding{k.TypeID, k.Back, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	}
	back := k.Back
	if m.projList.term != "" {
		back = k.ClearFilter
	}
	return stepKeys{
		short: []key.Binding{k.Move, k.Filter, k.TypeID, k.Choose, back, k.Help},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDn, k.Home, k.End},
			{k.Filter, k.TypeID, k.Choose},
			{back, closeHelp(k.Help), k.Quit},
		},
	}
}
