package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/tui/flow"
)

// View draws the current screen: the header, the screen's own view and its
// footer. It never shows the token: only its length, its last four
// characters, or configstore.MaskToken.
func (m *Model) View() string {
	s := m.screen()
	header, footer := m.headerView(s.title()), m.footerView(s.help(m))
	room := m.bodyRoom(header, footer)
	if room < 1 && m.help.ShowAll {
		// The full help takes the whole screen until ? or Esc closes it;
		// what does not fit is cut.
		lines := strings.Split(header+footer, "\n")
		return strings.Join(lines[:min(len(lines), max(1, m.height))], "\n")
	}
	f := frameBody(s.view(m), room, m.scroll, m.reading)
	m.canScroll = f.focus < 0 && f.above+f.below > 0
	// A menu whose window leaves lines out can be read with pgup/pgdn.
	m.canRead, m.readFrom, m.readGap = f.focus >= 0 && f.above+f.below+f.gap > 0 && !m.listHasPages(), f.above, f.gap > 0
	if f.gap > 0 {
		lines := strings.Split(f.body, "\n")
		lines[f.gapAt] = m.hint(f.gap, "⋮", m.canRead)
		f.body = strings.Join(lines, "\n")
	}
	keys := f.focus < 0 || m.canRead
	return header + m.hint(f.above, "↑", keys) + "\n" + f.body + "\n" + m.hint(f.below, "↓", keys) + "\n" + footer
}

// bodyRoom is how many lines the screen's body gets between the header and
// the footer, each set off by a line that is blank or says what is scrolled
// out of sight.
func (m *Model) bodyRoom(header, footer string) int {
	return m.height - strings.Count(header, "\n") - strings.Count(footer, "\n") - 3
}

// hint is the line between the header or the footer and the body: blank, or
// how many lines are out of sight that way, with the keys that scroll there
// when no list or field has the arrows.
func (m *Model) hint(n int, arrow string, keys bool) string {
	if n <= 0 {
		return ""
	}
	s := fmt.Sprintf("%s %d more", arrow, n)
	if keys {
		switch arrow {
		case "↑":
			s += " · pgup"
		case "↓":
			s += " · pgdn"
		default:
			s += " · pgup/pgdn"
		}
	}
	return m.st.Subtle.Render(ansi.Truncate(s, m.contentWidth(), ""))
}

// framed is a body cut to its room: the lines to draw, how many are out of
// sight above and below, and where the focused line is (-1: none).
type framed struct {
	body         string
	above, below int
	focus        int
	// gap lines were left out between the question and the focus; the
	// line at gapAt stands for them.
	gap, gapAt int
}

// frameBody cuts a screen's body to room lines. A body that fits is drawn
// whole. Otherwise the focused line (the field, or the selected entry, drawn
// after "> ") and the question asked about it stay on screen, and the rest
// scrolls: the window starts at scroll on a screen without a focused line
// (pgup/pgdn and the arrows move it), and follows the focus otherwise. When
// the question and the focus are too far apart for one window, the question
// stays on top and the lines that end with the focus under it, with a line
// saying how many were left out between. A terminal would otherwise lose the
// top, title included.
func frameBody(body string, room, scroll int, reading bool) framed {
	lines := strings.Split(body, "\n")
	room = max(1, room)
	focus := focusLine(lines)
	if reading {
		focus = -1
	}
	if len(lines) <= room {
		return framed{body: body, focus: focus}
	}
	if focus < 0 {
		off := min(max(0, scroll), len(lines)-room)
		return framed{body: strings.Join(lines[off:off+room], "\n"), above: off, below: len(lines) - off - room, focus: -1}
	}
	qs, qe := questionLines(lines, focus)
	// must is the focus and an error drawn just under it (a field's).
	must := focus + 1
	if end := errorBelow(lines, focus); end > 0 {
		must = end
	}
	if must-qs <= room {
		// One window holds the question, the focus and its error: as much
		// above the question as fits after what follows.
		off := min(qs, max(0, must-room))
		return framed{body: strings.Join(lines[off:off+room], "\n"), above: off, below: len(lines) - off - room, focus: focus - off}
	}
	// The question, a line for what is left out, and the focus's paragraph
	// from its start (or from the focus, when that is longer than what is
	// left). The question gives up lines for the
	// focus, its error, and up to two lines of its paragraph.
	fs, fe := focus, focus+1
	for fs > qe && strings.TrimSpace(ansi.Strip(lines[fs-1])) != "" {
		fs--
	}
	for fe < len(lines) && strings.TrimSpace(ansi.Strip(lines[fe])) != "" {
		fe++
	}
	q := min(qe-qs, room-1-max(must-focus, min(fe-fs, 2)))
	tail := room - q - 1
	if q <= 0 {
		q, tail = 0, room
	}
	from := fs
	if must-fs > tail {
		// Rather the focus and what follows it than the end of the
		// entry above it.
		from = focus
	}
	end := min(len(lines), from+tail)
	out := append([]string{}, lines[qs:qs+q]...)
	f := framed{above: qs, below: len(lines) - end}
	if q > 0 {
		f.gap, f.gapAt = from-qs-q, len(out)
		out = append(out, "")
	} else {
		f.above = from
	}
	out = append(out, lines[from:end]...)
	f.body, f.focus = strings.Join(out, "\n"), len(out)-(end-focus)
	return f
}

