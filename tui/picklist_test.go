package tui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// fullFilter is the filter's definition, the slow way: the entries that
// contain term, then those that hold its bytes in order, each in list order.
func fullFilter(targets []string, term string) []int {
	var contained, loose []int
	for i, t := range targets {
		switch {
		case strings.Contains(t, term):
			contained = append(contained, i)
		case inOrder(t, term):
			loose = append(loose, i)
		}
	}
	return append(contained, loose...)
}

// TestPickListFilter types and erases terms one key at a time: what the list
// shows after each key (narrowed from the last one, or not) is the definition's.
func TestPickListFilter(t *testing.T) {
	targets := []string{"default project #100", "project 0001 #101", "load tests #102", "prod #103", "pr-checks #104",
		"é café #105", "staging 12 #106", "p r o d #107", "", "1 #1"}
	var l pickList
	l.reset(targets)
	for _, typed := range []string{"pr", "prod", "p r", "#10", "0", "01", "cafe", "café", "é", "zz", "1", " 1 ", "PRO", "d #1"} {
		for n := 1; n <= len(typed); n++ { // typed, then erased
			l.setFilter(typed[:n])
			checkFilter(t, &l, typed[:n])
		}
		for n := len(typed) - 1; n >= 0; n-- {
			l.setFilter(typed[:n])
			checkFilter(t, &l, typed[:n])
		}
	}
}

func checkFilter(t *testing.T, l *pickList, typed string) {
	t.Helper()
	term := strings.ToLower(strings.TrimSpace(typed))
	want := fullFilter(l.targets, term)
	if !slices.Equal(l.shown, want) {
		t.Fatalf("filter %q shows %v, want %v", typed, l.shown, want)
	}
	if l.cursor != 0 && len(want) > 0 {
		t.Fatalf("filter %q: cursor on %d, not the best match", typed, l.cursor)
	}
}

// TestPickListWindow: the cursor stays on screen, page keys move a window,
// and the count line says which rows are shown.
func TestPickListWindow(t *testing.T) {
	targets := make([]string, 25)
	for i := range targets {
		targets[i] = "entry"
	}
	l := pickList{noun: "entry", nouns: "entries", draw: func(i int, sel bool, _ int) string {
		if sel {
			return "> " + string(rune('a'+i))
		}
		return "  " + string(rune('a'+i))
	}}
	l.reset(targets)
	k := newKeyMap()
	press := func(s string) {
		if _, ok := l.key(keyPress(s), &k); !ok {
			t.Fatalf("%s not taken", s)
		}
	}
	view := l.view(10, 40)
	if !strings.HasPrefix(view, "> a\n  b\n") || !strings.HasSuffix(view, "\n\n25 entries · 1-10 shown") {
		t.Fatalf("first view:\n%s", view)
	}
	press("pgdown")
	if l.cursor != 10 || l.top != 10 {
		t.Fatalf("pgdown: cursor %d top %d", l.cursor, l.top)
	}
	press("pgdown")
	if l.cursor != 20 || l.top != 15 {
		t.Fatalf("second pgdown: cursor %d top %d", l.cursor, l.top)
	}
	press("G")
	view = l.view(10, 40)
	if l.cursor != 24 || !strings.Contains(view, "> y\n\n25 entries · 16-25 shown") {
		t.Fatalf("end: cursor %d\n%s", l.cursor, view)
	}
	press("k")
	press("pgup")
	if l.cursor != 13 || l.top != 5 {
		t.Fatalf("pgup: cursor %d top %d", l.cursor, l.top)
	}
	press("g")
	if l.cursor != 0 || l.top != 0 {
		t.Fatalf("home: cursor %d top %d", l.cursor, l.top)
	}
	press("k") // stays on the first
	if l.cursor != 0 {
		t.Fatalf("up from the first: cursor %d", l.cursor)
	}
}

func keyPress(s string) tea.KeyMsg {
	switch s {
	case "pgdown":
		return keyType(tea.KeyPgDown)
	case "pgup":
		return keyType(tea.KeyPgUp)
	}
	return runes(s)
}
