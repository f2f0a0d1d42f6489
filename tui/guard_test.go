package tui_test

// Tests through the exported API only (NewWizard, RunAccessible, Result), with
// the real HTTP client against the fake API on loopback, so that they hold
// while the package's insides move.

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
	"github.com/muesli/termenv"
)

const (
	guardStack      = "https://my-team.grafana.net"
	guardStackID    = int64(4321)
	guardDefaultPID = int64(100)
	guardToken      = "glc_GUARDGUARDGUARDGUARDGUARDGUARDGUARDtail5678"
	guardRefused    = "glc_REFUSEDREFUSEDREFUSEDREFUSEDREFUSEDdead9876"
	guardOldFile    = `{"collectors":{"cloud":{"name":"keep me"}},"vus":3}`
)

// guardAPI is the real client talking to the fake API on loopback: one stack
// with a default project and one other, and one accepted token.
func guardAPI(t *testing.T) authclient.API {
	t.Helper()
	srv := fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: guardToken, Kind: fakeapi.Personal, Stacks: []string{guardStack}}},
		Stacks: []fakeapi.Stack{{URL: guardStack, ID: guardStackID, DefaultProjectID: guardDefaultPID, Projects: []fakeapi.Project{
			{ID: guardDefaultPID, Name: "Default project", IsDefault: true},
			{ID: 101, Name: "checkout"},
		}}},
	})
	base, stop := srv.Start()
	t.Cleanup(stop)
	return authclient.New(authclient.Options{BaseURL: base, Backoff: func(int) time.Duration { return time.Millisecond }})
}

// guardConfig is a config file with other settings and no login.
func guardConfig(t *testing.T) (*configstore.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k6", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(guardOldFile), 0o600); err != nil {
		t.Fatal(err)
	}
	return configstore.New(path), path
}

func requireFile(t *testing.T, path, want string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || string(b) != want {
		t.Fatalf("config file changed (%v):\nbefore: %q\nafter:  %q", err, want, b)
	}
}

func guardWait(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// TestEscOnReviewWritesNothing: Esc on the review screen goes back to the
// projects and saves nothing; leaving then writes nothing either.
func TestEscOnReviewWritesNothing(t *testing.T) {
	lipgloss.SetColorProfile(termenv.Ascii)
	store, path := guardConfig(t)
	m := tui.NewWizard(tui.Deps{API: guardAPI(t), Store: store}, tui.Options{NoColor: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Type("my-team")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(guardToken), Paste: true})
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	guardWait(t, tm, "Token accepted")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // personal token
	guardWait(t, tm, "2 projects")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // the stack's default
	guardWait(t, tm, "Ready to save")
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	guardWait(t, tm, "2 projects")
	requireFile(t, path, guardOldFile)
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	requireFile(t, path, guardOldFile)
	res := m.Result()
	if res.Saved || res.Action != tui.ActionNone || res.Summary() != "" {
		t.Fatalf("Result says something was saved: %+v (summary %q)", res, res.Summary())
	}
	view := m.View()
	if strings.Contains(view, guardToken) {
		t.Fatal("the token is on the screen")
	}
	golden.RequireEqual(t, []byte(view))
}

// lineMode runs the line-by-line wizard with tokens read one per secret read.
func lineMode(t *testing.T, store *configstore.Store, input string, tokens ...string) (tui.Result, string, error) {
	t.Helper()
	var out strings.Builder
	secret := func() (string, error) {
		if len(tokens) == 0 {
			return "", io.EOF
		}
		tok := tokens[0]
		tokens = tokens[1:]
		return tok, nil
	}
	res, err := tui.RunAccessible(context.Background(), tui.Deps{API: guardAPI(t), Store: store}, strings.NewReader(input), &out, secret)
	for _, tok := range []string{guardToken, guardRefused} {
		if strings.Contains(out.String(), tok) {
			t.Fatalf("a token was written out:\n%s", out.String())
		}
	}
	return res, out.String(), err
}

// TestLineModeDefaultProjectRule: every answer left at its default, a personal
// token follows the stack's default project (no projectID is written, so k6
// follows the default if it changes), while a stack token, which needs a
// project, gets the default project's ID written out.
func TestLineModeDefaultProjectRule(t *testing.T) {
	for _, tc := range []struct {
		name       string
		modeAnswer string
		mode       tui.TokenMode
		projectID  int64
		offered    string
	}{
		{"personal token", "", tui.TokenPersonal, 0, "1. Use the stack's default project (100)"},
		{"stack token", "2", tui.TokenStack, guardDefaultPID, "1. Default project"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, path := guardConfig(t)
			// stack, token type, project (default), save (default yes)
			res, out, err := lineMode(t, store, "my-team\n"+tc.modeAnswer+"\n\n\n", guardToken)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			want := configstore.Credentials{Token: guardToken, StackURL: guardStack, StackID: guardStackID, DefaultProjectID: guardDefaultPID, ProjectID: tc.projectID}
			if !res.Saved || res.Credentials != want || res.TokenMode != tc.mode || res.Action != tui.ActionLogin {
				t.Fatalf("Result = %+v\nwant saved %+v as %s\n%s", res, want, tc.mode, out)
			}
			if !strings.Contains(out, tc.offered) {
				t.Errorf("the first choice is not %q:\n%s", tc.offered, out)
			}
			snap, err := store.Load()
			if err != nil || snap.Credentials != want {
				t.Fatalf("file holds %+v (%v), want %+v", snap.Credentials, err, want)
			}
			b, _ := os.ReadFile(path)
			if strings.Contains(string(b), `"projectID"`) != (tc.projectID != 0) || !strings.Contains(string(b), `"keep me"`) {
				t.Errorf("file:\n%s", b)
			}
		})
	}
}

// TestLineModeRefusedTokenAsksForANewToken: a refused token (401) leads
// straight to the token question, not to a choice of what to change; the
// refused token is never saved; and when no new token comes, nothing is.
func TestLineModeRefusedTokenAsksForANewToken(t *testing.T) {
	store, _ := guardConfig(t)
	res, out, err := lineMode(t, store, "my-team\n\n\n\n", guardRefused, guardToken)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, s := range []string{"Error: Token refused.", "Got the token: 47 characters, ends in …5678."} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "Change the stack") || strings.Contains(out, "Try again") {
		t.Errorf("a refused token offered other choices than a new token:\n%s", out)
	}
	if strings.Count(out, "Token (typing is hidden)") != 2 {
		t.Errorf("the token was not asked for exactly twice:\n%s", out)
	}
	if snap, _ := store.Load(); !res.Saved || snap.Credentials.Token != guardToken {
		t.Fatalf("saved %+v, result %+v\n%s", snap.Credentials, res, out)
	}

	t.Run("no new token", func(t *testing.T) {
		store, path := guardConfig(t)
		res, out, err := lineMode(t, store, "my-team\n\n\n\n", guardRefused)
		if err == nil || !strings.Contains(out, "Error: Token refused.") {
			t.Fatalf("err %v\n%s", err, out)
		}
		if res.Saved {
			t.Fatalf("Result = %+v", res)
		}
		requireFile(t, path, guardOldFile)
	})
}
