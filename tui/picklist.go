package tui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// pickList is the compact, filterable list of the project step and of the
// switch and forget screens: one line per entry, the cursor in a window that
// scrolls, a count line under it. It is built for 1,500 projects on every
// keystroke:
//   - the filter matches lower-case texts computed once, when the entries
//     arrive, and collects the matches in a slice reused from key to key;
//   - only the rows on screen are drawn, and a row once drawn is kept (plain
//     and selected) until the width or the screen's rowKey changes.
//
// The list holds entry indexes, not entries: the screen owns them and draws a
// row on request (draw).
type pickList struct {
	targets []string // what the filter matches, one per entry, lower case
	shown   []int    // the entries that match, best first
	loose   []int    // scratch for setFilter
	cursor  int      // index into shown
	top     int      // first shown row on screen
	page    int      // rows on screen, for the page keys

	filter    textinput.Model
	filtering bool   // the filter field has the keys
	term      string // the filter in force, lower case and trimmed; "" for none

	// Set once by the screen that owns the list.
	draw         func(entry int, selected bool, width int) string
	noun, nouns  string // "project", "projects"
	subtle       lipgloss.Style
	pad          bool // blank lines under a short list, so the screen keeps its height
	rows         [2][]string
	rowsWidth    int
	rowsKey      int
	countKey     [5]int
	countLine    string
	viewBuf      []byte
	emptyMessage string
}

// reset gives the list new entries, through their filter texts, with the
// filter cleared and the cursor on the first.
func (l *pickList) reset(targets []string) {
	l.targets = targets
	for i := range l.rows {
		l.rows[i] = growClear(l.rows[i], len(targets))
	}
	l.countKey[0] = -1
	l.filter.Reset()
	l.blur()
	l.setFilter("")
}

