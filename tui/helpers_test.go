package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/muesli/termenv"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	code := m.Run()
	// After every golden was rewritten, so the README gets the new ones.
	if updatingGoldens() {
		if err := syncReadme(); err != nil {
			fmt.Fprintln(os.Stderr, "README.md not updated:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// Tokens of the fake API. goodToken is recognisable, so a test can check it
// never reaches a screen.
const (
	goodToken  = "glc_SECRETSECRETSECRETSECRETSECRETSECRETtail1234"
	otherToken = "glc_WRONGWRONGWRONGWRONGWRONGWRONGWRONGdead9876"
	stackURL   = "https://my-team.grafana.net"
	stackID    = int64(4321)
	defaultPID = int64(100)
)

// fakeAPI answers like the v6 API for one stack. errs are returned, in order,
// by the next Validate calls before it answers normally; gate, when set, holds
// every Validate until it is closed (the reply ignores cancellation, like a
// reply already on the wire).
type fakeAPI struct {
	mu          sync.Mutex
	tokens      map[string]bool
	projects    []authclient.Project
	projectsErr error
	errs        []error
	gate        chan struct{}
	calls       []string
	lastToken   string
}

func newFakeAPI(nProjects int) *fakeAPI {
	f := &fakeAPI{tokens: map[string]bool{goodToken: true}}
	f.projects = append(f.projects, authclient.Project{ID: defaultPID, Name: "Default project", IsDefault: true})
	for i := 1; i < nProjects; i++ {
		f.projects = append(f.projects, authclient.Project{ID: defaultPID + int64(i), Name: fmt.Sprintf("Project %04d", i)})
	}
	return f
}

func (f *fakeAPI) record(s string) {
	f.mu.Lock()
	f.calls = append(f.calls, s)
	f.mu.Unlock()
}

func (f *fakeAPI) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *fakeAPI) Validate(ctx context.Context, token, stack string) (authclient.AuthInfo, error) {
	f.record("validate " + stack)
	f.mu.Lock()
	f.lastToken = token
	gate := f.gate
	var scripted error
	if len(f.errs) > 0 {
		scripted, f.errs = f.errs[0], f.errs[1:]
	}
	ok := f.tokens[token]
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	switch {
	case scripted != nil:
		return authclient.AuthInfo{}, scripted
	case !ok:
		return authclient.AuthInfo{}, &authclient.Error{Kind: authclient.KindInvalidToken, Status: 401, ServerMessage: "Invalid token", Host: "api.k6.io"}
	case stack != stackURL:
		return authclient.AuthInfo{}, &authclient.Error{Kind: authclient.KindStackAccess, Status: 403, ServerMessage: "Stack not found or you don't have access: '" + stack + "'", Host: "api.k6.io", Stack: stack}
	}
	return authclient.AuthInfo{StackID: stackID, DefaultProjectID: defaultPID}, nil
}

func (f *fakeAPI) Projects(ctx context.Context, token string, id int64) ([]authclient.Project, error) {
	f.record("projects")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.projectsErr != nil {
		return nil, f.projectsErr
	}
	return append([]authclient.Project(nil), f.projects...), nil
}

func (f *fakeAPI) Project(ctx context.Context, token string, sid, pid int64) (authclient.Project, error) {
	f.record(fmt.Sprintf("project %d", pid))
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.projects {
		if p.ID == pid {
			return p, nil
		}
	}
	return authclient.Project{}, &authclient.Error{Kind: authclient.KindProjectNotFound, Status: 404, Host: "api.k6.io", ProjectID: pid, Stack: fmt.Sprintf("stack %d", sid)}
}

// shownPath is the config path the screens show, so golden files do not
// depend on the temp dir.
const shownPath = "/home/ada/.config/k6/config.json"

// fixedPathStore saves to a real file (through configstore) but names it shownPath.
type fixedPathStore struct {
	*configstore.Store
	saveErr error // when set, Save fails with it and writes nothing
}

func (s *fixedPathStore) Path() string { return shownPath }

func (s *fixedPathStore) Save(c configstore.Credentials) (configstore.SaveResult, error) {
	if s.saveErr != nil {
		return configstore.SaveResult{}, s.saveErr
	}
	res, err := s.Store.Save(c)
	res.Path = shownPath
	return res, err
}

// env is one wizard with its fakes and a real config file in a temp dir.
type env struct {
	t     testing.TB
	api   *fakeAPI
	path  string
	store *configstore.Store
	fixed *fixedPathStore
	m     *Model
	views []string // every screen drawn by send, to look for the token
	quit  bool
	// original is the file's content before the run, nil when there was none.
	original []byte
}

type envOpt func(*env, *Deps, *Options)

func withEnv(vars map[string]string) envOpt {
	return func(_ *env, d *Deps, _ *Options) {
		d.Getenv = func(k string) string { return vars[k] }
	}
}

func withDemo() envOpt { return func(_ *env, _ *Deps, o *Options) { o.Demo = true } }

// withExistingFile starts from a config file that already has other settings.
func withExistingFile(content string) envOpt {
	return func(e *env, _ *Deps, _ *Options) {
		if err := os.WriteFile(e.path, []byte(content), 0o600); err != nil {
			e.t.Fatal(err)
		}
		e.original = []byte(content)
	}
}

func newEnv(t testing.TB, opts ...envOpt) *env {
	t.Helper()
	e := &env{t: t, api: newFakeAPI(5)}
	dir := t.TempDir()
	e.path = filepath.Join(dir, "k6", "config.json")
	if err := os.MkdirAll(filepath.Dir(e.path), 0o700); err != nil {
		t.Fatal(err)
	}
	e.store = configstore.New(e.path)
	e.fixed = &fixedPathStore{Store: e.store}
	deps := Deps{API: e.api, Store: e.fixed}
	var o Options
	for _, opt := range opts {
		opt(e, &deps, &o)
	}
	e.m = NewWizard(deps, o)
	e.m.holdStill()
	return e
}

// send delivers msg and runs every command it leads to, synchronously, feeding
// the replies back: the fakes answer at once and nothing animates, so this
// ends.
func (e *env) send(msgs ...tea.Msg) {
	e.t.Helper()
	for _, msg := range msgs {
		e.sendOne(msg)
	}
}

// sendOne delivers one message and everything its commands lead to, before
// the next key: as if the user waited for the screen to settle.
func (e *env) sendOne(msg tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		if _, ok := msg.(tea.QuitMsg); ok {
			e.quit = true
			continue
		}
		_, cmd := e.m.Update(msg)
		queue = append(queue, runCmd(cmd)...)
	}
	e.views = append(e.views, e.m.View())
}

// sendNoRun delivers msg and returns its command without running it, to
// hold a request in flight.
func (e *env) sendNoRun(msg tea.Msg) tea.Cmd {
	_, cmd := e.m.Update(msg)
	e.views = append(e.views, e.m.View())
	return cmd
}

func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, runCmd(c)...)
		}
		return out
	default:
		return []tea.Msg{msg}
	}
}

