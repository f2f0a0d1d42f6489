package tui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
)

// field is a one-line text input: the stack, the token (masked), the project
// ID and the list filters.
//
// We keep our own instead of bubbles/textinput for two reasons. textinput
// imports atotto/clipboard, whose package init searches PATH for xclip, xsel
// and wl-copy in every run of k6login, --show included (about 50 stat calls
// and a fifth of a millisecond before main); terminals deliver a paste as a
// bracketed paste, which needs no clipboard tool. And textinput measures the
// whole value on every key, so typing a long token key by key slows down as
// it grows; a field works in the columns it shows.
//
// The cursor does not blink: no timer wakes the program while a person reads.
type field struct {
	prompt      string
	placeholder string
	// mask, when set, is drawn once for each character in place of the text.
	mask rune
	// limit caps the length in characters; 0 is no limit.
	limit int
	// width is the columns the text may take; 0 draws it all.
	width int

	value   []rune
	pos     int // cursor, in characters
	offset  int // first character shown when the value is wider than width
	focused bool

	promptStyle, textStyle, holderStyle, cursorStyle lipgloss.Style
}

// Value is the text typed so far.
func (f *field) Value() string { return string(f.value) }

// SetValue replaces the text and puts the cursor at its end.
func (f *field) SetValue(s string) {
	f.value = f.value[:0]
	f.pos, f.offset = 0, 0
	f.insert([]rune(s))
}

// Reset empties the field.
func (f *field) Reset() { f.SetValue("") }

// Focus shows the cursor and lets Update edit the text.
func (f *field) Focus() { f.focused = true }

// Blur hides the cursor; Update then ignores keys.
func (f *field) Blur() { f.focused = false }

// CursorEnd moves the cursor after the last character.
func (f *field) CursorEnd() { f.pos = len(f.value) }

// Update edits the text for a key: characters and pastes are inserted, and
// the editing keys of a shell line work (arrows, Home/End, Ctrl+A/E/B/F,
// Backspace/Delete, Ctrl+W/U/K, Alt+B/F/D). It reports whether the text
// changed.
func (f *field) Update(msg tea.KeyMsg) (changed bool) {
	if !f.focused {
		return false
	}
	before := len(f.value)
	if (msg.Type == tea.KeyRunes || msg.Type == tea.KeySpace) && !msg.Alt {
		f.insert(msg.Runes)
		return len(f.value) != before
	}
	switch msg.String() {
	case "left", "ctrl+b":
		f.pos = max(0, f.pos-1)
	case "right", "ctrl+f":
		f.pos = min(len(f.value), f.pos+1)
	case "home", "ctrl+a":
		f.pos = 0
	case "end", "ctrl+e":
		f.pos = len(f.value)
	case "alt+left", "ctrl+left", "alt+b":
		f.pos = f.wordStart()
	case "alt+right", "ctrl+right", "alt+f":
		f.pos = f.wordEnd()
	case "backspace", "ctrl+h":
		if f.pos > 0 {
			f.cut(f.pos-1, f.pos)
		}
	case "delete", "ctrl+d":
		if f.pos < len(f.value) {
			f.cut(f.pos, f.pos+1)
		}
	case "ctrl+w", "alt+backspace":
		f.cut(f.wordStart(), f.pos)
	case "alt+d", "alt+delete":
		f.cut(f.pos, f.wordEnd())
	case "ctrl+u":
		f.cut(0, f.pos)
	case "ctrl+k":
		f.cut(f.pos, len(f.value))
	}
	// Editing keys only ever remove characters.
	return len(f.value) != before
}

// insert puts runes at the cursor. The value is one line: tabs and line
// breaks become spaces, other control characters and invalid bytes are
// dropped, and what goes over the limit is left out.
func (f *field) insert(runes []rune) {
	clean := make([]rune, 0, len(runes))
	for _, r := range runes {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			r = ' '
		case r == utf8.RuneError || unicode.IsControl(r):
			continue
		}
		clean = append(clean, r)
	}
	if f.limit > 0 {
		clean = clean[:min(len(clean), max(0, f.limit-len(f.value)))]
	}
	if len(clean) == 0 {
		return
	}
	f.value = append(f.value, clean...) // grow; the tail moves next
	copy(f.value[f.pos+len(clean):], f.value[f.pos:len(f.value)-len(clean)])
	copy(f.value[f.pos:], clean)
	f.pos += len(clean)
}

