package tui

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/paginator"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
)

// projectItem is one line of the project list. The label is built once, so
// drawing a page of a 1,500-project list costs a few string copies.
type projectItem struct {
	useDefault bool
	id         int64
	name       string
	label      string
	filter     string // lower-case name and "#id", what the filter matches
}

func (p projectItem) FilterValue() string { return p.filter }

func newProjectItem(p authclient.Project) projectItem {
	return projectItem{id: p.ID, name: p.Name, label: projectLabel(p),
		filter: strings.ToLower(p.Name) + " #" + strconv.FormatInt(p.ID, 10)}
}

// filterProjects ranks names that contain the term first, then names that hold
// its letters in order, each group in list order. It is much cheaper than the
// list's fuzzy sort on 1,500 projects, and the targets are already lower case.
func filterProjects(term string, targets []string) []list.Rank {
	term = strings.ToLower(strings.TrimSpace(term))
	ranks := make([]list.Rank, 0, len(targets))
	var loose []list.Rank
	for i, t := range targets {
		switch {
		case strings.Contains(t, term):
			ranks = append(ranks, list.Rank{Index: i})
		case inOrder(t, term):
			loose = append(loose, list.Rank{Index: i})
		}
	}
	return append(ranks, loose...)
}

// inOrder reports whether every byte of term appears in s, in order.
func inOrder(s, term string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(term); i++ {
		if s[i] == term[j] {
			j++
		}
	}
	return j == len(term)
}

// projectDelegate draws one line per project, no description: compact, and
// cheap enough to redraw on every keystroke.
type projectDelegate struct{ st *styles }

func (d projectDelegate) Height() int                         { return 1 }
func (d projectDelegate) Spacing() int                        { return 0 }
func (d projectDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }

func (d projectDelegate) Render(w io.Writer, m list.Model, index int, item list.Item) {
	p, ok := item.(projectItem)
	if !ok {
		return
	}
	width := max(4, m.Width()-2)
	label := ansi.Truncate(p.label, width, "…")
	if index == m.Index() {
		_, _ = io.WriteString(w, d.st.Selected.Render("> "+label))
		return
	}
	_, _ = io.WriteString(w, "  "+label)
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
	items := make([]list.Item, 0, len(m.projects)+1)
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
		for i, it := range items {
			pi := it.(projectItem)
			if pi.useDefault == m.choice.useDefault && (pi.useDefault || pi.id == m.choice.id) {
				selected = i
				break
			}
		}
	}
	l := list.New(items, projectDelegate{st: &m.st}, m.contentWidth(), 10)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.SetShowStatusBar(true)
	l.SetStatusBarItemName("project", "projects")
	l.DisableQuitKeybindings()
	// The wizard filters by itself (see applyFilter): the list's own filter
	// copies and fuzzy-sorts every item on each key, too slow for 1,500 projects.
	l.SetFilteringEnabled(false)
	l.SetShowFilter(false)
	// Page numbers, not dots: 100 pages of dots are drawn, measured and thrown away on every frame.
	l.Paginator.Type = paginator.Arabic
	l.Styles = m.st.List
	m.allItems = items
	m.filterTargets = make([]string, len(items))
	for i, it := range items {
		m.filterTargets[i] = it.FilterValue()
	}
	m.filtering, m.filterTerm = false, ""
	m.filterInput.Reset()
	m.filterInput.Blur()
	l.Select(selected)
	m.list = l
	m.listReady = true
	m.listMode = m.mode
	m.layoutList()
	m.list.Select(selected) // again: the page size is known only now
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
		return m.idInput.Focus()
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
	return m.idInput.Focus()
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
	if m.filtering {
		return m.keyFilter(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		if m.filterTerm != "" {
			m.clearFilter()
			return nil
		}
		return m.goTokenMode()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
		return nil
	case key.Matches(msg, m.keys.TypeID):
		return m.openID("")
	case key.Matches(msg, m.keys.Digit):
		return m.openID(string(msg.Runes))
	case !m.listReady:
		return nil
	case key.Matches(msg, m.keys.Filter):
		m.filtering = true
		m.filterInput.CursorEnd()
		return m.filterInput.Focus()
	case key.Matches(msg, m.keys.Choose):
		if it, ok := m.list.SelectedItem().(projectItem); ok {
			m.choice = projectChoice{set: true, useDefault: it.useDefault, id: it.id, name: it.name}
			return m.goReview()
		}
		return nil
	}
	var cmd tea.Cmd
	m.list, cmd = m.list.Update(msg)
	return cmd
}

