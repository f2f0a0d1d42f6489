package tui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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
	masks   []uint64 // the bytes each target holds (bytesMask), to skip most misses at once
	shown   []int    // the entries that match, best first
	loose   []int    // scratch for setFilter
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
	// countStyle is what the subtle style puts around the count line.
	countStyle [2]string

	// Drawn once, kept while what they depend on stays the same.
	rows       [2][]string // each entry's row, plain and selected; "" until drawn
	rowsWidth  int
	rowsKey    int
	filterKey  filterViewKey
	filterView string
	buf        []byte
}

// filterViewKey is what the filter field's view depends on, as long as the
// text fits in the field (it does not scroll).
type filterViewKey struct {
	value        string
	pos, width   int
	focus, drawn bool
	scroll       bool
}

// newPickList makes an empty list whose entries are called noun (nouns).
func (m *Model) newPickList(noun, nouns, empty string) pickList {
	l := pickList{noun: noun, nouns: nouns, empty: m.st.Subtle.Render(empty), countStyle: styleAround(m.st.Subtle)}
	l.filter = m.newInput("")
	l.filter.prompt = "Filter: "
	l.filter.limit = 64
	l.reset(nil)
	return l
}

// styleAround gives what style puts before and after a one-line text, so a
// line that changes with the cursor is styled without rendering it each time.
func styleAround(style lipgloss.Style) [2]string {
	s := style.Render("X")
	i := strings.Index(s, "X")
	return [2]string{s[:i], s[i+1:]}
}

// reset gives the list new entries, through their filter texts, with the
// filter cleared and the cursor on the first.
func (l *pickList) reset(targets []string) {
	l.targets = targets
	l.masks = l.masks[:0]
	for _, t := range targets {
		l.masks = append(l.masks, bytesMask(t))
	}
	for i := range l.rows {
		l.rows[i] = growClear(l.rows[i], len(targets))
	}
	l.filter.Reset()
	l.blur()
	l.value, l.term = "", ""
	l.cursor, l.top = 0, 0
	l.showAll()
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
// first. It allocates nothing once the slices have grown to the list's size,
// and a term that extends the one in force looks only at what that one shows.
func (l *pickList) setFilter(term string) {
	term = strings.ToLower(strings.TrimSpace(term))
	if term == l.term {
		return
	}
	narrow := l.term != "" && strings.HasPrefix(term, l.term)
	l.term = term
	l.cursor, l.top = 0, 0
	if term == "" {
		l.showAll()
		return
	}
	want := bytesMask(term)
	if narrow {
		// Whatever matches term matched the shorter one: look only at those,
		// and keep the two groups' list order (an entry held the shorter term
		// in order, or contained it).
		contained, loose := l.shown[:0], l.loose[:0]
		for _, i := range l.shown {
			if l.masks[i]&want == want && inOrder(l.targets[i], term) {
				if strings.Contains(l.targets[i], term) {
					contained = append(contained, i)
				} else {
					loose = append(loose, i)
				}
			}
		}
		slices.Sort(loose)
		l.shown, l.loose = append(contained, loose...), loose[:0]
		return
	}
	l.shown, l.loose = l.shown[:0], l.loose[:0]
	for i, t := range l.targets {
		if l.masks[i]&want != want || !inOrder(t, term) {
			continue
		}
		if strings.Contains(t, term) {
			l.shown = append(l.shown, i)
		} else {
			l.loose = append(l.loose, i)
		}
	}
	l.shown = append(l.shown, l.loose...)
	l.loose = l.loose[:0]
}

func (l *pickList) showAll() {
	l.shown = l.shown[:0]
	for i := range l.targets {
		l.shown = append(l.shown, i)
	}
}

// bytesMask has a bit for each byte s holds, letters and digits each their
// own; a target whose mask lacks a bit of the term's holds neither the term
// nor its letters in order.
func bytesMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << (36 + c%28)
		}
	}
	return m
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

// keyName is a key's name, worked out once per key: tea.KeyMsg builds it
// anew for every binding it is matched against.
type keyName string