// cut removes the characters in [from, to) and leaves the cursor at from.
func (f *field) cut(from, to int) {
	if from >= to {
		return
	}
	f.value = append(f.value[:from], f.value[to:]...)
	f.pos = from
	f.offset = min(f.offset, from)
}

// wordStart is where the word before the cursor begins. A masked value has
// no visible words, so it is its start: nothing hints where the spaces are.
func (f *field) wordStart() int {
	if f.mask != 0 {
		return 0
	}
	i := f.pos
	for i > 0 && unicode.IsSpace(f.value[i-1]) {
		i--
	}
	for i > 0 && !unicode.IsSpace(f.value[i-1]) {
		i--
	}
	return i
}

// wordEnd is where the word after the cursor ends (the value's end if masked).
func (f *field) wordEnd() int {
	if f.mask != 0 {
		return len(f.value)
	}
	i := f.pos
	for i < len(f.value) && unicode.IsSpace(f.value[i]) {
		i++
	}
	for i < len(f.value) && !unicode.IsSpace(f.value[i]) {
		i++
	}
	return i
}

// runeWidth is the columns a character takes on screen, as drawn.
func (f *field) runeWidth(r rune) int {
	if f.mask != 0 {
		return 1
	}
	return runewidth.RuneWidth(r)
}

// scroll moves the window of shown characters so that it holds the cursor,
// and returns where it ends. It looks at no more characters than it shows.
func (f *field) scroll() (end int) {
	if f.width <= 0 {
		f.offset = 0
		return len(f.value)
	}
	// The cursor takes a column of its own after the last character.
	room := f.width
	if f.pos < f.offset {
		f.offset = f.pos
	}
	end, used := f.offset, 0
	for end < len(f.value) && used+f.runeWidth(f.value[end]) <= room {
		used += f.runeWidth(f.value[end])
		end++
	}
	if f.pos < end || (f.pos == len(f.value) && end == len(f.value)) {
		return end
	}
	// The cursor is past the window: show the characters that end at it,
	// the one under the cursor always, even if it is wider than the room.
	start, end, used := f.pos, f.pos, 0
	if f.pos < len(f.value) {
		end++
		used = f.runeWidth(f.value[f.pos])
	}
	for start > 0 && used+f.runeWidth(f.value[start-1]) <= room {
		used += f.runeWidth(f.value[start-1])
		start--
	}
	f.offset = start
	return end
}

// text draws characters as they are shown: masked or not.
func (f *field) text(runes []rune) string {
	if f.mask != 0 {
		return strings.Repeat(string(f.mask), len(runes))
	}
	return string(runes)
}

// View draws the prompt and the text with its cursor, padded to the field's
// width so that what follows on the line does not move while typing.
func (f *field) View() string {
	var b strings.Builder
	b.WriteString(f.promptStyle.Render(f.prompt))
	if len(f.value) == 0 && f.placeholder != "" {
		f.placeholderView(&b)
		return b.String()
	}
	end := f.scroll()
	shown := f.value[f.offset:end]
	at := f.pos - f.offset
	style := f.textStyle.Inline(true)
	b.WriteString(style.Render(f.text(shown[:at])))
	under := " "
	rest := shown[at:]
	if len(rest) > 0 {
		under, rest = f.text(rest[:1]), rest[1:]
	}
	b.WriteString(f.cursorView(under, style))
	b.WriteString(style.Render(f.text(rest)))
	if f.width > 0 {
		used := ansi.StringWidth(f.text(shown))
		if at == len(shown) {
			used++ // the cursor's own column
		}
		if pad := f.width + 1 - used; pad > 0 {
			b.WriteString(style.Render(strings.Repeat(" ", pad)))
		}
	}
	return b.String()
}

// placeholderView draws the hint shown while the field is empty, with the
// cursor on its first character.
func (f *field) placeholderView(b *strings.Builder) {
	first, size := utf8.DecodeRuneInString(f.placeholder)
	rest := f.placeholder[size:]
	style := f.holderStyle.Inline(true)
	b.WriteString(f.cursorView(string(first), style))
	if f.width > 0 {
		rest = ansi.Truncate(rest, f.width, "…")
		rest += strings.Repeat(" ", max(0, f.width-ansi.StringWidth(rest)))
	}
	b.WriteString(style.Render(rest))
}

// cursorView draws the character under the cursor: in reverse video while the
// field has the focus, like the text around it otherwise.
func (f *field) cursorView(char string, text lipgloss.Style) string {
	if !f.focused {
		return text.Render(char)
	}
	return f.cursorStyle.Inline(true).Reverse(true).Render(char)
}