// keyFilter edits the filter; every key is text except Enter, Esc and the arrows.
func (m *Model) keyFilter(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.ApplyFilter):
		m.filtering = false
		m.filterInput.Blur()
		if m.filterTerm == "" {
			m.clearFilter()
		}
		return nil
	case key.Matches(msg, m.keys.CancelFilter):
		m.clearFilter()
		return nil
	case msg.Type == tea.KeyUp || msg.Type == tea.KeyDown:
		// Moving in the list ends the typing and keeps the filter.
		m.filtering = false
		m.filterInput.Blur()
		var cmd tea.Cmd
		m.list, cmd = m.list.Update(msg)
		return cmd
	}
	before := m.filterInput.Value()
	var cmd tea.Cmd
	m.filterInput, cmd = m.filterInput.Update(cleanPaste(msg))
	if v := m.filterInput.Value(); v != before {
		m.applyFilter(v)
	}
	return cmd
}

// applyFilter shows the projects that match term, best first, with the cursor on the first.
func (m *Model) applyFilter(term string) {
	m.filterTerm = strings.TrimSpace(term)
	if m.filterTerm == "" {
		m.list.SetItems(m.allItems)
		m.list.ResetSelected()
		return
	}
	ranks := filterProjects(m.filterTerm, m.filterTargets)
	shown := make([]list.Item, len(ranks))
	for i, r := range ranks {
		shown[i] = m.allItems[r.Index]
	}
	m.list.SetItems(shown)
	m.list.ResetSelected()
}

// clearFilter shows every project again, keeping the cursor on the selected one.
func (m *Model) clearFilter() {
	selected, hasSelection := m.list.SelectedItem().(projectItem)
	m.filtering, m.filterTerm = false, ""
	m.filterInput.Reset()
	m.filterInput.Blur()
	m.list.SetItems(m.allItems)
	m.list.ResetSelected()
	if !hasSelection {
		return
	}
	for i, it := range m.allItems {
		if pi := it.(projectItem); pi.useDefault == selected.useDefault && pi.id == selected.id {
			m.list.Select(i)
			return
		}
	}
}

// filterView is the line above the list: the filter being typed, the filter
// in force, or nothing.
func (m *Model) filterView() string {
	switch {
	case m.filtering:
		return m.filterInput.View()
	case m.filterTerm != "":
		return m.st.Subtle.Render(fmt.Sprintf("Filter “%s”: %d of %d", m.filterTerm, len(m.list.Items()), len(m.allItems)))
	}
	return ""
}

func (m *Model) goTokenMode() tea.Cmd {
	m.setStep(stepTokenMode)
	if m.mode == TokenStack {
		m.modeCursor = 1
	}
	return nil
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
	before := m.idInput.Value()
	var cmd tea.Cmd
	m.idInput, cmd = m.idInput.Update(cleanPaste(msg))
	if m.idInput.Value() != before {
		m.idErr = ""
	}
	return cmd
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

func (m *Model) goReview() tea.Cmd {
	m.setStep(stepReview)
	m.saveErr = nil
	return nil
}

// layoutList gives the list what is left of the screen once the header, the
// question and the help footer are drawn.
func (m *Model) layoutList() {
	if !m.listReady {
		return
	}
	cw := m.contentWidth()
	// View puts a blank line under the intro, the filter line above the list, and a blank line above the footer.
	used := lipgloss.Height(m.headerView()) + lipgloss.Height(m.projectIntroView()) + 3 + lipgloss.Height(m.footerView())
	h := max(5, m.height-used)
	m.list.SetSize(cw, h)
}