func (k keyName) String() string { return string(k) }

// key moves the cursor and edits the filter. It reports false for the keys
// the screen decides on: Enter to choose, Esc with no filter in force, ?, q...
// While the filter is typed every key is text except Enter (apply), Esc
// (cancel) and the arrows, which end the typing and move in what it kept.
func (l *pickList) key(msg tea.KeyMsg, k *keyMap) (tea.Cmd, bool) {
	name := keyName(msg.String())
	if l.filtering {
		switch {
		case key.Matches(name, k.ApplyFilter):
			l.blur()
			if l.term == "" {
				l.clearFilter()
			}
		case key.Matches(name, k.CancelFilter):
			l.clearFilter()
		case msg.Type == tea.KeyUp || msg.Type == tea.KeyDown || msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown:
			l.blur()
			l.moveKey(name, k)
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
	case l.moveKey(name, k):
	case key.Matches(name, k.Filter) && len(l.targets) > 0:
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
	case key.Matches(name, k.ClearFilter) && l.term != "":
		l.clearFilter()
	default:
		return nil, false
	}
	return nil, true
}

func (l *pickList) moveKey(name keyName, k *keyMap) bool {
	page := max(1, l.page)
	switch {
	case key.Matches(name, k.Up):
		l.moveTo(l.cursor - 1)
	case key.Matches(name, k.Down):
		l.moveTo(l.cursor + 1)
	case key.Matches(name, k.PageUp):
		// The rows stay where they are on screen, a window higher.
		l.top -= page
		l.moveTo(l.cursor - page)
	case key.Matches(name, k.PageDn):
		l.top = min(l.top+page, len(l.shown)-page)
		l.moveTo(l.cursor + page)
	case key.Matches(name, k.Home):
		l.moveTo(0)
	case key.Matches(name, k.End):
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
	f := &l.filter
	k := filterViewKey{value: l.value, pos: f.pos, width: f.width, focus: f.focused, drawn: true,
		scroll: ansi.StringWidth(l.value) >= f.width}
	if k != l.filterKey || k.scroll {
		// A text wider than the field scrolls, and how far depends on what came before.
		l.filterKey, l.filterView = k, f.View()
	}
	return l.filterView
}

// view draws the filter line, up to rows entries around the cursor, each
// within width, and the count line. rowKey stands for whatever else the
// screen's rows depend on: when it changes, they are drawn again.
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
	b := l.buf[:0]
	if f := l.filterLine(); f != "" || l.fixed {
		b = append(b, f...)
		b = append(b, '\n')
	}
	end := min(len(l.shown), l.top+rows)
	for c := l.top; c < end; c++ {
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
	if len(l.shown) == 0 {
		b = append(b, l.empty...)
		b = append(b, '\n')
		end++
	}
	b = l.appendCount(append(b, '\n'), end)
	if l.fixed {
		for c := end; c < l.top+rows; c++ {
			b = append(b, '\n')
		}
	}
	l.buf = b
	return string(b)
}

// appendCount adds the line under the list: how many entries match, of how
// many, and which are on screen when not all are.
func (l *pickList) appendCount(b []byte, end int) []byte {
	if len(l.targets) == l.leading && l.leading > 0 {
		// Only a choice like "use the stack's default" and nothing to count
		// (the list could not be loaded): a "0 projects" line would only confuse.
		return b
	}
	n := len(l.shown)
	for _, e := range l.shown {
		if e < l.leading {
			n--
		}
	}
	b = append(b, l.countStyle[0]...)
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	b = append(b, plural(n, l.noun, l.nouns)...)
	if l.term != "" {
		b = append(b, " of "...)
		b = strconv.AppendInt(b, int64(len(l.targets)-l.leading), 10)
	}
	if len(l.shown) > l.page {
		b = append(b, " · "...)
		b = strconv.AppendInt(b, int64(l.top+1), 10)
		b = append(b, '-')
		b = strconv.AppendInt(b, int64(end), 10)
		b = append(b, " shown"...)
	}
	return append(b, l.countStyle[1]...)
}
