package tui

import (
	"fmt"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/muesli/termenv"
)

// TestSmallWindows draws every screen at 40x12 and 30x10: the screen fits,
// its first line is still the title and its last the footer, and the focused
// line (the field, or the selected entry) is on screen. The goldens are under
// testdata/TestSmallWindows/<size>/.
func TestSmallWindows(t *testing.T) {
	sizes := [][2]int{{40, 12}, {30, 10}}
	check := func(t *testing.T, e *env, w, h int) {
		t.Helper()
		view := e.m.View()
		lines := strings.Split(view, "\n")
		if len(lines) > h {
			t.Errorf("%d lines on a %d-line terminal:\n%s", len(lines), h, view)
		}
		for i, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Errorf("line %d is %d wide on a %d-column terminal: %q", i+1, ansi.StringWidth(l), w, ansi.Strip(l))
			}
		}
		if !strings.HasPrefix(lines[0], "k6login") {
			t.Errorf("the title is gone:\n%s", view)
		}
		footer := ansi.Strip(lines[len(lines)-1])
		if !e.m.help.ShowAll && !strings.Contains(footer, "quit") && !strings.Contains(footer, "more keys") && !strings.Contains(footer, "…") {
			t.Errorf("the footer is gone:\n%s", view)
		}
		if title := e.m.screen().title(); title != "" && ansi.Strip(lines[1]) != title {
			t.Errorf("the step %q is not under the title:\n%s", title, view)
		}
		requireNoToken(t, view)
		golden.RequireEqual(t, []byte(view))
		if e.m.help.ShowAll {
			return // the full help covers the screen until ? or Esc
		}
		// The last focused line of the body (the field, or the selected
		// entry) is on screen, if cut then only at the edge.
		focus := ""
		for _, l := range strings.Split(ansi.Strip(e.m.screen().view(e.m)), "\n") {
			if strings.HasPrefix(l, "> ") {
				focus = ansi.Truncate(strings.TrimRight(l, " "), w-1, "")
			}
		}
		if focus != "" && !strings.Contains(ansi.Strip(view), focus) {
			t.Errorf("the focused line %q is off screen:\n%s", focus, view)
		}
	}
	for _, size := range sizes {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			t.Run("wizard", func(t *testing.T) {
				for _, sc := range screens {
					t.Run(sc.name, func(t *testing.T) {
						e := newEnv(t, sc.opts...)
						e.initSize(w, h)
						sc.build(e)
						check(t, e, w, h)
					})
				}
			})
			t.Run("accounts", func(t *testing.T) {
				for _, sc := range accountScreens {
					t.Run(sc.name, func(t *testing.T) {
						e := newAcctEnv(t, screenOpts(sc.opts)...)
						e.initSize(w, h)
						sc.build(e)
						check(t, e.env, w, h)
					})
				}
			})
		})
	}
}

// TestNoColorEveryScreen draws every screen as a colour terminal would with
// NO_COLOR: no colour anywhere, and the selected entry still bold. The
// goldens (testdata/TestNoColorEveryScreen/) keep the escape sequences.
func TestNoColorEveryScreen(t *testing.T) {
	noColor := func(m *Model) {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI256)
		m.setStyles(newStyles(r, true))
	}
	check := func(t *testing.T, e *env) {
		t.Helper()
		view := e.m.View()
		if colourSGR.MatchString(view) {
			t.Errorf("a colour on screen: %q", colourSGR.FindString(view))
		}
		for _, l := range strings.Split(view, "\n") {
			if strings.HasPrefix(ansi.Strip(l), "> ") && !strings.Contains(l, "\x1b[") {
				t.Errorf("the selected line is plain: %q", l)
			}
		}
		// A focused field keeps its cursor in reverse video.
		for _, f := range []*field{&e.m.stackInput, &e.m.tokenInput, &e.m.idInput, &e.m.projList.filter, &e.m.acc.list.filter} {
			if f.focused && !e.m.help.ShowAll && !strings.Contains(view, "\x1b[7m") {
				t.Errorf("a focused field without its reverse-video cursor:\n%q", view)
			}
		}
		requireNoToken(t, view)
		golden.RequireEqual(t, []byte(view))
	}
	t.Run("wizard", func(t *testing.T) {
		for _, sc := range screens {
			t.Run(sc.name, func(t *testing.T) {
				e := newEnv(t, sc.opts...)
				noColor(e.m)
				e.init()
				sc.build(e)
				check(t, e)
			})
		}
	})
	t.Run("accounts", func(t *testing.T) {
		for _, sc := range accountScreens {
			t.Run(sc.name, func(t *testing.T) {
				e := newAcctEnv(t, screenOpts(sc.opts)...)
				noColor(e.m)
				e.init()
				sc.build(e)
				check(t, e.env)
			})
		}
	})
}

