package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// spyKeyring is a SecretStore that records every call; a demo must make none.
type spyKeyring struct {
	mu    sync.Mutex
	calls []string
}

func (s *spyKeyring) note(c string) { s.mu.Lock(); s.calls = append(s.calls, c); s.mu.Unlock() }
func (s *spyKeyring) Get(ref string) (string, error) {
	s.note("get")
	return "", configstore.ErrSecretNotFound
}
func (s *spyKeyring) Set(ref, secret string) error { s.note("set"); return nil }
func (s *spyKeyring) Delete(ref string) error      { s.note("delete"); return nil }
func (s *spyKeyring) Name() string                 { return "the spy keyring" }

// demoApp is an app whose wizard is replaced by look, which gets the demo's
// environment and API while the demo runs.
func demoApp(t *testing.T, look func(env *runEnv, api authclient.API)) (*app, *spyKeyring, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errOut bytes.Buffer
	spy := &spyKeyring{}
	a := newApp(strings.NewReader(""), &out, &errOut, func(string) string { return "" })
	a.stdinIsTerminal = func() bool { return true }
	a.newSecrets = func() configstore.SecretStore { return spy }
	a.runWizard = func(_ context.Context, _ *options, env *runEnv, api authclient.API) error {
		look(env, api)
		return nil
	}
	t.Setenv("TMPDIR", t.TempDir())
	return a, spy, &out, &errOut
}

// Issue 12: the demo starts with two saved accounts, one of them in use, both
// with tokens the demo's API accepts, so home, review, switch and reset can
// all be tried; nothing of it is left behind.
func TestDemoStartsWithTwoSavedAccounts(t *testing.T) {
	var dir string
	a, spy, _, errOut := demoApp(t, func(env *runEnv, api authclient.API) {
		dir = filepath.Dir(filepath.Dir(env.store.Path()))
		o, err := env.session().Overview()
		if err != nil {
			t.Fatal(err)
		}
		if len(o.Accounts) != 2 || o.Active < 0 || o.Unsaved != nil {
			t.Fatalf("overview %+v", o)
		}
		active := o.Accounts[o.Active]
		if active.Name != "demo-personal" || active.StackURL != fakeapi.DemoStackURL || active.ProjectID != 0 ||
			active.TokenMode != configstore.TokenModePersonal {
			t.Errorf("in use: %+v", active)
		}
		for _, acc := range o.Accounts {
			if acc.TokenStorage() != "file" {
				t.Errorf("%s keeps its token in %s", acc.Name, acc.TokenStorage())
			}
			info, err := api.Validate(context.Background(), acc.Token, acc.StackURL)
			if err != nil || info.StackID != acc.StackID || info.DefaultProjectID != acc.DefaultProjectID {
				t.Errorf("%s: the demo API says %+v, %v", acc.Name, info, err)
			}
			if acc.Name == "demo-team-stack" {
				if acc.StackURL != fakeapi.DemoTeamStackURL || acc.ProjectID != 2002 || acc.ProjectName != "payments" ||
					acc.TokenMode != configstore.TokenModeStack || acc.Token != fakeapi.DemoStackToken {
					t.Errorf("the other account: %+v", acc)
				}
				if _, err := api.Project(context.Background(), acc.Token, acc.StackID, acc.ProjectID); err != nil {
					t.Errorf("its project: %v", err)
				}
			}
		}
		// The README's other combinations stay usable for "Add an account"
		// (demo-slow takes 3 seconds: fakeapi's tests have it).
		for _, c := range [][2]string{{fakeapi.DemoPersonalToken, fakeapi.DemoBigStackURL}, {fakeapi.DemoPersonalToken, fakeapi.DemoTeamStackURL}} {
			if _, err := api.Validate(context.Background(), c[0], c[1]); err != nil {
				t.Errorf("%s on %s: %v", c[0], c[1], err)
			}
		}
		if _, err := api.Validate(context.Background(), fakeapi.DemoRevokedToken, fakeapi.DemoStackURL); err == nil {
			t.Error("the revoked token is accepted")
		}
		// A save during the demo keeps its token in the file too.
		if _, _, err := env.session().SaveLogin(configstore.Credentials{Token: fakeapi.DemoPersonalToken, StackURL: fakeapi.DemoTeamStackURL, StackID: 102, DefaultProjectID: 2001},
			configstore.TokenModePersonal, "", active.LastValidated); err != nil {
			t.Fatal(err)
		}
	})
	for _, args := range [][]string{{"--demo"}, {"--demo", "--insecure-storage"}} {
		if code := a.run(context.Background(), args); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if dir == "" {
			t.Fatal("the wizard did not run")
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%v: the demo's folder %s is still there (%v)", args, dir, err)
		}
	}
	if len(spy.calls) != 0 {
		t.Errorf("the demo used the keyring: %v", spy.calls)
	}
}

// A scripted demo login (and --show, --reset) starts from the same two
// accounts, never touches the keyring, and never suggests running k6 against
// its throwaway file.
func TestDemoScriptedLoginSaysItWasADemo(t *testing.T) {
	a, spy, out, errOut := demoApp(t, func(*runEnv, authclient.API) { t.Fatal("the wizard ran") })
	if code := a.run(context.Background(), []string{"--demo", "--stack", "demo-team", "--token", fakeapi.DemoStackToken, "--stack-token", "--project-id", "2003"}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(out.String(), "k6 cloud run") || !strings.Contains(out.String(), "This was a demo") || !strings.Contains(out.String(), "without --demo") {
		t.Errorf("the demo's summary:\n%s", out)
	}
	out.Reset()
	if code := a.run(context.Background(), []string{"--demo", "--show"}); code != exitOK || !strings.Contains(out.String(), "https://demo.grafana.net") {
		t.Errorf("--demo --show: exit %d:\n%s%s", code, out, errOut)
	}
	if len(spy.calls) != 0 {
		t.Errorf("the demo used the keyring: %v", spy.calls)
	}
	left, _ := filepath.Glob(filepath.Join(os.Getenv("TMPDIR"), "*"))
	if len(left) != 0 {
		t.Errorf("the demo left %v", left)
	}
}
