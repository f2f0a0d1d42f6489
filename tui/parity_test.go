package tui_test

// One scenario table run through both faces of package tui, the full screen
// (tui.New in a real Bubble Tea program, through teatest) and the line mode
// (tui.RunAccessible): both must leave the same bytes in k6's config and in
// the accounts file, and report the same Result. Only the public API is used.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
)

const (
	parityStack    = "https://my-team.grafana.net"
	parityPersonal = "glc_PARITYPERSONALPARITYPERSONALPARITY_p001"
	parityStackTok = "glsa_PARITYSTACKPARITYSTACKPARITYSTACK_s002"
	parityRevoked  = "glc_PARITYREVOKEDPARITYREVOKEDPARITYRE_r003"
)

var parityClock = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// parityAPI knows both tokens for one stack with three projects.
func parityAPI(t *testing.T) authclient.API {
	srv := fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{
			{Token: parityPersonal, Kind: fakeapi.Personal, Stacks: []string{parityStack}},
			{Token: parityStackTok, Kind: fakeapi.StackToken, Stacks: []string{parityStack}},
		},
		Stacks: []fakeapi.Stack{{URL: parityStack, ID: 4321, DefaultProjectID: 100, Projects: []fakeapi.Project{
			{ID: 100, Name: "Default project", IsDefault: true}, {ID: 101, Name: "Project 0001"}, {ID: 102, Name: "Project 0002"},
		}}},
	})
	base, stop := srv.Start()
	t.Cleanup(stop)
	return authclient.New(authclient.Options{BaseURL: base, Timeout: 5 * time.Second, Backoff: func(int) time.Duration { return time.Millisecond }})
}

// parityFiles are the two files of one run, in a temp dir.
type parityFiles struct {
	config, accounts string
}

func (f parityFiles) read(t *testing.T) (config, accounts []byte) {
	t.Helper()
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return b
	}
	return read(f.config), read(f.accounts)
}

// paritySetup makes the files a scenario starts from and the Deps over them.
func paritySetup(t *testing.T, loggedIn, unsaved bool) (tui.Deps, parityFiles) {
	t.Helper()
	dir := t.TempDir()
	files := parityFiles{config: filepath.Join(dir, "k6", "config.json"), accounts: filepath.Join(dir, "k6login", "accounts.json")}
	if err := os.MkdirAll(filepath.Dir(files.config), 0o700); err != nil {
		t.Fatal(err)
	}
	store := configstore.New(files.config)
	accounts := configstore.NewAccountStore(files.accounts)
	if loggedIn {
		personal := configstore.Account{Name: "my-team-personal", Token: parityPersonal, StackURL: parityStack, StackID: 4321,
			DefaultProjectID: 100, TokenMode: configstore.TokenModePersonal, LastValidated: parityClock.Add(-time.Hour)}
		ci := configstore.Account{Name: "ci-stack", Token: parityStackTok, StackURL: parityStack, StackID: 4321,
			DefaultProjectID: 100, ProjectID: 102, TokenMode: configstore.TokenModeStack, LastValidated: parityClock.Add(-time.Hour)}
		config := `{"collectors":{"cloud":{"token":"` + parityPersonal + `","stackID":4321,"stackURL":"` + parityStack + `","defaultProjectID":100,"name":"keep me"}},"vus":3}`
		if err := os.WriteFile(files.config, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		saved := []configstore.Account{personal, ci}
		if unsaved {
			saved = nil // only k6's config holds the login
		}
		for _, a := range saved {
			if _, err := accounts.Upsert(a); err != nil {
				t.Fatal(err)
			}
		}
	}
	return tui.Deps{API: parityAPI(t), Store: store, Accounts: configstore.Session{Config: store, Accounts: accounts},
		AccountsPath: files.accounts, Getenv: func(string) string { return "" }, Now: func() time.Time { return parityClock }}, files
}

// screenStep is one thing done on the full screen: wait for text to be
// drawn, then send keys (a string is typed; a paste is a tea.KeyMsg).
type screenStep struct {
	wait string
	keys []tea.Msg
}

func keys(k ...tea.Msg) []tea.Msg { return k }

var (
	kEnter = tea.KeyMsg{Type: tea.KeyEnter}
	kDown  = tea.KeyMsg{Type: tea.KeyDown}
	kCtrlC = tea.KeyMsg{Type: tea.KeyCtrlC}
	kQuit  = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}
)

