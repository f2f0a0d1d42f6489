package tui

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// Tokens of the check-all tests besides goodToken, ciToken and otherToken
// (refused). Each is recognisable, so a test can tell it never shows.
const (
	flakyToken  = "glc_SECRETSECRETFLAKYFLAKYFLAKYFLAKYFLAKYflk5"
	keyringName = "in-keyring"
	goneStack   = "https://gone.grafana.net"
)

// checkAllAccounts are the saved accounts of the check-all tests, one for
// each answer: valid (two), refused, no access to the stack, unreachable (the
// fake API fails every request with this token), and one whose token the
// keyring will not give.
func checkAllAccounts() []configstore.Account {
	return append(seedAccounts(),
		configstore.Account{Name: "gone-stack", Token: goodToken, StackURL: goneStack, StackID: 9, DefaultProjectID: 90, TokenMode: configstore.TokenModePersonal},
		configstore.Account{Name: "flaky", Token: flakyToken, StackURL: stackURL, StackID: stackID, DefaultProjectID: defaultPID, TokenMode: configstore.TokenModePersonal},
		configstore.Account{Name: keyringName, Token: "glc_SECRETSECRETKEYRINGKEYRINGKEYRINGKEYRINGkr01", StackURL: stackURL, StackID: stackID, DefaultProjectID: defaultPID, TokenMode: configstore.TokenModePersonal},
	)
}

// lockedKeyring is a session whose keyring will not give the token of
// keyringName, as configstore.Session reports a locked keyring.
type lockedKeyring struct{ configstore.Session }

func (s lockedKeyring) Overview() (configstore.Overview, error) {
	ov, err := s.Session.Overview()
	for i := range ov.Accounts {
		if ov.Accounts[i].Name == keyringName {
			ov.Accounts[i].Token, ov.Accounts[i].TokenRef = "", "k6login:"+keyringName
		}
	}
	return ov, err
}

func (lockedKeyring) SecretsError() error { return errors.New("the keyring is locked") }

// checkAllAPI is the loopback fake API of the check-all tests. hold, when
// not nil, keeps every reply back until it is closed or the request is
// cancelled.
type checkAllAPI struct {
	srv  *fakeapi.Server
	api  authclient.API
	mu   sync.Mutex
	hold chan struct{}
}

func newCheckAllAPI(t testing.TB) *checkAllAPI {
	c := &checkAllAPI{}
	c.srv = fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{
			{Token: goodToken, Kind: fakeapi.Personal, Stacks: []string{stackURL}},
			{Token: ciToken, Kind: fakeapi.StackToken, Stacks: []string{stackURL}},
			{Token: flakyToken, Kind: fakeapi.Personal, Stacks: []string{stackURL}},
		},
		Stacks: []fakeapi.Stack{
			{URL: stackURL, ID: stackID, DefaultProjectID: defaultPID},
			{URL: goneStack, ID: 9, DefaultProjectID: 90},
		},
		Fault: func(w http.ResponseWriter, r *http.Request) bool {
			c.mu.Lock()
			hold := c.hold
			c.mu.Unlock()
			if hold != nil {
				select {
				case <-hold:
				case <-r.Context().Done():
					return true
				}
			}
			if r.Header.Get("Authorization") == "Bearer "+flakyToken {
				fakeapi.WriteError(w, http.StatusBadGateway, "bad gateway")
				return true
			}
			return false
		},
	})
	base, stop := c.srv.Start()
	t.Cleanup(stop)
	// The errors name the API's host: a fixed address without the port,
	// dialled on the server's port, keeps the goldens the same from run to run.
	addr := strings.TrimPrefix(base, "http://")
	var d net.Dialer
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}}}
	c.api = authclient.New(authclient.Options{BaseURL: "http://127.0.0.1", HTTPClient: hc, Timeout: 5 * time.Second,
		Backoff: func(int) time.Duration { return time.Millisecond }})
	return c
}

func (c *checkAllAPI) holdReplies() {
	c.mu.Lock()
	c.hold = make(chan struct{})
	c.mu.Unlock()
}

func (c *checkAllAPI) release() {
	c.mu.Lock()
	if c.hold != nil {
		close(c.hold)
		c.hold = nil
	}
	c.mu.Unlock()
}

// newCheckAllEnv is the standard start with checkAllAccounts saved, on the
// loopback fake API, with one token locked in the keyring.
func newCheckAllEnv(t *testing.T) (*acctEnv, *checkAllAPI) {
	api := newCheckAllAPI(t)
	e := newAcctEnv(t, withConfig(configWithLogin, 0o600), withAccounts(checkAllAccounts()...))
	e.m.deps.API = api.api
	e.m.deps.Accounts = lockedKeyring{e.m.deps.Accounts.(configstore.Session)}
	return e, api
}

