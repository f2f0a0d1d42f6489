package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/configstore"
)

// ciToken is a third token the fake API accepts; like the others it must never show.
const ciToken = "glsa_CISECRETCISECRETCISECRETCISECRET_ab12"

// shownAccountsPath is the saved-accounts file the screens name.
const shownAccountsPath = "/home/ada/.config/k6login/accounts.json"

// clock is the fixed "now" of the account screens' goldens.
var clock = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// configWithLogin is k6's config holding goodToken for my-team, with an
// unknown key at the top and inside collectors.cloud that must survive.
const configWithLogin = `{"collectors":{"cloud":{"token":"` + goodToken + `","stackID":4321,"stackURL":"https://my-team.grafana.net","defaultProjectID":100,"name":"keep me"}},"vus":3}`

// configSignedOut is k6's config without a login, other settings kept.
const configSignedOut = `{"collectors":{"cloud":{"name":"keep me"}},"vus":3}`

// seedAccounts are three saved accounts on the fake API's stack: the one in
// configWithLogin, a stack token with a project, and one the API refuses.
func seedAccounts() []configstore.Account {
	return []configstore.Account{
		{Name: "my-team-personal", Token: goodToken, StackURL: stackURL, StackID: stackID, DefaultProjectID: defaultPID,
			TokenMode: configstore.TokenModePersonal, LastValidated: clock.Add(-3 * time.Minute)},
		{Name: "ci-stack", Token: ciToken, StackURL: stackURL, StackID: stackID, DefaultProjectID: defaultPID, ProjectID: 102,
			TokenMode: configstore.TokenModeStack, LastValidated: clock.Add(-26 * time.Hour)},
		{Name: "old-laptop", Token: otherToken, StackURL: stackURL, StackID: stackID, DefaultProjectID: defaultPID,
			TokenMode: configstore.TokenModePersonal},
	}
}

// acctEnv is an env whose model was built by New with a real Session over
// k6's config and an accounts file, both in a temp dir.
type acctEnv struct {
	*env
	accounts     *configstore.AccountStore
	accountsFile string
	origAccounts []byte
}

type acctOpt func(*acctEnv)

// withConfig writes k6's config before the start (and its mode).
func withConfig(content string, mode os.FileMode) acctOpt {
	return func(e *acctEnv) {
		if err := os.WriteFile(e.path, []byte(content), mode); err != nil {
			e.t.Fatal(err)
		}
		if err := os.Chmod(e.path, mode); err != nil {
			e.t.Fatal(err)
		}
	}
}

func withAccounts(accounts ...configstore.Account) acctOpt {
	return func(e *acctEnv) {
		for _, a := range accounts {
			if _, err := e.accounts.Upsert(a); err != nil {
				e.t.Fatal(err)
			}
		}
	}
}

// withAccountsFile writes the accounts file as given (a damaged one, say).
func withAccountsFile(content string) acctOpt {
	return func(e *acctEnv) {
		if err := os.MkdirAll(filepath.Dir(e.accountsFile), 0o700); err != nil {
			e.t.Fatal(err)
		}
		if err := os.WriteFile(e.accountsFile, []byte(content), 0o600); err != nil {
			e.t.Fatal(err)
		}
	}
}

func withVars(vars map[string]string) acctOpt {
	return func(e *acctEnv) {
		e.m.deps.Getenv = func(k string) string { return vars[k] }
		e.m.overrides = configstore.EnvOverrides(e.m.deps.getenv)
	}
}

func withDemoBadge() acctOpt { return func(e *acctEnv) { e.m.opts.Demo = true } }

// standard is the usual start: k6 logged in as my-team-personal, three accounts saved.
func standard() []acctOpt {
	return []acctOpt{withConfig(configWithLogin, 0o600), withAccounts(seedAccounts()...)}
}

