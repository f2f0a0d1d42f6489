package tui

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// pictures are the screens the README opens with, in colour. Each one is
// built exactly as its plain golden (the entry of that name in screens or
// accountScreens), so the pictures follow the screens. .ci/pictures turns
// testdata/TestPictures/*.golden into SVGs under testdata/pictures/.
var pictures = []struct {
	name    string // golden and SVG name
	screen  string // entry in screens
	account string // or entry in accountScreens
}{
	{name: "welcome", screen: "welcome"},
	{name: "token", screen: "token"},
	{name: "project", screen: "project_personal"},
	{name: "review", screen: "review_stack_token"},
	{name: "home", account: "home"},
	{name: "switch", account: "switch"},
}

// colour gives m the styles of a 256-colour terminal: what the README's
// pictures show, pinned so the goldens do not depend on where tests run.
func colour(m *Model) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	m.setStyles(newStyles(r, false))
}

// TestPictures draws the README's pictures, with their escape sequences, at
// 80x24; go test -update rewrites them (then run .ci/pictures for the SVGs).
func TestPictures(t *testing.T) {
	for _, p := range pictures {
		t.Run(p.name, func(t *testing.T) {
			if p.screen != "" {
				for _, sc := range screens {
					if sc.name == p.screen {
						e := newEnv(t, sc.opts...)
						colour(e.m)
						e.init()
						sc.build(e)
						requireColour(t, e.m.View())
						requireScreen(t, e)
						return
					}
				}
				t.Fatalf("no screen %q in screens", p.screen)
			}
			for _, sc := range accountScreens {
				if sc.name == p.account {
					e := newAcctEnv(t, screenOpts(sc.opts)...)
					colour(e.m)
					e.init()
					sc.build(e)
					requireColour(t, e.m.View())
					requireScreen(t, e.env)
					e.requireNoTokenSeen()
					return
				}
			}
			t.Fatalf("no screen %q in accountScreens", p.account)
		})
	}
}

// requireColour checks a picture is in colour: a golden drawn without it
// would make grey pictures without any test failing.
func requireColour(t *testing.T, view string) {
	t.Helper()
	if !colourSGR.MatchString(view) {
		t.Fatalf("no colour on screen:\n%s", view)
	}
}
