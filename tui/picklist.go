package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// pickList is the compact, filterable list of the project step and of the
// switch and forget screens: one line per entry, the cursor in a window that
// scrolls, a count line under it. The filter matches lower-case texts made
// once, when the entries arrive, and only the rows on screen are drawn, which
// keeps a key on 1,500 entries far under a millisecond.
//
// The list holds entry indexes, not entries: the screen owns them and draws a
// row on request (draw).
type pickList struct {
	targets []string // what the filter matches, one per entry, lower case
	shown   []int    // the entries that match, best first
	cursor  int      // index into shown
	top     int      // first shown row on screen
	page    int      // rows on screen, for the page keys

	filter    field
	filtering bool   // the filter field has the keys
	value     string // what the filter field holds
	term      string // the filter in force, lower case and trimmed; "" for none

	// Set once by the screen that owns the list (newPickList).
	draw        func(entry int, selected bool, width int) string
	noun, nouns string // "project", "projects"
	// leading is how many first entries are choices rather than things (the
	// "use the stack's default" row); the count line leaves them out.
	leading int
	empty   string // the row drawn when nothing matches
	// fixed keeps the screen's height: a line is kept for the filter, and
	// blank lines fill the window under a short list.
	fixed bool
	// subtle draws the line under the list and the empty row; nil is plain.
	subtle func(...string) string
}

// newPickList makes an empty list whose entries are called noun (nouns).
func newPickList(noun, nouns, empty string) pickList {
	l := pickList{noun: noun, nouns: nouns, empty: empty}
	l.filter = field{prompt: "Filter: ", limit: 64}
	l.reset(nil)
	return l
}

// style draws s as subtle text.
func (l *pickList) style(s string) string {
	if l.subtle == nil {
		return s
	}
	return l.subtle(s)
}

// reset gives the list new entries, through their filter texts, with the
// filter cleared and the cursor on the first.
func (l *pickList) reset(targets []string) {
	l.targets = targets
	l.filter.Reset()
	l.blur()
	l.value, l.term = "", ""
	l.cursor, l.top = 0, 0
	l.showAll()
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
// hold its letters in order, each group in list order; the cursor goes to the first.
func (l *pickList) setFilter(term string) {
	term = strings.ToLower(strings.TrimSpace(term))
	if term == l.term {
		return
	}
	l.term = term
	l.cursor, l.top = 0, 0
	if term == "" {
		l.showAll()
		return
	}
	var loose []int
	l.shown = l.shown[:0]
	for i, t := range l.targets {
		switch {
		case strings.Contains(t, term):
			l.shown = append(l.shown, i)
		case inOrder(t, term):
			loose = append(loose, i)
		}
	}
	l.shown = append(l.shown, loose...)
}

func (l *pickList) showAll() {
	l.shown = l.shown[:0]
	for i := range l.targets {
		l.shown = append(l.shown, i)
	}
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
	l.value = ""
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
// (empty the field, then close it) and the arrows, which end the typing and
// move in what it kept.
func (l *pickList) key(msg tea.KeyMsg, k *keyMap) (tea.Cmd, bool) {
	if l.filtering {
		switch {
		case key.Matches(msg, k.ApplyFilter):
			l.blur()
			if l.term == "" {
				l.clearFilter()
			}
		case key.Matches(msg, k.CancelFilter) && l.value != "":
			// Esc first empties the field, keeping the highlighted entry; the
			// next Esc closes it.
			keep, ok := l.selected()
			l.filter.Reset()
			l.value = ""
			l.setFilter("")
			if ok {
				l.selectEntry(keep)
			}
		case key.Matches(msg, k.CancelFilter):
			l.clearFilter()
		case msg.Type == tea.KeyUp || msg.Type == tea.KeyDown || msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown:
			l.blur()
			l.moveKey(msg, k)
		default:
			if l.filter.Update(cleanPaste(msg)) {
				l.value = l.filter.Value()
				l.setFilter(l.value)
			}
			return nil, true
		}
		return nil, true
	}
	switch {
	case l.moveKey(msg, k):
	case key.Matches(msg, k.Filter) && len(l.targets) > 0:
		l.filtering = true
		l.filter.CursorEnd()
		l.filter.Focus()
		return nil, true
	case startsFilter(msg) && len(l.targets) > 0:
		// Keys typed faster than the terminal sends them one by one ("/ab")
		// arrive together: open the filter and type the rest into it.
		l.filtering = true
		l.filter.CursorEnd()
		l.filter.Focus()
		rest := msg
		rest.Runes = msg.Runes[1:]
		return l.key(rest, k)
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

// startsFilter reports whether msg is "/" followed by more typed characters
// in one message. A paste is text, never a command.
func startsFilter(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && !msg.Paste && !msg.Alt && len(msg.Runes) > 1 && msg.Runes[0] == '/'
}

// filterLine is the filter being typed or in force, "" when there is none.
func (l *pickList) filterLine() string {
	if !l.filtering && l.term == "" {
		return ""
	}
	return l.filter.View()
}

// view draws the filter line, up to rows entries around the cursor, each
// within width, and the count line.
func (l *pickList) view(rows, width int) string {
	rows = max(1, rows)
	l.page = rows
	l.scroll(rows)
	var b strings.Builder
	if f := l.filterLine(); f != "" || l.fixed {
		b.WriteString(f + "\n")
	}
	end := min(len(l.shown), l.top+rows)
	for c := l.top; c < end; c++ {
		b.WriteString(l.draw(l.shown[c], c == l.cursor, width) + "\n")
	}
	if len(l.shown) == 0 {
		b.WriteString(l.style(l.empty) + "\n")
		end++
	}
	b.WriteString("\n" + l.countLine(end))
	if l.fixed {
		b.WriteString(strings.Repeat("\n", max(0, l.top+rows-end)))
	}
	return b.String()
}

// countLine says how many entries match, of how many, and which are on
// screen when not all are.
func (l *pickList) countLine(end int) string {
	if len(l.targets) == l.leading && l.leading > 0 {
		// Only a choice like "use the stack's default" and nothing to count
		// (the list could not be loaded): a "0 projects" line would only confuse.
		return ""
	}
	n := len(l.shown)
	for _, e := range l.shown {
		if e < l.leading {
			n--
		}
	}
	s := strconv.Itoa(n) + " " + plural(n, l.noun, l.nouns)
	if l.term != "" {
		s += " of " + strconv.Itoa(len(l.targets)-l.leading)
	}
	if len(l.shown) > l.page {
		s += fmt.Sprintf(" · %d-%d shown", l.top+1, end)
	}
	return l.style(s)
}