// growClear returns s with n empty strings, reusing its array when it can.
func growClear(s []string, n int) []string {
	if cap(s) < n {
		return make([]string, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (l *pickList) blur() {
	l.filtering = false
	l.filter.Blur()
}

// selected gives the entry under the cursor.
func (l *pickList) selected() (int, bool) {
	if l.cursor < 0 || l.cursor >= len(l.shown) {
		return -1, false
	}
	return l.shown[l.cursor], true
}

// selectEntry puts the cursor on entry i, if it is shown.
func (l *pickList) selectEntry(i int) {
	for c, e := range l.shown {
		if e == i {
			l.moveTo(c)
			return
		}
	}
}

// setFilter shows the entries whose text contains term first, then those that
// hold its letters in order, each group in list order; the cursor goes to the
// first. It allocates nothing once the slices have grown to the list's size.
func (l *pickList) setFilter(term string) {
	l.term = strings.ToLower(strings.TrimSpace(term))
	l.shown, l.loose = l.shown[:0], l.loose[:0]
	for i, t := range l.targets {
		switch {
		case l.term == "" || strings.Contains(t, l.term):
			l.shown = append(l.shown, i)
		case inOrder(t, l.term):
			l.loose = append(l.loose, i)
		}
	}
	l.shown = append(l.shown, l.loose...)
	l.cursor, l.top = 0, 0
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

// clearFilter shows every entry again, keeping the cursor on the selected one.
func (l *pickList) clearFilter() {
	keep, ok := l.selected()
	l.filter.Reset()
	l.blur()
	l.setFilter("")
	if ok {
		l.selectEntry(keep)
	}
}

// moveTo puts the cursor on shown row c (clamped) and scrolls it into view.
func (l *pickList) moveTo(c int) {
	l.cursor = max(0, min(len(l.shown)-1, c))
	l.scroll(max(1, l.page))
}

func (l *pickList) scroll(rows int) {
	l.top = max(0, min(l.top, len(l.shown)-rows))
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+rows {
		l.top = l.cursor - rows + 1
	}
}

// key moves the cursor and edits the filter. It reports false for the keys
// the screen decides on: Enter to choose, Esc with no filter in force, ?, q...
// While the filter is typed every key is text except Enter (apply), Esc
// (cancel) and the arrows, which end the typing and move in what it kept.
func (l *pickList) key(msg tea.KeyMsg, k *keyMap) (tea.Cmd, bool) {
	if l.filtering {
		switch {
		case key.Matches(msg, k.ApplyFilter):
			l.blur()
			if l.term == "" {
				l.clearFilter()
			}
		case key.Matches(msg, k.CancelFilter):
			l.clearFilter()
		case msg.Type == tea.KeyUp || msg.Type == tea.KeyDown || msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown:
			l.blur()
			l.moveKey(msg, k)
		default:
			before := l.filter.Value()
			var cmd tea.Cmd
			l.filter, cmd = l.filter.Update(cleanPaste(msg))
			if v := l.filter.Value(); v != before {
				l.setFilter(v)
			}
			return cmd, true
		}
		return nil, true
	}
	switch {
	case l.moveKey(msg, k):
	case key.Matches(msg, k.Filter) && len(l.targets) > 0:
		l.filtering = true
		l.filter.CursorEnd()
		return l.filter.Focus(), true
	case key.Matches(msg, k.ClearFilter) && l.term != "":
		l.clearFilter()
	default:
		return nil, false
	}
	return nil, true
}

func (l *pickList) moveKey(msg tea.KeyMsg, k *keyMap) bool {
	page := max(1, l.page)
	switch {
	case key.Matches(msg, k.Up):
		l.moveTo(l.cursor - 1)
	case key.Matches(msg, k.Down):
		l.moveTo(l.cursor + 1)
	case key.Matches(msg, k.PageUp):
		// The rows stay where they are on screen, a window higher.
		l.top -= page
		l.moveTo(l.cursor - page)
	case key.Matches(msg, k.PageDn):
		l.top = min(l.top+page, len(l.shown)-page)
		l.moveTo(l.cursor + page)
	case key.Matches(msg, k.Home):
		l.moveTo(0)
	case key.Matches(msg, k.End):
		l.moveTo(len(l.shown) - 1)
	default:
		return false
	}
	return true
}

// filterLine is the filter being typed or in force, "" when there is none.
func (l *pickList) filterLine() string {
	if l.filtering || l.term != "" {
		return l.filter.View()
	}
	return ""
}

// view draws up to rows entries around the cursor, each within width, and the
// count line. rowKey stands for whatever else the screen's rows depend on:
// when it changes, the rows are drawn again.
func (l *pickList) view(rows, width, rowKey int) string {
	rows = max(1, rows)
	l.page = rows
	if width != l.rowsWidth || rowKey != l.rowsKey {
		for i := range l.rows {
			clear(l.rows[i])
		}
		l.rowsWidth, l.rowsKey = width, rowKey
	}
	l.scroll(rows)
	end := min(len(l.shown), l.top+rows)
	b := l.viewBuf[:0]
	if len(l.shown) == 0 {
		b = append(b, l.emptyMessage...)
		b = append(b, '\n')
		end = l.top + 1
	}
	for c := l.top; c < end && len(l.shown) > 0; c++ {
		sel := 0
		if c == l.cursor {
			sel = 1
		}
		e := l.shown[c]
		row := l.rows[sel][e]
		if row == "" {
			row = l.draw(e, sel == 1, width)
			l.rows[sel][e] = row
		}
		b = append(b, row...)
		b = append(b, '\n')
	}
	b = append(b, '\n')
	b = append(b, l.count(end)...)
	if l.pad {
		for c := end; c < l.top+rows; c++ {
			b = append(b, '\n')
		}
	}
	l.viewBuf = b
	return string(b)
}

// count is the line under the list: how many entries match, of how many, and
// which are on screen when not all are.
func (l *pickList) count(end int) string {
	n, total := len(l.shown), len(l.targets)
	first := l.top + 1
	if n <= l.page {
		first, end = 0, 0
	}
	filtered := 0
	if l.term != "" {
		filtered = 1
	}
	key := [5]int{n, total, first, end, filtered}
	if key == l.countKey {
		return l.countLine
	}
	s := strconv.Itoa(n) + " " + plural(n, l.noun, l.nouns)
	if filtered == 1 {
		s += " of " + strconv.Itoa(total)
	}
	if first > 0 {
		s += " · " + strconv.Itoa(first) + "-" + strconv.Itoa(end) + " shown"
	}
	l.countKey, l.countLine = key, l.subtle.Render(s)
	return l.countLine
}
