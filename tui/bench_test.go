package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// Every wizard screen is benchmarked with the stack holding 1,500 projects,
// the most a picker must handle (a stack holds at most 1000, the demo 1,500).
// One keystroke is Update, the commands it starts, and the View drawn after;
// the budget is 1 ms each (README, Performance). No test fails on time.

const benchProjects = 1500

// benchEnv opens the welcome screen of a stack with benchProjects projects.
func benchEnv(tb testing.TB) *env {
	e := newEnv(tb)
	e.api = newFakeAPI(benchProjects)
	e.m.deps.API = e.api
	e.init()
	e.requireStep(stepWelcome)
	return e
}

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

// keystroke is what one key costs: Update, the commands it starts, and the
// View drawn after.
func keystroke(m *Model, msg tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		_, cmd := m.Update(queue[0])
		queue = append(queue[1:], runCmd(cmd)...)
	}
	_ = m.View()
}

// benchKeys sends keys round-robin, one per iteration; the sequence must
// leave the screen where it started so that every lap measures the same.
func benchKeys(b *testing.B, e *env, want step, keys ...tea.Msg) {
	b.Helper()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for ; b.Loop(); i++ {
		keystroke(e.m, keys[i%len(keys)])
	}
	// Finish the lap (untimed: b.Loop stopped the timer) before checking the screen.
	for ; i%len(keys) != 0; i++ {
		keystroke(e.m, keys[i%len(keys)])
	}
	e.requireStep(want)
}

func BenchmarkWelcome(b *testing.B) {
	e := benchEnv(b)
	benchKeys(b, e, stepWelcome, runes("?"), runes("?")) // help open, closed
}

func BenchmarkStackTyping(b *testing.B) {
	e := benchEnv(b)
	e.send(enter)
	e.typeText("my-team")
	e.requireStep(stepStack)
	// A character typed, then erased: the live preview of the URL is redrawn each time.
	benchKeys(b, e, stepStack, runes("x"), keyType(tea.KeyBackspace))
}

func BenchmarkTokenTyping(b *testing.B) {
	e := benchEnv(b)
	e.send(enter)
	e.typeText("my-team")
	e.send(enter)
	e.requireStep(stepToken)
	e.send(paste(goodToken[:len(goodToken)-1]))
	benchKeys(b, e, stepToken, runes("Z"), keyType(tea.KeyBackspace))
}

func BenchmarkTokenMode(b *testing.B) {
	e := benchEnv(b)
	e.toTokenMode(goodToken)
	benchKeys(b, e, stepTokenMode, down, up)
}

func BenchmarkProjectListCursor(b *testing.B) {
	e := projectListEnv(b, benchProjects)
	benchKeys(b, e, stepProject, down, down, down, keyType(tea.KeyPgDown), up, keyType(tea.KeyPgUp))
}

func BenchmarkProjectListFilterTyping(b *testing.B) {
	e := projectListEnv(b, benchProjects)
	// Open the filter, type a few characters, delete them, close it: each is one keystroke.
	benchKeys(b, e, stepProject, runes("/"), runes("p"), runes("r"), runes("1"), runes("2"),
		keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), esc)
}

// BenchmarkProjectListFiltered moves the cursor in a filtered list.
func BenchmarkProjectListFiltered(b *testing.B) {
	e := projectListEnv(b, benchProjects)
	e.send(runes("/"), runes("1"))
	benchKeys(b, e, stepProject, down, down, up, up)
}

func BenchmarkReview(b *testing.B) {
	e := projectListEnv(b, benchProjects)
	e.send(enter)
	e.requireStep(stepReview)
	benchKeys(b, e, stepReview, runes("?"), runes("?"))
}

// BenchmarkReviewBackAndForth leaves the review for the 1,500-project list
// and picks again: the two heaviest screen changes of the flow.
func BenchmarkReviewBackAndForth(b *testing.B) {
	e := projectListEnv(b, benchProjects)
	e.send(enter)
	e.requireStep(stepReview)
	benchKeys(b, e, stepReview, esc, enter)
}