// TestSmallWindowScrolls: on a screen where nothing has the arrows (review),
// pgdn and ↓ scroll the body, the hints say what is above and below, and
// the header and footer stay; on a list, ↓ moves the selection and the
// window follows it, the question staying on top.
func TestSmallWindowScrolls(t *testing.T) {
	e := newEnv(t)
	e.initSize(40, 12)
	e.toTokenMode(goodToken)
	e.send(enter, enter)
	e.requireStep(stepReview)
	top := ansi.Strip(e.m.View())
	if !strings.Contains(top, "Ready to save") || !strings.Contains(top, "more · pgdn") || strings.Contains(top, "↑") {
		t.Fatalf("review at the top:\n%s", top)
	}
	e.send(keyType(tea.KeyPgDown))
	down := ansi.Strip(e.m.View())
	lines := strings.Split(down, "\n")
	if down == top || !strings.HasPrefix(lines[2], "↑ ") || lines[1] != "Step 5 of 5 · Review" || !strings.Contains(lines[len(lines)-1], "enter save") {
		t.Fatalf("after pgdn:\n%s", down)
	}
	for range 40 {
		e.send(keyType(tea.KeyDown))
	}
	bottom := ansi.Strip(e.m.View())
	if strings.Contains(bottom, "↓ ") || !strings.Contains(bottom, "↑ ") {
		t.Fatalf("at the bottom:\n%s", bottom)
	}
	e.send(keyType(tea.KeyPgUp), keyType(tea.KeyPgUp), keyType(tea.KeyPgUp), keyType(tea.KeyPgUp))
	if got := ansi.Strip(e.m.View()); got != top {
		t.Fatalf("pgup back to the top:\n%s", got)
	}
	e.requireStep(stepReview) // the keys scrolled, nothing else

	e.send(esc) // back to the project list: ↓ is the list's
	e.requireStep(stepProject)
	for range 4 {
		e.send(keyType(tea.KeyDown))
	}
	v := ansi.Strip(e.m.View())
	if !strings.Contains(v, "> Project 0003") || !strings.Contains(v, "Which project should k6 cloud runs go") {
		t.Fatalf("the list's selection or the question is off screen:\n%s", v)
	}
}

// TestSmallWindowReadsAMenu: a confirmation whose details do not fit keeps
// its question and choices; pgdn lets the window leave them to read the
// details, and Enter then only comes back: nothing is chosen out of sight.
func TestSmallWindowReadsAMenu(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	e.initSize(40, 12)
	e.send(runes("x"), down, enter, down, enter, down) // forget my-team-personal, the one in use; "Forget" selected
	e.requireStep(stepConfirm)
	v := ansi.Strip(e.m.View())
	if !strings.Contains(v, "Forget my-team-personal?") || !strings.Contains(v, "> Forget my-team-personal") || strings.Contains(v, "Will be deleted") {
		t.Fatalf("the confirmation:\n%s", v)
	}
	e.send(keyType(tea.KeyPgDown))
	read := ansi.Strip(e.m.View())
	if !strings.Contains(read, "Will be deleted") || strings.Contains(read, "> ") {
		t.Fatalf("pgdn does not show the details:\n%s", read)
	}
	e.send(enter)
	e.requireStep(stepConfirm)
	if got := ansi.Strip(e.m.View()); got != v {
		t.Fatalf("Enter did not just come back to the choices:\n%s", got)
	}
	e.send(enter) // now it chooses
	if e.m.step == stepConfirm {
		t.Fatal("Enter on the choices does nothing")
	}
}