func (e *env) init() { e.initSize(80, 24) }

func (e *env) initSize(w, h int) {
	e.t.Helper()
	e.send(tea.WindowSizeMsg{Width: w, Height: h})
	e.send(runCmd(e.m.Init())...)
}

func keyType(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

var (
	enter = keyType(tea.KeyEnter)
	esc   = keyType(tea.KeyEsc)
	ctrlC = keyType(tea.KeyCtrlC)
	up    = keyType(tea.KeyUp)
	down  = keyType(tea.KeyDown)
)

func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func paste(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// typeText sends one key per rune, as a person types.
func (e *env) typeText(s string) {
	e.t.Helper()
	for _, r := range s {
		e.send(runes(string(r)))
	}
}

func (e *env) requireStep(want step) {
	e.t.Helper()
	if e.m.step != want {
		e.t.Fatalf("step = %s, want %s\nscreen:\n%s", e.m.step, want, e.m.View())
	}
}

// toTokenMode walks from the welcome screen to the token type question.
func (e *env) toTokenMode(token string) {
	e.t.Helper()
	e.send(enter)
	e.typeText("my-team")
	e.send(enter)
	e.send(paste(token))
	e.send(enter)
	e.requireStep(stepTokenMode)
}

func (e *env) fileContent() []byte {
	b, err := os.ReadFile(e.path)
	if err != nil && !os.IsNotExist(err) {
		e.t.Fatal(err)
	}
	return b
}

// requireUntouched checks the config file is byte for byte what it was.
func (e *env) requireUntouched() {
	e.t.Helper()
	got := e.fileContent()
	if string(got) != string(e.original) || (got == nil) != (e.original == nil) {
		e.t.Fatalf("config file changed:\nbefore: %q\nafter:  %q", e.original, got)
	}
	if e.m.Result().Saved {
		e.t.Fatal("Result().Saved is true")
	}
}

// requireSaved checks what k6 will read from the file.
func (e *env) requireSaved(want configstore.Credentials) {
	e.t.Helper()
	snap, err := e.store.Load()
	if err != nil {
		e.t.Fatal(err)
	}
	if snap.Credentials != want {
		e.t.Fatalf("file holds %+v\nwant       %+v", snap.Credentials, want)
	}
	r := e.m.Result()
	if !r.Saved || r.Credentials != want {
		e.t.Fatalf("Result = %+v, want saved %+v", r, want)
	}
	if strings.Contains(string(e.fileContent()), `"projectID"`) != (want.ProjectID != 0) {
		e.t.Fatalf("projectID presence wrong in file:\n%s", e.fileContent())
	}
}

func filepathGlob(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	return out, err
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// holdStill stops every animation, so that screens are the same on every run; see Model.still.
func (m *Model) holdStill() { m.still = true }
