package tui

import (
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/k6login/k6login/authclient"
	"github.com/muesli/termenv"
)

// requireScreen checks a screen fits the terminal and holds no token, then
// compares it with testdata/<test name>.golden (go test -update rewrites them).
func requireScreen(t *testing.T, e *env) {
	t.Helper()
	view := e.m.View()
	lines := strings.Split(view, "\n")
	if len(lines) > e.m.height {
		t.Errorf("screen has %d lines, terminal %d", len(lines), e.m.height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > e.m.width {
			t.Errorf("line %d is %d wide, terminal %d: %q", i+1, w, e.m.width, l)
		}
	}
	requireNoToken(t, view)
	golden.RequireEqual(t, []byte(view))
}

func requireNoToken(t *testing.T, s string) {
	t.Helper()
	for _, tok := range []string{goodToken, otherToken, "SECRETSECRET", "WRONGWRONG", "CISECRET"} {
		if strings.Contains(s, tok) {
			t.Fatalf("a token shows on screen:\n%s", s)
		}
	}
}

var timeoutErr = &authclient.Error{Kind: authclient.KindTimeout, Host: "api.k6.io", Timeout: time.Minute, Attempts: 3}

// screens builds each screen at the given size; the names are the golden files.
var screens = []struct {
	name   string
	narrow bool // also drawn at 40 columns
	opts   []envOpt
	build  func(e *env)
}{
	{name: "welcome", build: func(e *env) {}},
	{name: "welcome_overrides_existing", opts: []envOpt{
		withEnv(map[string]string{"K6_CLOUD_TOKEN": "glc_fromtheenvironment", "K6_CLOUD_PROJECT_ID": "7"}),
		withExistingFile(`{"collectors":{"cloud":{"token":"glc_oldoldoldoldold","stackID":99,"stackURL":"https://old-team.grafana.net"}},"vus":10}`),
	}, build: func(e *env) {}},
	{name: "welcome_demo", opts: []envOpt{withDemo()}, build: func(e *env) {}},
	// A non-default API address is named, with where it was set, before any token is sent.
	{name: "welcome_endpoint", narrow: true, opts: []envOpt{func(_ *env, d *Deps, _ *Options) {
		d.Endpoint = authclient.Endpoint{BaseURL: "https://api.example.com/\x1b]0;owned\x07", BaseURLSource: authclient.SourceEnvHostV6}
	}}, build: func(e *env) {}},
	{name: "stack", build: func(e *env) { e.send(enter); e.typeText("My-Team") }},
	// A token pasted one step early is hidden at once, never quoted, and offered as the token.
	{name: "stack_token_pasted", narrow: true, build: func(e *env) { e.send(enter, paste(goodToken)) }},
	{name: "stack_token_pasted_enter", build: func(e *env) { e.send(enter, paste(goodToken), enter) }},
	{name: "stack_token_moved", narrow: true, build: func(e *env) { e.send(enter, paste(goodToken), keyType(tea.KeyCtrlT)) }},
	{name: "stack_token_moved_on", build: func(e *env) {
		e.send(enter, paste(goodToken), keyType(tea.KeyCtrlT))
		e.typeText("my-team")
		e.send(enter)
	}},
	{name: "stack_empty", build: func(e *env) { e.send(enter) }},
	{name: "stack_invalid", build: func(e *env) { e.send(enter); e.typeText("my_team"); e.send(enter) }},
	{name: "token", narrow: true, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter)
		e.send(paste(" \n" + goodToken + "\r\n"))
	}},
	// Ctrl+O opens the stack's token page in the browser, or names it where none can open.
	{name: "token_page_opened", narrow: true, opts: []envOpt{withOpenURL(nil)}, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, keyType(tea.KeyCtrlO))
	}},
	{name: "token_page_no_browser", opts: []envOpt{withOpenURL(errors.New("no browser can be opened here"))}, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, keyType(tea.KeyCtrlO))
	}},
	{name: "token_empty", narrow: true, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, enter)
	}},
	{name: "token_refused_again", narrow: true, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(otherToken), enter, enter)
	}},
	{name: "validating", build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(goodToken))
		e.sendNoRun(enter)
	}},
	{name: "error_invalid_token", narrow: true, build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(otherToken), enter)
	}},
	{name: "error_stack_access", narrow: true, build: func(e *env) {
		e.send(enter)
		e.typeText("other-team")
		e.send(enter, paste(goodToken), enter)
	}},
	{name: "error_timeout", narrow: true, build: func(e *env) {
		e.api.errs = []error{timeoutErr}
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(goodToken), enter)
	}},
	{name: "error_server", build: func(e *env) {
		e.api.errs = []error{&authclient.Error{Kind: authclient.KindServer, Status: 503, Host: "api.k6.io", Attempts: 3}}
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(goodToken), enter)
	}},
	{name: "error_not_an_api_error", build: func(e *env) {
		e.api.errs = []error{errors.New("something odd happened")}
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(goodToken), enter)
	}},
	{name: "token_mode", narrow: true, build: func(e *env) { e.toTokenMode(goodToken) }},
	{name: "token_mode_help", build: func(e *env) { e.toTokenMode(goodToken); e.send(runes("?")) }},
	{name: "project_personal", narrow: true, build: func(e *env) { e.toTokenMode(goodToken); e.send(enter) }},
	{name: "project_stack", narrow: true, build: func(e *env) { e.toTokenMode(goodToken); e.send(runes("2")) }},
	{name: "project_many", build: func(e *env) {
		e.api = newFakeAPI(1500)
		e.m.deps.API = e.api
		e.toTokenMode(goodToken)
		e.send(runes("2"))
	}},
	{name: "project_filter", narrow: true, build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(runes("2"), runes("/"))
		e.typeText("0003")
	}},
	{name: "project_help", build: func(e *env) { e.toTokenMode(goodToken); e.send(enter, runes("?")) }},
	{name: "project_id_not_found", narrow: true, build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(enter, runes("i"))
		e.typeText("999")
		e.send(enter)
	}},
	{name: "project_id_checking", build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(enter)
		e.typeText("102")
		e.sendNoRun(enter)
	}},
	{name: "project_loading", build: func(e *env) {
		e.send(enter)
		e.typeText("my-team")
		e.send(enter, paste(goodToken))
		validate := e.sendNoRun(enter)
		msgs := runCmd(validate)
		_, _ = e.m.Update(msgs[0]) // the token is accepted; the project list is not back yet
		e.send(enter)
	}},
	{name: "project_load_failed", narrow: true, build: func(e *env) {
		e.api.projectsErr = &authclient.Error{Kind: authclient.KindServer, Status: 500, Host: "api.k6.io", Attempts: 3}
		e.toTokenMode(goodToken)
		e.send(enter)
	}},
	// A second, different failure replaces the first on screen.
	{name: "project_load_failed_twice", build: func(e *env) {
		e.api.projectsErr = &authclient.Error{Kind: authclient.KindServer, Status: 500, Host: "api.k6.io", Attempts: 3}
		e.toTokenMode(goodToken)
		e.send(enter, esc, esc)
		e.api.projectsErr = timeoutErr
		e.send(enter, enter)
	}},
	{name: "project_load_failed_stack_token", build: func(e *env) {
		e.api.projectsErr = &authclient.Error{Kind: authclient.KindServer, Status: 500, Host: "api.k6.io", Attempts: 3}
		e.toTokenMode(goodToken)
		e.send(runes("2"))
	}},
	{name: "review", narrow: true, opts: []envOpt{withEnv(map[string]string{"K6_CLOUD_STACK_ID": "12"})}, build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(enter, enter)
	}},
	{name: "review_stack_token", build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(runes("2"), down, down, enter)
	}},
	{name: "review_save_error", build: func(e *env) {
		e.fixed.saveErr = errors.New("open /home/ada/.config/k6/config.json: permission denied")
		e.toTokenMode(goodToken)
		e.send(enter, enter, enter)
	}},
	{name: "saving", build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(enter, enter)
		e.sendNoRun(enter)
	}},
	{name: "saved", narrow: true, build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(enter, enter, enter)
	}},
	{name: "saved_demo", opts: []envOpt{withDemo()}, build: func(e *env) {
		e.toTokenMode(goodToken)
		e.send(runes("2"), down, enter, enter)
	}},
}