func newAcctEnv(t testing.TB, opts ...acctOpt) *acctEnv {
	t.Helper()
	base := &env{t: t, api: newFakeAPI(5)}
	base.api.tokens[ciToken] = true
	dir := t.TempDir()
	base.path = filepath.Join(dir, "k6", "config.json")
	if err := os.MkdirAll(filepath.Dir(base.path), 0o700); err != nil {
		t.Fatal(err)
	}
	base.store = configstore.New(base.path)
	base.fixed = &fixedPathStore{Store: base.store}
	e := &acctEnv{env: base, accountsFile: filepath.Join(dir, "k6login", "accounts.json")}
	e.accounts = configstore.NewAccountStore(e.accountsFile)
	deps := Deps{API: e.api, Store: e.fixed, Accounts: configstore.Session{Config: e.store, Accounts: e.accounts},
		AccountsPath: shownAccountsPath, Now: func() time.Time { return clock }}
	e.m = New(deps, Options{})
	e.m.holdStill()
	for _, o := range opts {
		o(e)
	}
	e.original = e.fileContent()
	e.origAccounts = e.accountsContent()
	return e
}

func (e *acctEnv) program() *teatest.TestModel {
	e.t.Helper()
	return teatest.NewTestModel(e.t, e.m, teatest.WithInitialTermSize(80, 24))
}

func (e *acctEnv) accountsContent() []byte {
	b, err := os.ReadFile(e.accountsFile)
	if err != nil && !os.IsNotExist(err) {
		e.t.Fatal(err)
	}
	return b
}

// requireFilesUntouched checks both files are byte for byte what they were.
func (e *acctEnv) requireFilesUntouched() {
	e.t.Helper()
	if got := e.fileContent(); string(got) != string(e.original) {
		e.t.Fatalf("k6's config changed:\nbefore: %s\nafter:  %s", e.original, got)
	}
	if got := e.accountsContent(); string(got) != string(e.origAccounts) {
		e.t.Fatalf("accounts file changed:\nbefore: %s\nafter:  %s", e.origAccounts, got)
	}
}

// requireConfig checks the login k6 reads, and that the unknown keys survived.
func (e *acctEnv) requireConfig(want configstore.Credentials) {
	e.t.Helper()
	snap, err := e.store.Load()
	if err != nil {
		e.t.Fatal(err)
	}
	if snap.Credentials != want {
		e.t.Fatalf("k6's config holds %+v\nwant %+v", snap.Credentials, want)
	}
	var doc struct {
		Collectors struct {
			Cloud map[string]any `json:"cloud"`
		} `json:"collectors"`
		VUs int `json:"vus"`
	}
	if err := json.Unmarshal(e.fileContent(), &doc); err != nil {
		e.t.Fatal(err)
	}
	if doc.VUs != 3 || doc.Collectors.Cloud["name"] != "keep me" {
		e.t.Fatalf("other settings lost:\n%s", e.fileContent())
	}
	if want.Empty() {
		for _, k := range []string{"token", "stackID", "stackURL", "defaultProjectID", "projectID"} {
			if _, ok := doc.Collectors.Cloud[k]; ok {
				e.t.Fatalf("%s left in k6's config:\n%s", k, e.fileContent())
			}
		}
	}
}

// savedAccounts reads the accounts file through its own format, by name.
func (e *acctEnv) savedAccounts() map[string]configstore.Account {
	e.t.Helper()
	var f struct {
		Version  int                   `json:"version"`
		Accounts []configstore.Account `json:"accounts"`
	}
	if err := json.Unmarshal(e.accountsContent(), &f); err != nil {
		e.t.Fatalf("accounts file: %v\n%s", err, e.accountsContent())
	}
	if f.Version != 1 || f.Accounts == nil {
		e.t.Fatalf("accounts file layout:\n%s", e.accountsContent())
	}
	out := map[string]configstore.Account{}
	for _, a := range f.Accounts {
		out[a.Name] = a
	}
	return out
}

func (e *acctEnv) requireAccountNames(want ...string) map[string]configstore.Account {
	e.t.Helper()
	got := e.savedAccounts()
	if len(got) != len(want) {
		e.t.Fatalf("accounts %v, want %v", keys(got), want)
	}
	for _, n := range want {
		if _, ok := got[n]; !ok {
			e.t.Fatalf("accounts %v, want %v", keys(got), want)
		}
	}
	return got
}

func keys(m map[string]configstore.Account) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func (e *acctEnv) requireNoTokenSeen() {
	e.t.Helper()
	for _, v := range e.views {
		requireNoToken(e.t.(*testing.T), v)
	}
}

// credsOf is the login an account puts in k6's config.
func credsOf(name string) configstore.Credentials {
	for _, a := range seedAccounts() {
		if a.Name == name {
			return a.Credentials()
		}
	}
	panic(name)
}