func kText(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
func kPaste(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

type parityScenario struct {
	name     string
	loggedIn bool
	unsaved  bool // logged in, but no account saved
	screen   []screenStep
	lines    []string // the line mode's answers, the token as a line
	// interrupt: Ctrl+C (a cancelled context) at the line mode's next
	// question once lines are used up.
	interrupt bool
	want      tui.Action
}

// wizardTo walks the full-screen wizard to the review with a token, a mode
// key and project keys.
func wizardTo(token string, mode tea.Msg, project ...tea.Msg) []screenStep {
	return []screenStep{
		{wait: "This wizard logs k6 in", keys: keys(kEnter, kText("my-team"), kEnter, kPaste(token), kEnter)},
		{wait: "Token accepted", keys: keys(mode)},
		{wait: "3 projects", keys: project},
	}
}

var parityScenarios = []parityScenario{
	{
		name:   "first_login_personal_default_project",
		screen: append(wizardTo(parityPersonal, kEnter, kEnter), screenStep{wait: "Ready to save", keys: keys(kEnter)}, screenStep{wait: "Saved to", keys: keys(kEnter)}),
		lines:  []string{"my-team", parityPersonal, "", "", ""},
		want:   tui.ActionLogin,
	},
	{
		name:   "stack_token_picked_project",
		screen: append(wizardTo(parityStackTok, kText("2"), kDown, kEnter), screenStep{wait: "Ready to save", keys: keys(kEnter)}, screenStep{wait: "Saved to", keys: keys(kEnter)}),
		lines:  []string{"my-team", parityStackTok, "2", "2", ""},
		want:   tui.ActionLogin,
	},
	{
		name: "refused_token_then_corrected",
		screen: []screenStep{
			{wait: "This wizard logs k6 in", keys: keys(kEnter, kText("my-team"), kEnter, kPaste(parityRevoked), kEnter)},
			{wait: "Token refused", keys: keys(kEnter, kPaste(parityPersonal), kEnter)},
			{wait: "Token accepted", keys: keys(kEnter)},
			{wait: "3 projects", keys: keys(kEnter)},
			{wait: "Ready to save", keys: keys(kEnter)},
			{wait: "Saved to", keys: keys(kEnter)},
		},
		lines: []string{"my-team", parityRevoked, parityPersonal, "", "", ""},
		want:  tui.ActionLogin,
	},
	{
		name:     "switch",
		loggedIn: true,
		screen: []screenStep{
			{wait: "k6 uses", keys: keys(kDown, kEnter)},
			{wait: "Pick the account", keys: keys(kEnter)},
			{wait: "k6 now uses", keys: keys(kQuit)},
		},
		lines: []string{"2", "1", "7"},
		want:  tui.ActionSwitch,
	},
	{
		name:     "keep_this_login",
		loggedIn: true, unsaved: true,
		screen: []screenStep{
			{wait: "k6 uses", keys: keys(kDown, kEnter)},
			{wait: "Saved as the account", keys: keys(kQuit)},
		},
		lines: []string{"2", "7"},
		want:  tui.ActionKeep,
	},
	{
		name:     "sign_out",
		loggedIn: true,
		screen: []screenStep{
			{wait: "k6 uses", keys: keys(kDown, kDown, kDown, kDown, kEnter)},
			{wait: "What should be removed?", keys: keys(kEnter)},
			{wait: "Sign k6 out of", keys: keys(kDown, kEnter)},
			{wait: "Signed k6 out of", keys: keys(kQuit)},
		},
		lines: []string{"5", "1", "y", "5"},
		want:  tui.ActionSignOut,
	},
	{
		name:     "forget_one",
		loggedIn: true,
		screen: []screenStep{
			{wait: "k6 uses", keys: keys(kDown, kDown, kDown, kDown, kEnter)},
			{wait: "What should be removed?", keys: keys(kDown, kEnter)},
			{wait: "Which saved account should be forgotten?", keys: keys(kEnter)},
			{wait: "Forget ci-stack?", keys: keys(kDown, kEnter)},
			{wait: "Forgot ci-stack", keys: keys(kQuit)},
		},
		lines: []string{"5", "2", "1", "y", "7"},
		want:  tui.ActionForget,
	},
	{
		name:     "forget_all",
		loggedIn: true,
		screen: []screenStep{
			{wait: "k6 uses", keys: keys(kDown, kDown, kDown, kDown, kEnter)},
			{wait: "What should be removed?", keys: keys(kDown, kDown, kEnter)},
			{wait: "Forget all 2 saved accounts?", keys: keys(kDown, kEnter)},
			{wait: "Really forget all 2 accounts?", keys: keys(kDown, kEnter)},
			{wait: "Forgot 2 saved accounts", keys: keys(kQuit)},
		},
		lines: []string{"5", "3", "y", "y", "2"},
		want:  tui.ActionForgetAll,
	},
	{
		name:      "cancel_at_review",
		screen:    append(wizardTo(parityPersonal, kEnter, kEnter), screenStep{wait: "Ready to save", keys: keys(kCtrlC)}),
		lines:     []string{"my-team", parityPersonal, "", ""},
		interrupt: true,
		want:      tui.ActionNone,
	},
}

type parityOutcome struct {
	res               tui.Result
	config, accounts  []byte
	path, accountPath string
}

func runScreen(t *testing.T, sc parityScenario) parityOutcome {
	deps, files := paritySetup(t, sc.loggedIn, sc.unsaved)
	m := tui.New(deps, tui.Options{NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	for _, st := range sc.screen {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(st.wait)) },
			teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
		for _, k := range st.keys {
			tm.Send(k)
		}
	}
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	config, accounts := files.read(t)
	return parityOutcome{res: m.Result(), config: config, accounts: accounts, path: files.config, accountPath: files.accounts}
}

// ctrlCAfter serves input, then cancels at the read that would wait for more.
type ctrlCAfter struct {
	input  string
	cancel context.CancelFunc
}

func (r *ctrlCAfter) Read(p []byte) (int, error) {
	if r.input == "" {
		r.cancel()
		<-make(chan struct{}) // a terminal with nothing typed yet
	}
	n := copy(p[:1], r.input)
	r.input = r.input[n:]
	return n, nil
}

func runLines(t *testing.T, sc parityScenario) parityOutcome {
	deps, files := paritySetup(t, sc.loggedIn, sc.unsaved)
	input := strings.Join(sc.lines, "\n") + "\n"
	var out strings.Builder
	var res tui.Result
	var err error
	if sc.interrupt {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		res, err = tui.RunAccessible(ctx, deps, &ctrlCAfter{input: input, cancel: cancel}, &out, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("line mode: err %v\n%s", err, out.String())
		}
	} else {
		res, err = tui.RunAccessible(context.Background(), deps, strings.NewReader(input), &out, nil)
		if err != nil {
			t.Fatalf("line mode: %v\n%s", err, out.String())
		}
	}
	config, accounts := files.read(t)
	return parityOutcome{res: res, config: config, accounts: accounts, path: files.config, accountPath: files.accounts}
}

// normalise takes the temp dirs, which differ between the two runs, out.
func (o parityOutcome) normalise() parityOutcome {
	o.res.SaveResult.Path = strings.ReplaceAll(o.res.SaveResult.Path, o.path, "<config>")
	o.config = bytes.ReplaceAll(o.config, []byte(o.path), []byte("<config>"))
	o.accounts = bytes.ReplaceAll(o.accounts, []byte(o.accountPath), []byte("<accounts>"))
	o.path, o.accountPath = "", ""
	return o
}

func TestParityOfBothFaces(t *testing.T) {
	for _, sc := range parityScenarios {
		t.Run(sc.name, func(t *testing.T) {
			screen := runScreen(t, sc).normalise()
			lines := runLines(t, sc).normalise()
			if screen.res.Action != sc.want {
				t.Fatalf("full screen: action %s, want %s (result %+v)", screen.res.Action, sc.want, screen.res)
			}
			if !reflect.DeepEqual(screen.res, lines.res) {
				t.Errorf("results differ:\nfull screen %+v\nline mode   %+v", screen.res, lines.res)
			}
			if !bytes.Equal(screen.config, lines.config) {
				t.Errorf("k6's config differs:\nfull screen %s\nline mode   %s", screen.config, lines.config)
			}
			if !bytes.Equal(screen.accounts, lines.accounts) {
				t.Errorf("accounts file differs:\nfull screen %s\nline mode   %s", screen.accounts, lines.accounts)
			}
			for _, tok := range []string{parityPersonal, parityStackTok} {
				if sc.want == tui.ActionForgetAll && (bytes.Contains(lines.config, []byte(tok)) || bytes.Contains(lines.accounts, []byte(tok))) {
					t.Errorf("a token is left after forgetting everything")
				}
			}
		})
	}
}
