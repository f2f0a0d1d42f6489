package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// projectListEnv opens the project step of a stack with n projects.
func projectListEnv(tb testing.TB, n int) *env {
	e := newEnv(tb)
	e.api = newFakeAPI(n)
	e.m.deps.API = e.api
	e.init()
	e.toTokenMode(goodToken)
	e.send(runes("2"))
	e.requireStep(stepProject)
	return e
}

// keystroke is what one key costs: Update, the commands it starts (the
// list's filtering runs in one), and the View drawn after.
func keystroke(m *Model, msg tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		_, cmd := m.Update(queue[0])
		queue = append(queue[1:], runCmd(cmd)...)
	}
	_ = m.View()
}

func BenchmarkProjectListCursor(b *testing.B) {
	e := projectListEnv(b, 1500)
	keys := []tea.Msg{down, down, down, keyType(tea.KeyPgDown), up, keyType(tea.KeyPgUp)}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		keystroke(e.m, keys[i%len(keys)])
	}
}

func BenchmarkProjectListFilterTyping(b *testing.B) {
	e := projectListEnv(b, 1500)
	// Open the filter, type a few characters, delete them, close it: each is one keystroke.
	keys := []tea.Msg{runes("/"), runes("p"), runes("r"), runes("1"), runes("2"),
		keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), esc}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		keystroke(e.m, keys[i%len(keys)])
	}
}