// errorBelow is the end of an error paragraph (✗) that starts at most two
// lines under the focus, or 0.
func errorBelow(lines []string, focus int) int {
	for i := focus + 1; i < len(lines) && i <= focus+2; i++ {
		l := strings.TrimSpace(ansi.Strip(lines[i]))
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, "✗") {
			return 0
		}
		for i < len(lines) && strings.TrimSpace(ansi.Strip(lines[i])) != "" {
			i++
		}
		return i
	}
	return 0
}

// focusLine is the index of the last line drawn after "> ": the field, or the
// selected entry; -1 when there is none.
func focusLine(lines []string) int {
	focus := -1
	for i, l := range lines {
		if strings.HasPrefix(ansi.Strip(l), "> ") {
			focus = i
		}
	}
	return focus
}

// questionLines is the paragraph that asks what the focused line answers: the
// first one above the focus's own paragraph that is not a status line (✓, ⚠,
// ✗); none (qs == qe) when the focus is in the first paragraph.
func questionLines(lines []string, focus int) (qs, qe int) {
	start := 0
	for i := 0; i <= focus; i++ {
		blank := strings.TrimSpace(ansi.Strip(lines[i])) == ""
		if !blank && (i == 0 || strings.TrimSpace(ansi.Strip(lines[i-1])) == "") {
			start = i
		}
		if blank && i > start {
			first := strings.TrimSpace(ansi.Strip(lines[start]))
			if !strings.HasPrefix(first, "✓") && !strings.HasPrefix(first, "⚠") && !strings.HasPrefix(first, "✗") {
				return start, i
			}
		}
	}
	return 0, 0
}

// scrollBody moves the body of a screen without a focused line by delta
// lines, within what there is to see. It reports whether there was anything
// to scroll, so that the key goes to the screen otherwise.
func (m *Model) scrollBody(delta int) bool {
	if !m.canScroll {
		// The screen drawn last fits or has a focus: the key is the
		// screen's, and no second drawing slows a list's arrows.
		return false
	}
	s := m.screen()
	room := m.bodyRoom(m.headerView(s.title()), m.footerView(s.help(m)))
	lines := strings.Split(s.view(m), "\n")
	if room < 1 || len(lines) <= room || (focusLine(lines) >= 0 && !m.reading) {
		return false
	}
	m.scroll = min(max(0, m.scroll+delta), len(lines)-room)
	return true
}

// listHasPages reports whether the screen shows a list, which takes pgup
// and pgdn for its pages.
func (m *Model) listHasPages() bool {
	switch m.step {
	case stepProject:
		return m.listReady && !m.idOpen
	case stepSwitch, stepForgetPick, stepCheckAll:
		return true
	}
	return false
}

// readKey handles pgup/pgdn on a menu whose window leaves lines out: the
// first one lets the window go from the focus to read them, the scroll keys
// move it, and any other key comes back to the focus and does what it does,
// but Enter and Esc only come back: Enter must not choose an entry out of
// sight. It reports whether the key is done with.
func (m *Model) readKey(msg tea.KeyMsg) bool {
	page := msg.Type == tea.KeyPgUp || msg.Type == tea.KeyPgDown
	switch {
	case !m.reading && page && m.canRead:
		m.reading, m.canScroll, m.scroll = true, true, m.readFrom
		if m.readGap && msg.Type == tea.KeyPgDown {
			return true // the window from the question on shows what the gap left out
		}
	case !m.reading:
		return false
	}
	if d, ok := m.scrollDelta(msg); ok {
		m.scrollBody(d)
		return true
	}
	m.reading, m.scroll = false, 0
	return msg.Type == tea.KeyEnter || msg.Type == tea.KeyEsc
}

// wrap breaks text to the screen width, so a 40-column terminal still reads.
func (m *Model) wrap(s string) string {
	return wrapKeepingURLs(s, m.contentWidth())
}