// wantVerdicts are the answers of the fake API, as both faces and `status` say them.
var wantVerdicts = map[string]string{
	"my-team-personal": "valid: stack 4321, default project 100",
	"ci-stack":         "valid: stack 4321, project 102 (default 100)",
	"old-laptop":       "refused: ",
	"gone-stack":       "no access to the stack: ",
	"flaky":            "unreachable: ",
	keyringName:        "not checked: the token of in-keyring is kept in the system keyring, which cannot be read now: the keyring is locked",
}

func requireVerdicts(t *testing.T, m *Model) {
	t.Helper()
	ca := &m.acc.ca
	if len(ca.entries) != len(wantVerdicts) {
		t.Fatalf("%d rows, want %d", len(ca.entries), len(wantVerdicts))
	}
	for i, e := range ca.entries {
		if got := ca.checks[i].Text(); !strings.HasPrefix(got, wantVerdicts[e.Account.Name]) {
			t.Errorf("%s: %q, want %q…", e.Account.Name, got, wantVerdicts[e.Account.Name])
		}
	}
}

func checkAllProgram(t *testing.T, e *acctEnv, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, e.m, teatest.WithInitialTermSize(w, h))
}

// TestCheckAllScreens draws "Check all accounts" while every check runs and
// once all have answered, at 80x24 and 40x20; nothing is written.
func TestCheckAllScreens(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"40x20", 40, 20}} {
		t.Run("checking_"+size.name, func(t *testing.T) {
			e, api := newCheckAllEnv(t)
			api.holdReplies()
			defer api.release()
			tm := checkAllProgram(t, e, size.w, size.h)
			waitShown(t, tm, "k6 uses my-team-personal")
			send(tm, runes("c"))
			waitShown(t, tm, "1 of 6 answered")
			send(tm, runes("q"))
			finalA(t, e, tm)
			e.requireFilesUntouched()
		})
		t.Run("answered_"+size.name, func(t *testing.T) {
			e, _ := newCheckAllEnv(t)
			tm := checkAllProgram(t, e, size.w, size.h)
			waitShown(t, tm, "k6 uses my-team-personal")
			send(tm, runes("c"))
			waitShown(t, tm, "6 checked")
			send(tm, runes("q"))
			finalA(t, e, tm)
			requireVerdicts(t, e.m)
			e.requireFilesUntouched()
			requireResult(t, e, ActionNone, "")
		})
	}
}

// TestCheckAllEscMidCheck: Esc while the checks run goes home at once and
// cancels them; the answers that come later change nothing.
func TestCheckAllEscMidCheck(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"40x20", 40, 20}} {
		t.Run(size.name, func(t *testing.T) {
			e, api := newCheckAllEnv(t)
			api.holdReplies()
			defer api.release()
			tm := checkAllProgram(t, e, size.w, size.h)
			waitShown(t, tm, "k6 uses my-team-personal")
			send(tm, runes("c"))
			waitShown(t, tm, "1 of 6 answered")
			send(tm, esc)
			waitShown(t, tm, "> Check all accounts")
			api.release()
			send(tm, runes("q"))
			finalA(t, e, tm)
			if e.m.step != stepHome || e.m.acc.ca.pending != 0 || e.m.acc.ca.run.cancel != nil {
				t.Fatalf("after Esc: step %s, %d pending", e.m.step, e.m.acc.ca.pending)
			}
			for i, c := range e.m.acc.ca.checks {
				if c.Valid() {
					t.Errorf("row %d took an answer after Esc: %+v", i, c)
				}
			}
			e.requireFilesUntouched()
			requireResult(t, e, ActionNone, "")
		})
	}
}

