package tui

import (
	"context"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

const stepProject step = "project"

// projectState is the project step's list, its loading, and the typed ID.
type projectState struct {
	projLoad  request
	projItems []flow.ProjectItem // the list's entries, the stack's default first for a personal token
	projNames []string           // each project's name, safe to show ("" for the default's entry)
	nameWidth int                // the widest name, so that the IDs line up
	idWidth   int                // the longest ID, in digits
	projList  pickList
	listReady bool
	listMode  configstore.TokenMode // the mode the list was built for
	idOpen    bool
	idInput   field
	idErr     string
	idCheck   request
	idSeq     int // the seq of the ID check in flight, 0 when none
}

// projectScreen picks the project k6 cloud runs go to, from the stack's list
// or by a typed ID.
type projectScreen struct{}

func (projectScreen) title() string       { return numbered(4, "Project") }
func (projectScreen) flowStep() flow.Step { return flow.Project }

func (projectScreen) busy(m *Model) bool {
	return m.idSeq != 0 || (!m.login.ProjectsLoaded && m.projLoad.seq != 0)
}

// enter builds the list once it is there, and opens the ID field when only
// a typed ID can go on.
func (projectScreen) enter(m *Model) tea.Cmd {
	m.idErr = ""
	if m.login.ProjectsLoaded && (!m.listReady || m.listMode != m.login.Mode) {
		m.buildList()
	}
	if m.login.NeedsTypedID() && !m.idOpen {
		return m.openID("")
	}
	if m.idOpen {
		m.idInput.Focus()
		return nil
	}
	m.layoutList()
	if !m.login.ProjectsLoaded {
		return m.startSpinner()
	}
	return nil
}

func (projectScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
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
		m.login.Back()
		return m.follow()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	case key.Matches(msg, m.keys.TypeID):
		return m.openID("")
	case key.Matches(msg, m.keys.Digit):
		return m.openID(string(msg.Runes))
	case key.Matches(msg, m.keys.Choose):
		if it, ok := m.selectedProject(); ok {
			m.login.Choose(it)
			return m.follow()
		}
	}
	return nil
}

func (projectScreen) view(m *Model) string {
	intro := m.projectIntroView()
	if m.listReady && !m.idOpen {
		return intro + "\n\n" + m.projList.view(m.projectRows(), m.contentWidth())
	}
	var b strings.Builder
	b.WriteString(intro + "\n\n")
	switch {
	case m.idOpen:
		b.WriteString(m.para("Project ID:") + "\n" + m.idInput.View())
		switch {
		case m.idSeq != 0:
			b.WriteString("\n" + m.spinnerView() + " " + m.st.Text.Render("Checking project "+strings.TrimSpace(m.idInput.Value())+"…"))
		case m.idErr != "":
			b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.idErr)))
		}
	case !m.login.ProjectsLoaded:
		b.WriteString(m.wrap(m.spinnerView() + " " + m.st.Text.Render("Loading the projects of "+authclient.SafeText(authclient.StackSlug(m.login.StackURL))+"…")))
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render("Press i to type a project ID instead.")))
	}
	return b.String()
}

func (projectScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch {
	case m.idOpen:
		if m.idSeq != 0 {
			return only(k.Cancel, k.Quit)
		}
		return only(k.CheckID, k.CloseID, k.Quit)
	case m.projList.filtering:
		return only(k.filterKeys(&m.projList)...)
	case !m.listReady || len(m.projItems) == 0:
		return only(k.TypeID, k.Back, k.Quit)
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

// projectIntroView is the question, and why the list is missing when it could not be loaded.
func (m *Model) projectIntroView() string {
	q, warning := m.login.ProjectQuestion()
	s := m.para(q)
	if warning != "" {
		s += "\n" + m.wrap(m.st.Warn.Render("⚠ "+warning+" Press i to type a project ID."))
	}
	return s
}

// drawProjectRow is one row of the project list (pickList.draw): the name,
// then the ID in a column of its own.
func (m *Model) drawProjectRow(i int, selected bool, width int) string {
	it := m.projItems[i]
	label := it.Label
	if !it.UseDefault {
		// The names get what the IDs and the default's tag leave; on a
		// narrow screen the tag is cut rather than the names.
		tag := len("  (default)")
		if width < 40 {
			tag = 0
		}
		nameWidth := min(m.nameWidth, max(4, width-2-len("  #")-m.idWidth-tag))
		name := ansi.Truncate(m.projNames[i], nameWidth, "…")
		label = name + strings.Repeat(" ", nameWidth-ansi.StringWidth(name)) + "  #" + strconv.FormatInt(it.ID, 10)
		if strings.HasSuffix(it.Label, "  (default)") { // the API marks it so
			label += "  (default)"
		}
	}
	label = ansi.Truncate(label, max(4, width-2), "…")
	if selected {
		return m.st.Selected.Render("> " + label)
	}
	return "  " + label
}

// buildList makes the list for the token mode, on the entry the flow preselects.
func (m *Model) buildList() {
	items, selected := m.login.ProjectItems()
	targets := make([]string, len(items))
	for i, it := range items {
		targets[i] = it.Filter
	}
	m.projItems = items
	m.projNames = make([]string, len(items))
	m.nameWidth, m.idWidth = 0, 0
	for i, it := range items {
		if it.UseDefault {
			continue
		}
		m.idWidth = max(m.idWidth, len(strconv.FormatInt(it.ID, 10)))
		m.projNames[i] = authclient.SafeText(it.Name)
		if m.projNames[i] == "" {
			m.projNames[i] = "(no name)"
		}
		m.nameWidth = max(m.nameWidth, ansi.StringWidth(m.projNames[i]))
	}
	m.projList.leading = m.login.Leading()
	m.projList.reset(targets)
	m.listReady = true
	m.listMode = m.login.Mode
	m.layoutList()
	m.projList.selectEntry(selected)
}

// selectedProject is the project under the cursor.
func (m *Model) selectedProject() (flow.ProjectItem, bool) {
	if i, ok := m.projList.selected(); ok {
		return m.projItems[i], true
	}
	return flow.ProjectItem{}, false
}

func (m *Model) onProjects(msg projectsMsg) tea.Cmd {
	if !m.projLoad.waitingFor(msg.seq) {
		return nil
	}
	m.projLoad.stop()
	m.login.SetProjects(msg.projects, msg.err)
	m.listReady = false
	if m.step == stepProject {
		return projectScreen{}.enter(m)
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
		if !m.listReady || m.login.NeedsTypedID() {
			m.login.Back()
			return m.follow()
		}
		return nil
	case key.Matches(msg, m.keys.CheckID):
		id, ok := flow.ParseProjectID(m.idInput.Value())
		if !ok {
			m.idErr = flow.BadProjectID
			return nil
		}
		m.idErr = ""
		ctx, cancel := context.WithCancel(m.ctx)
		seq := m.nextSeq()
		m.idCheck = request{seq: seq, cancel: cancel}
		m.idSeq = seq
		return tea.Batch(projectCheckCmd(ctx, m.deps.API, seq, m.login.Token, m.login.Auth.StackID, id), m.startSpinner())
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
	if err := m.login.ProjectChecked(msg.id, msg.project, msg.err); err != nil {
		m.idErr = err.Error()
		return nil
	}
	m.closeID()
	return m.follow()
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
	used := lipgloss.Height(m.headerView(projectScreen{}.title())) + lipgloss.Height(m.projectIntroView()) + 5 +
		lipgloss.Height(m.footerView(projectScreen{}.help(m)))
	return max(3, m.height-used)
}