func TestScreens(t *testing.T) {
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, sc.opts...)
			e.init()
			sc.build(e)
			requireScreen(t, e)
		})
	}
}

// TestScreensNarrow draws the token, error, project and review screens on a
// 40-column terminal: text wraps, nothing runs off the edge.
func TestScreensNarrow(t *testing.T) {
	for _, sc := range screens {
		if !sc.narrow {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t, sc.opts...)
			e.initSize(40, 24)
			sc.build(e)
			requireScreen(t, e)
		})
	}
}

// TestResizeFollowed checks a resize reaches the inputs, the list and the help.
func TestResizeFollowed(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(enter)
	e.send(tea.WindowSizeMsg{Width: 50, Height: 30})
	if e.m.projList.filter.width > 50 || e.m.help.Width != 50 || e.m.tokenInput.width > 50 {
		t.Fatalf("widths not followed: filter %d help %d token %d", e.m.projList.filter.width, e.m.help.Width, e.m.tokenInput.width)
	}
	for _, line := range strings.Split(e.m.View(), "\n") {
		if w := ansi.StringWidth(line); w > 50 {
			t.Fatalf("line %q is %d columns wide on a 50-column terminal", line, w)
		}
	}
	if got := len(strings.Split(e.m.View(), "\n")); got != 30 {
		t.Fatalf("project screen has %d lines on a 30-line terminal", got)
	}
}