// TestCheckAllDropsLateAnswers: an answer of a round that was left (Esc) or
// replaced (c again) is dropped, and the rows fill in as answers arrive.
func TestCheckAllDropsLateAnswers(t *testing.T) {
	e, api := newCheckAllEnv(t)
	api.holdReplies()
	defer api.release()
	e.init()
	cmd := e.sendNoRun(runes("c"))
	if e.m.step != stepCheckAll || e.m.acc.ca.pending != 5 || !strings.Contains(e.m.View(), "checking…") {
		t.Fatalf("step %s, %d pending:\n%s", e.m.step, e.m.acc.ca.pending, e.m.View())
	}
	old := e.m.acc.ca.run.seq
	e.send(esc)
	api.release()
	for _, msg := range runCmd(cmd) {
		if _, ok := msg.(checkAllMsg); ok {
			e.send(msg)
		}
	}
	e.send(checkAllMsg{seq: old, ok: true, res: authclient.CheckResult{Index: 0, Status: authclient.CheckValid}})
	for i, c := range e.m.acc.ca.checks {
		if c.Valid() {
			t.Errorf("row %d took a late answer", i)
		}
	}
	// A full round, fed one answer at a time.
	e.send(runes("c"))
	requireVerdicts(t, e.m)
	if e.m.acc.ca.pending != 0 || !strings.Contains(e.m.View(), "6 checked: 2 valid") {
		t.Fatalf("%d pending\n%s", e.m.acc.ca.pending, e.m.View())
	}
	// c checks again; Esc goes home.
	e.send(runes("c"))
	requireVerdicts(t, e.m)
	e.send(esc)
	e.requireStep(stepHome)
	e.requireFilesUntouched()
}

// TestCheckAllCtrlCCancels: Ctrl+C mid-check quits at once, requests cancelled.
func TestCheckAllCtrlCCancels(t *testing.T) {
	e, api := newCheckAllEnv(t)
	api.holdReplies()
	defer api.release()
	tm := checkAllProgram(t, e, 80, 24)
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("c"))
	waitShown(t, tm, "1 of 6 answered")
	send(tm, tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	if r := e.m.Result(); !r.Interrupted || r.Action != ActionNone {
		t.Fatalf("result %+v", r)
	}
	e.requireFilesUntouched()
}

// TestCheckAllLineMode: the menu's "Check all accounts" says one line per
// login as it answers, the same verdicts as the screen, then the menu again.
func TestCheckAllLineMode(t *testing.T) {
	e, _ := newCheckAllEnv(t)
	var out strings.Builder
	res, err := RunAccessible(context.Background(), e.m.deps, strings.NewReader("6\n7\n"), &out, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	s := out.String()
	requireNoToken(t, s)
	if strings.Contains(s, flakyToken) || strings.Contains(s, ciToken) {
		t.Fatalf("a token shows:\n%s", s)
	}
	for name, verdict := range wantVerdicts {
		prefix := "  " + name
		if name == "my-team-personal" {
			prefix += " (in use)"
		}
		if !strings.Contains(s, prefix+", ") || !strings.Contains(s, ": "+verdict) {
			t.Errorf("no line for %s saying %q:\n%s", name, verdict, s)
		}
	}
	requireLines(t, s, flow.CheckAllIntro, "6 checked: 2 valid, ", "What next? Choose 1 to 7 [7]: ")
	if strings.Count(s, "What next?") != 2 || res.Action != ActionNone {
		t.Fatalf("result %+v\n%s", res, s)
	}
	e.requireFilesUntouched()
}

// TestCheckAllLineModeCtrlC: Ctrl+C while the checks run ends at once.
func TestCheckAllLineModeCtrlC(t *testing.T) {
	e, api := newCheckAllEnv(t)
	api.holdReplies()
	defer api.release()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		_, err := RunAccessible(ctx, e.m.deps, pr, &out, nil)
		done <- err
	}()
	pw.Write([]byte("6\n"))
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(out.String(), flow.CheckAllIntro) && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err %v\n%s", err, out.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("the line mode did not end on Ctrl+C:\n%s", out.String())
	}
	if strings.Contains(out.String(), "valid: stack") {
		t.Fatalf("an answer was said after Ctrl+C:\n%s", out.String())
	}
	e.requireFilesUntouched()
}

// TestCheckAllHostileNames: a stack URL from the accounts file reaches
// neither face raw (account names are checked when saved).
func TestCheckAllHostileNames(t *testing.T) {
	e, _ := newCheckAllEnv(t)
	evil := configstore.Account{Name: "evil", Token: ciToken, StackURL: "https://x.grafana.net/\x1b]0;owned\x07", StackID: 1, DefaultProjectID: 2}
	if _, err := e.accounts.Upsert(evil); err != nil {
		t.Fatal(err)
	}
	e.init()
	e.send(runes("c"), down) // the selected row's whole answer shows the URL
	for _, view := range []string{e.m.View()} {
		if strings.ContainsAny(view, "\x1b\x07") || !strings.Contains(view, "evil: invalid") {
			t.Fatalf("a raw control character reached the screen:\n%q", view)
		}
	}
	var out strings.Builder
	if _, err := RunAccessible(context.Background(), e.m.deps, strings.NewReader("6\n7\n"), &out, nil); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\x07") || !strings.Contains(out.String(), "  evil, ") {
		t.Fatalf("a raw control character reached the line mode:\n%q", out.String())
	}
}