// urlHyphen and urlSlash stand in for a hyphen and a slash inside a URL or
// a path while text is wrapped. The wrapper breaks lines at hyphens, and
// https://my-\nteam.grafana.net or /tmp/k6login-\ndemo would be copied
// wrong: a URL or path moves whole to the next line, and one longer than a
// line breaks after a slash.
const (
	urlHyphen = '\u2011'
	urlSlash  = '\u2215'
)

// wrapKeepingURLs wraps s to width like ansi.Wrap, but never at a hyphen in a
// URL or a path (a word holding "://" or starting with "/" or "~/"), and
// breaks those longer than a line after a slash.
func wrapKeepingURLs(s string, width int) string {
	if !strings.Contains(s, "/") {
		return ansi.Wrap(s, width, "")
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' })
	seen := 0
	var b strings.Builder
	for _, w := range words {
		at := seen + strings.Index(s[seen:], w)
		b.WriteString(s[seen:at])
		seen = at + len(w)
		plain := strings.TrimLeft(ansi.Strip(w), "(")
		if !strings.Contains(plain, "://") && !strings.HasPrefix(plain, "/") && !strings.HasPrefix(plain, "~/") {
			b.WriteString(w)
			continue
		}
		w = strings.ReplaceAll(w, "-", string(urlHyphen))
		if ansi.StringWidth(w) > width {
			w = strings.ReplaceAll(w, "/", string(urlSlash))
		}
		b.WriteString(w)
	}
	b.WriteString(s[seen:])
	wrapped := ansi.Wrap(b.String(), width, string(urlSlash))
	return strings.NewReplacer(string(urlHyphen), "-", string(urlSlash), "/").Replace(wrapped)
}

// demoTexts are the DEMO badge, longest first: the one that fits is drawn.
var demoTexts = []string{"DEMO · nothing real is touched: simulated API, throwaway file", "DEMO · simulated API, throwaway file", "DEMO · nothing real is touched", "DEMO"}

// demo: the screens are a demo, whichever of Options.Demo and Deps.Demo (the
// line mode's flag) said so, so that the badge and the saved screen agree.
func (m *Model) demo() bool { return m.opts.Demo || m.deps.Demo }

func (m *Model) headerView(title string) string {
	var b strings.Builder
	b.WriteString(m.st.Title.Render("k6login"))
	// A narrow or low window has the DEMO badge on the name's line, instead
	// of the subtitle, so that the body keeps a line.
	demoInline := m.demo() && (m.contentWidth() < 60 || m.height < 16)
	switch {
	case demoInline:
		b.WriteString(m.st.Subtle.Render(" · ") + m.st.Demo.Render(fitting(demoTexts, m.contentWidth()-ansi.StringWidth("k6login · "))))
	case m.contentWidth() >= len("k6login · Grafana Cloud k6 login"):
		b.WriteString(m.st.Subtle.Render(" · Grafana Cloud k6 login"))
	}
	if title != "" {
		b.WriteString("\n" + m.st.Step.Render(title))
	}
	if m.demo() && !demoInline {
		b.WriteString("\n" + m.st.Demo.Render(fitting(demoTexts, m.contentWidth())))
	}
	b.WriteString("\n")
	return b.String()
}

// fitting is the first of texts that fits in width, or the last one.
func fitting(texts []string, width int) string {
	for _, s := range texts {
		if ansi.StringWidth(s) <= width {
			return s
		}
	}
	return texts[len(texts)-1]
}

// footerView is the screen's keys: one line, or the full help after ?.
func (m *Model) footerView(keys stepKeys) string {
	if m.help.ShowAll {
		wide := m.help
		wide.Width = 0
		if lipgloss.Width(wide.FullHelpView(keys.full)) <= m.help.Width {
			return m.help.FullHelpView(keys.full)
		}
		// Too narrow for the columns side by side: one column, the last
		// group (the keys that close the help and quit) first, so that
		// a cut leaves those.
		var column []key.Binding
		for i := len(keys.full) - 1; i >= 0; i-- {
			column = append(column, keys.full[i]...)
		}
		return m.help.FullHelpView([][]key.Binding{column})
	}
	return m.shortHelp(keys.short)
}

// shortHelp draws the one-line footer, leaving out what does not fit (the
// help bubble would overflow a narrow terminal when even its "…" does not
// fit). The ? key stays at every width, since it shows what was left out:
// the keys after it go first, then those before it, moving, Enter and
// clearing a filter in force last.
func (m *Model) shortHelp(bindings []key.Binding) string {
	const sepWidth = 3
	width := func(bs []key.Binding) int {
		w := 0
		for i, b := range bs {
			w += ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
			if i > 0 {
				w += sepWidth
			}
		}
		return w
	}
	shown := make([]key.Binding, 0, len(bindings))
	help := -1
	for _, b := range bindings {
		if b.Enabled() {
			if b.Help().Key == "?" {
				help = len(shown)
			}
			shown = append(shown, b)
		}
	}
	if help < 0 {
		const tail = " …"
		for n := len(shown); n > 0; n-- {
			if width(shown[:n]) <= m.help.Width-len(tail) || (n == len(shown) && width(shown) <= m.help.Width) {
				if n == len(shown) {
					return m.help.ShortHelpView(shown)
				}
				return m.help.ShortHelpView(shown[:n]) + m.st.Subtle.Render(tail)
			}
		}
		return m.st.Subtle.Render(tail)
	}
	for width(shown) > m.help.Width && len(shown) > 1 {
		if help < len(shown)-1 {
			shown = shown[:len(shown)-1]
			continue
		}
		drop := help - 1
		for i := help - 1; i >= 0; i-- {
			h := shown[i].Help()
			if !strings.HasPrefix(h.Key, "enter") && !strings.HasPrefix(h.Key, "↑") && h != m.keys.ClearFilter.Help() {
				drop = i
				break
			}
		}
		shown = append(shown[:drop], shown[drop+1:]...)
		help--
	}
	return m.help.ShortHelpView(shown)
}

func (m *Model) para(s string) string { return m.wrap(m.st.Text.Render(s)) }

// warnings are the environment variables that make k6 ignore its config.
func (m *Model) warnings() string { return m.warnLines(flow.Overrides(m.overrides)) }

// warnLines draws warnings, one a paragraph line.
func (m *Model) warnLines(lines []string) string {
	for i, l := range lines {
		lines[i] = m.wrap(m.st.Warn.Render("⚠ " + l))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) spinnerView() string {
	if m.still {
		return m.st.Spinner.Render("*")
	}
	return m.spin.View()
}

// table lays out label/value rows; on a narrow screen as "label: value" lines.
func (m *Model) table(rows []flow.Row) string { return m.tableWithLabels(rows, 17) }

// compactTable is table with a narrower label column, for the home screen.
func (m *Model) compactTable(rows []flow.Row) string { return m.tableWithLabels(rows, 13) }

func (m *Model) tableWithLabels(rows []flow.Row, labelWidth int) string {
	narrow := m.contentWidth() < 60
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		value := r.Value
		if r.Note != "" {
			value += " ⚠ " + r.Note
		}
		label := fmt.Sprintf("  %-*s", labelWidth, r.Label)
		if narrow {
			label = r.Label + ": "
		}
		lines = append(lines, m.wrap(m.st.Label.Render(label)+m.st.Value.Render(value)))
	}
	return strings.Join(lines, "\n")
}

// hang wraps s to the screen width with every line indented, so a wrapped
// line stays under what it belongs to.
func (m *Model) hang(s string, indent int) string {
	pad := strings.Repeat(" ", indent)
	lines := strings.Split(wrapKeepingURLs(s, max(10, m.contentWidth()-indent)), "\n")
	for i := range lines {
		lines[i] = pad + lines[i]
	}
	return strings.Join(lines, "\n")
}

// choiceLines draws a vertical menu with a cursor.
func (m *Model) choiceLines(cursor int, items ...[2]string) string {
	var lines []string
	for i, it := range items {
		// A name wider than the screen wraps under itself.
		name := strings.Split(ansi.Wrap(it[0], max(8, m.contentWidth()-2), ""), "\n")
		for j, l := range name {
			switch {
			case i == cursor && j == 0:
				lines = append(lines, m.st.Selected.Render("> "+l))
			case i == cursor:
				lines = append(lines, m.st.Selected.Render("  "+l))
			default:
				lines = append(lines, "  "+l)
			}
		}
		if it[1] != "" {
			lines = append(lines, m.hang(m.st.Subtle.Render(it[1]), 4))
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Model) noteView() string {
	if m.acc.noteWarn {
		return m.wrap(m.st.Warn.Render("⚠ " + m.acc.note))
	}
	return m.wrap(m.st.OK.Render("✓ " + m.acc.note))
}

// failureView explains a failed request (what happened, what to do) and ends
// with next, the keys that lead on from this screen.
func (m *Model) failureView(err error, next string) string {
	f := flow.Describe(err)
	return m.wrap(m.st.Err.Render("✗ "+f.Title)) + "\n\n" + m.para(f.What) + "\n\n" + m.para(f.Hint) +
		"\n\n" + m.wrap(m.st.Subtle.Render(next))
}
