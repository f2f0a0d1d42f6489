package tui

import (
	"fmt"
	"io"
	"strings"
	"testing"

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