func TestProjectFilter(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(runes("2"), runes("/"))
	e.typeText("0003")
	e.send(enter) // apply
	if l := e.m.projList; l.filtering || l.term != "0003" || len(l.shown) != 1 {
		t.Fatalf("filter not applied: typing %v term %q items %d", l.filtering, l.term, len(l.shown))
	}
	requireScreen(t, e)
	e.send(esc) // clears the filter, keeps the cursor on Project 0003
	if it, _ := e.m.selectedProject(); e.m.projList.term != "" || len(e.m.projList.shown) != 5 || it.ID != 103 {
		t.Fatalf("filter not cleared: term %q items %d selected %d", e.m.projList.term, len(e.m.projList.shown), it.ID)
	}
	e.send(runes("/"))
	e.typeText("#104") // an ID matches too
	e.send(enter, enter)
	e.requireStep(stepReview)
	if e.m.login.Choice.ID != 104 {
		t.Fatalf("chose %+v", e.m.login.Choice)
	}
}

// colourSGR finds a colour in an escape sequence: a foreground or background
// (30-37, 38;..., 39, 40-49, 90-97, 100-107).
var colourSGR = regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m`)

// TestNoColor: with NoColor, screens carry no colour even on a colour
// terminal, but keep bold, dim and reverse video.
func TestNoColor(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI256) // what a colour terminal would get
		st := newStyles(r, noColor)
		got := st.Err.Render("x") + st.Selected.Render("x") + st.Subtle.Render("x")
		if colourSGR.MatchString(got) == noColor {
			t.Errorf("NoColor %v: %q", noColor, got)
		}
		if noColor && (!strings.Contains(st.Selected.Render("x"), "\x1b[1m") || !strings.Contains(st.Subtle.Render("x"), "\x1b[2m")) {
			t.Errorf("NoColor drops bold or dim: %q %q", st.Selected.Render("x"), st.Subtle.Render("x"))
		}
	}
}

// TestNoColorScreens draws screens as a colour terminal would show them with
// NO_COLOR: the goldens hold the escape sequences, and none is a colour. The
// selected row stays bold, subtle text and an empty field's placeholder dim,
// and the field's cursor reverse video.
func TestNoColorScreens(t *testing.T) {
	wizard := map[string]func(e *env){
		"welcome":    func(e *env) {},
		"stack":      func(e *env) { e.send(enter) },
		"stack_text": func(e *env) { e.send(enter); e.typeText("my-team") },
		"token_mode": func(e *env) { e.toTokenMode(goodToken) },
		"project":    func(e *env) { e.toTokenMode(goodToken); e.send(runes("2")) },
		"review":     func(e *env) { e.toTokenMode(goodToken); e.send(enter, enter) },
	}
	accounts := map[string]func(e *acctEnv){
		"home":    func(e *acctEnv) {},
		"switch":  func(e *acctEnv) { e.send(runes("s")) },
		"reset":   func(e *acctEnv) { e.send(runes("x")) },
		"confirm": func(e *acctEnv) { e.send(runes("x"), enter) },
	}
	noColor := func(m *Model) {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(termenv.ANSI256)
		m.setStyles(newStyles(r, true))
	}
	check := func(t *testing.T, e *env) {
		t.Helper()
		v := e.m.View()
		if colourSGR.MatchString(v) {
			t.Errorf("a colour on screen: %q", colourSGR.FindString(v))
		}
		requireNoToken(t, v)
		golden.RequireEqual(t, []byte(v))
	}
	for name, build := range wizard {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			noColor(e.m)
			e.init()
			build(e)
			check(t, e)
		})
	}
	for name, build := range accounts {
		t.Run(name, func(t *testing.T) {
			e := newAcctEnv(t, standard()...)
			noColor(e.m)
			e.init()
			build(e)
			check(t, e.env)
		})
	}
}

// TestHelpClosesAndNeverTypes: on every screen without a text field, the
// footer names ? at every width, ? opens
// the full help, and ? or Esc closes it without doing anything else; the help
// opened on one screen does not follow to the next, where a ? typed into a
// field is text.
func TestHelpClosesAndNeverTypes(t *testing.T) {
	wizard := map[string]func(e *env){
		"welcome":    func(e *env) {},
		"token_mode": func(e *env) { e.toTokenMode(goodToken) },
		"project":    func(e *env) { e.toTokenMode(goodToken); e.send(enter) },
		"review":     func(e *env) { e.toTokenMode(goodToken); e.send(enter, enter) },
		"error":      func(e *env) { e.send(enter); e.typeText("my-team"); e.send(enter, paste(otherToken), enter) },
	}
	accounts := map[string]func(e *acctEnv){
		"home":    func(e *acctEnv) {},
		"account": func(e *acctEnv) { e.send(runes("r")) },
		"switch":  func(e *acctEnv) { e.send(runes("s")) },
		"reset":   func(e *acctEnv) { e.send(runes("x")) },
		"confirm": func(e *acctEnv) { e.send(runes("x"), enter) },
	}
	check := func(t *testing.T, e *env) {
		t.Helper()
		before := e.m.step
		for _, w := range []int{30, 40, 80} {
			e.send(tea.WindowSizeMsg{Width: w, Height: 24})
			v := e.m.View()
			if foot := v[strings.LastIndex(v, "\n")+1:]; !strings.Contains(foot, "? more keys") || ansi.StringWidth(foot) > w {
				t.Errorf("footer at %d columns on %s: %q", w, before, foot)
			}
		}
		for _, closeKey := range []tea.Msg{runes("?"), esc} {
			e.send(runes("?"))
			if !e.m.help.ShowAll {
				t.Fatalf("? does not open the help at %s", before)
			}
			e.send(closeKey)
			if e.m.help.ShowAll || e.m.step != before || e.quit {
				t.Fatalf("%v at %s: help %v, step %s, quit %v", closeKey, before, e.m.help.ShowAll, e.m.step, e.quit)
			}
		}
	}
	for name, build := range wizard {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			e.init()
			build(e)
			check(t, e)
		})
	}
	for name, build := range accounts {
		t.Run(name, func(t *testing.T) {
			e := newAcctEnv(t, standard()...)
			e.init()
			build(e)
			check(t, e.env)
		})
	}
	t.Run("welcome_then_field", func(t *testing.T) {
		e := newEnv(t)
		e.init()
		e.send(runes("?"), enter)
		e.requireStep(stepStack)
		if e.m.help.ShowAll {
			t.Fatal("the help opened on welcome is open on the stack step")
		}
		e.typeText("my?")
		if e.m.stackInput.Value() != "my?" {
			t.Fatalf("stack field %q", e.m.stackInput.Value())
		}
	})
}

// TestFilterEscKeepsPlace: Esc in the filter first empties the field and
// keeps the highlighted project highlighted, the next Esc closes the field;
// after moving in what the filter kept, Esc clears it and stays there too.
func TestFilterEscKeepsPlace(t *testing.T) {
	e := newEnv(t)
	e.api = newFakeAPI(40)
	e.m.deps.API = e.api
	e.init()
	e.toTokenMode(goodToken)
	e.send(runes("2"), runes("/"))
	e.typeText("0031")
	selected := func() int64 { it, _ := e.m.selectedProject(); return it.ID }
	if selected() != 131 {
		t.Fatalf("filter selects %d", selected())
	}
	e.send(esc)
	if l := e.m.projList; !l.filtering || l.filter.Value() != "" || len(l.shown) != 40 || selected() != 131 {
		t.Fatalf("after Esc: filtering %v, field %q, %d shown, on %d", l.filtering, l.filter.Value(), len(l.shown), selected())
	}
	if !strings.Contains(e.m.View(), "> Project 0031") {
		t.Fatalf("the highlighted project is not on screen:\n%s", e.m.View())
	}
	e.send(esc)
	if l := e.m.projList; l.filtering || selected() != 131 {
		t.Fatalf("after the second Esc: filtering %v, on %d", l.filtering, selected())
	}
	e.send(runes("/"))
	e.typeText("002")
	e.send(down, down) // the arrows end the typing: 0002, 0020, then Project 0021
	e.send(esc)
	if l := e.m.projList; l.term != "" || len(l.shown) != 40 || selected() != 121 {
		t.Fatalf("after Esc on the kept list: term %q, %d shown, on %d", l.term, len(l.shown), selected())
	}
	e.requireStep(stepProject)
}

// withOpenURL gives the screens a browser opener that fails with err (nil: it
// opens), and checks it is asked for the stack's token page.
func withOpenURL(err error) envOpt {
	return func(e *env, d *Deps, _ *Options) {
		d.OpenURL = func(url string) error {
			if url != stackURL+"/a/k6-app/settings/api-token" {
				e.t.Errorf("opened %q", url)
			}
			return err
		}
	}
}
