package tui

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/tui/flow"
)

// Issue 12: in demo mode every screen says DEMO, on a full-size terminal and
// at 40x20, with its full help open too: the line is in what the terminal
// keeps (its last rows, when a view is taller).
func TestDemoOnEveryScreen(t *testing.T) {
	check := func(t *testing.T, m *Model, h int) {
		t.Helper()
		for _, help := range []bool{false, true} {
			if help && !m.help.ShowAll {
				if s, ok := m.screen().(animated); ok && s.busy(m) {
					continue // no ? while waiting
				}
				m.help.ShowAll = true
				m.layoutList()
			}
			lines := strings.Split(m.View(), "\n")
			shown := lines[max(0, len(lines)-h):]
			if !strings.Contains(ansi.Strip(strings.Join(shown, "\n")), "DEMO") {
				t.Errorf("no DEMO on screen (full help %v):\n%s", m.help.ShowAll, ansi.Strip(strings.Join(shown, "\n")))
			}
		}
	}
	for _, size := range [][2]int{{80, 24}, {40, 20}} {
		w, h := size[0], size[1]
		for _, sc := range screens {
			t.Run(sc.name, func(t *testing.T) {
				e := newEnv(t, append(append([]envOpt{}, sc.opts...), withDemo())...)
				e.initSize(w, h)
				sc.build(e)
				check(t, e.m, h)
			})
		}
		for _, sc := range accountScreens {
			t.Run(sc.name, func(t *testing.T) {
				e := newAcctEnv(t, append(screenOpts(sc.opts), withDemoBadge())...)
				e.initSize(w, h)
				sc.build(e)
				check(t, e.m, h)
			})
		}
		t.Run("switch_picker_alone", func(t *testing.T) {
			e := newAcctEnv(t, append([]acctOpt{startSwitch()}, append(standard(), withDemoBadge())...)...)
			e.initSize(w, h)
			check(t, e.m, h) // still reading the accounts
			e.send(runCmd(e.m.Init())...)
			check(t, e.m, h)
		})
	}
}

// promptSpy is the line mode's input: whenever it is asked for the first byte
// of an answer, it notes the question written just before.
type promptSpy struct {
	in        io.Reader
	out       *strings.Builder
	lineStart bool
	questions []string
}

func (p *promptSpy) Read(b []byte) (int, error) {
	if p.lineStart {
		s := p.out.String()
		p.questions = append(p.questions, s[strings.LastIndex(s, "\n")+1:])
	}
	n, err := p.in.Read(b[:min(len(b), 1)])
	p.lineStart = n == 1 && b[0] == '\n'
	return n, err
}

// Issue 12: in demo mode every question of the line mode says DEMO, on the
// menu, the switch and the wizard, and a demo login is not followed by a
// command to run k6 with.
func TestDemoLineModeEveryQuestion(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    []acctOpt
		answers []string
		want    Action
	}{
		{"menu_switch", standard(), []string{"2", "1", "7"}, ActionSwitch},
		{"wizard", []acctOpt{withConfig(configSignedOut, 0o600)}, []string{"my-team", goodToken, "", "", ""}, ActionLogin},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newAcctEnv(t, tc.opts...)
			deps := e.m.deps
			deps.Demo = true
			var out strings.Builder
			spy := &promptSpy{in: strings.NewReader(strings.Join(tc.answers, "\n") + "\n"), out: &out, lineStart: true}
			res, err := RunAccessible(context.Background(), deps, spy, &out, nil)
			if err != nil || res.Action != tc.want {
				t.Fatalf("%v, %+v:\n%s", err, res, out.String())
			}
			if len(spy.questions) != len(tc.answers) {
				t.Fatalf("%d questions for %d answers:\n%s", len(spy.questions), len(tc.answers), out.String())
			}
			for _, q := range spy.questions {
				if !strings.HasPrefix(q, "DEMO: ") {
					t.Errorf("a question without DEMO: %q", q)
				}
			}
			if strings.Contains(out.String(), flow.NextCommand) {
				t.Errorf("the demo suggests running k6:\n%s", out.String())
			}
			if tc.want == ActionLogin && !strings.Contains(out.String(), flow.DemoDone) {
				t.Errorf("the demo login does not say it was a demo:\n%s", out.String())
			}
		})
	}
}

// Deps.Demo alone (the line mode's flag) makes the screens a demo too: the
// badge and the saved screen's demo words come from one decision.
func TestDemoFromDepsAlone(t *testing.T) {
	e := newEnv(t, func(_ *env, d *Deps, _ *Options) { d.Demo = true })
	e.initSize(80, 24)
	if v := ansi.Strip(e.m.View()); !strings.Contains(v, "DEMO") {
		t.Fatalf("no DEMO on the welcome screen:\n%s", v)
	}
}
