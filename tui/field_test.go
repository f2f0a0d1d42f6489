package tui

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func newTestField(width int) *field {
	f := &field{prompt: "> ", width: width}
	f.Focus()
	return f
}

func fieldKey(s string) tea.KeyMsg {
	switch s {
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "home":
		return tea.KeyMsg{Type: tea.KeyHome}
	case "end":
		return tea.KeyMsg{Type: tea.KeyEnd}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "delete":
		return tea.KeyMsg{Type: tea.KeyDelete}
	case "ctrl+w":
		return tea.KeyMsg{Type: tea.KeyCtrlW}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "ctrl+k":
		return tea.KeyMsg{Type: tea.KeyCtrlK}
	case "ctrl+a":
		return tea.KeyMsg{Type: tea.KeyCtrlA}
	case "ctrl+e":
		return tea.KeyMsg{Type: tea.KeyCtrlE}
	case "alt+b":
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b"), Alt: true}
	case "alt+f":
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("f"), Alt: true}
	case "alt+d":
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("d"), Alt: true}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func TestFieldEditing(t *testing.T) {
	for _, tc := range []struct {
		name    string
		start   string
		keys    []string
		want    string
		wantPos int
		masked  bool
	}{
		{"type", "", []string{"a", "b", "c"}, "abc", 3, false},
		{"insert in the middle", "ac", []string{"left", "b"}, "abc", 2, false},
		{"backspace", "abc", []string{"backspace"}, "ab", 2, false},
		{"backspace at start", "abc", []string{"home", "backspace"}, "abc", 0, false},
		{"delete", "abc", []string{"home", "delete"}, "bc", 0, false},
		{"delete at end", "abc", []string{"delete"}, "abc", 3, false},
		{"ctrl+u", "my team", []string{"left", "left", "ctrl+u"}, "am", 0, false},
		{"ctrl+k", "my team", []string{"ctrl+a", "right", "ctrl+k"}, "m", 1, false},
		{"ctrl+w", "my  team", []string{"ctrl+w"}, "my  ", 4, false},
		{"ctrl+w over spaces", "my team  ", []string{"ctrl+w"}, "my ", 3, false},
		{"alt+b then alt+d", "one two three", []string{"alt+b", "alt+b", "alt+d"}, "one  three", 4, false},
		{"alt+f", "one two", []string{"home", "alt+f", "x"}, "onex two", 4, false},
		{"ctrl+e", "abc", []string{"home", "ctrl+e", "d"}, "abcd", 4, false},
		{"left stops at start", "a", []string{"left", "left", "left", "x"}, "xa", 1, false},
		{"right stops at end", "a", []string{"right", "right", "x"}, "ax", 2, false},
		// Word keys treat a masked value as one word: nothing tells where its spaces are.
		{"masked ctrl+w", "glc_ab cd", []string{"ctrl+w"}, "", 0, true},
		{"masked alt+b", "glc_ab cd", []string{"alt+b", "x"}, "xglc_ab cd", 1, true},
		{"paste with tabs and line breaks", "", []string{"a\tb\nc\x07d\ufffd"}, "a b cd", 6, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newTestField(20)
			if tc.masked {
				f.mask = '•'
			}
			f.SetValue(tc.start)
			for _, k := range tc.keys {
				f.Update(fieldKey(k))
			}
			if f.Value() != tc.want || f.pos != tc.wantPos {
				t.Errorf("value %q at %d, want %q at %d", f.Value(), f.pos, tc.want, tc.wantPos)
			}
		})
	}
}

func TestFieldReportsChanges(t *testing.T) {
	f := newTestField(20)
	if !f.Update(fieldKey("a")) || f.Update(fieldKey("left")) || !f.Update(fieldKey("delete")) || f.Update(fieldKey("delete")) {
		t.Error("Update did not report exactly the edits that changed the text")
	}
	f.Blur()
	if f.Update(fieldKey("b")) || f.Value() != "" {
		t.Error("a field without the focus took a key")
	}
}

func TestFieldLimit(t *testing.T) {
	f := newTestField(20)
	f.limit = 5
	f.Update(fieldKey("1234"))
	f.Update(fieldKey("5678"))
	if f.Value() != "12345" {
		t.Errorf("value %q, want the first 5 characters", f.Value())
	}
	f.Update(fieldKey("home"))
	if f.Update(fieldKey("0")) || f.Value() != "12345" {
		t.Errorf("a full field took more: %q", f.Value())
	}
}

func TestFieldMaskShowsNoText(t *testing.T) {
	f := newTestField(40)
	f.mask = '•'
	f.SetValue("glc_secret token")
	v := f.View()
	if strings.Contains(v, "secret") || strings.Count(v, "•") != len("glc_secret token") {
		t.Errorf("masked view %q", v)
	}
}

func TestFieldPlaceholder(t *testing.T) {
	f := newTestField(10)
	f.placeholder = "my-team or https://my-team.grafana.net"
	got := f.View()
	if got != "> my-team or…" || ansi.StringWidth(got) != 2+10+1 {
		t.Errorf("placeholder view %q (%d columns)", got, ansi.StringWidth(got))
	}
	f.width = 0
	if got := f.View(); got != "> "+f.placeholder {
		t.Errorf("placeholder without a width %q", got)
	}
}

// Whatever is typed and wherever the cursor goes, the field keeps its width,
// shows the character under the cursor, and never draws more than it holds.
func TestFieldScrollKeepsCursorInView(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	keys := []string{"a", "b", "世", "界", " ", "left", "right", "home", "end", "backspace", "delete", "ctrl+w", "alt+b", "alt+f", "xyz"}
	for _, width := range []int{1, 2, 3, 8, 20} {
		for _, mask := range []rune{0, '•'} {
			f := newTestField(width)
			f.mask = mask
			for i := range 3000 {
				k := keys[rng.IntN(len(keys))]
				f.Update(fieldKey(k))
				v := f.View()
				end := f.scroll()
				if f.offset > f.pos || f.pos > end || (f.pos < len(f.value) && f.pos >= end) {
					t.Fatalf("width %d step %d (%q): cursor %d outside the window [%d,%d) of %q", width, i, k, f.pos, f.offset, end, f.Value())
				}
				w := ansi.StringWidth(v) - 2
				// A wide character may not fit a one-column field; then it alone shows.
				if w != width+1 && !(width == 1 && w == 2) && !(width < 2 && w == 3) {
					t.Fatalf("width %d step %d (%q): drawn %d columns: %q", width, i, k, w, v)
				}
			}
		}
	}
}

// A 10 KB value costs no more per key than a short one: the field only looks
// at the characters it shows.
func BenchmarkFieldLongValueTyping(b *testing.B) {
	f := newTestField(60)
	f.mask = '•'
	f.SetValue(strings.Repeat("x", 10_000))
	add, del := fieldKey("y"), fieldKey("backspace")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			f.Update(add)
		} else {
			f.Update(del)
		}
		_ = f.View()
	}
}
