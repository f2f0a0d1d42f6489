package configstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newTestSession(t *testing.T, config string) (Session, string) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "k6", "config.json")
	if config != "" {
		os.MkdirAll(filepath.Dir(path), 0o700)
		if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return Session{Config: New(path), Accounts: NewAccountStore(filepath.Join(dir, "k6login", "accounts.json"))}, path
}

const sessionK6Config = `{"collectors":{"cloud":{"token":"k6-written-token-1234","stackURL":"https://team.grafana.net","stackID":5,"defaultProjectID":50,"name":"n"}},"vus":null}`

func TestSessionNeverDropsCredentialsOnlyK6Had(t *testing.T) {
	s, path := newTestSession(t, sessionK6Config)
	o, err := s.Overview()
	if err != nil || o.Unsaved == nil || o.Active != -1 || o.Unsaved.Name != "team" {
		t.Fatalf("Overview = %+v, %v", o, err)
	}
	if a, ok := o.ActiveAccount(); !ok || a.Token != "k6-written-token-1234" {
		t.Fatalf("ActiveAccount = %+v, %v", a, ok)
	}

	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	c := Credentials{Token: "new-token-abcdefgh", StackURL: "https://other.grafana.net", StackID: 9, DefaultProjectID: 90, ProjectID: 91}
	_, acc, err := s.SaveLogin(c, TokenModeStack, "checkout", now)
	if err != nil || acc.Name != "other-stack" || acc.ProjectName != "checkout" || !acc.LastValidated.Equal(now) {
		t.Fatalf("SaveLogin = %+v, %v", acc, err)
	}
	o, _ = s.Overview()
	if len(o.Accounts) != 2 || o.Unsaved != nil || o.Accounts[o.Active].Name != "other-stack" {
		t.Fatalf("after login: %+v", o)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), `"name": "n"`) || !strings.Contains(string(data), `"vus": null`) {
		t.Errorf("other keys lost:\n%s", data)
	}

	// Switch back to the account k6 wrote, then sign out: it stays saved.
	team, err := s.Accounts.Get("team")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Activate(team); err != nil {
		t.Fatal(err)
	}
	if snap, _ := s.Config.Load(); snap.Credentials.Token != "k6-written-token-1234" || snap.Credentials.ProjectID != 0 {
		t.Errorf("after Activate: %+v", snap.Credentials)
	}
	signed, ok, err := s.SignOut()
	if err != nil || !ok || signed.Name != "team" {
		t.Fatalf("SignOut = %+v %v %v", signed, ok, err)
	}
	if snap, _ := s.Config.Load(); !snap.Credentials.Empty() {
		t.Errorf("credentials left after SignOut: %+v", snap.Credentials)
	}
	if _, ok, _ := s.SignOut(); ok {
		t.Error("a second SignOut reported removing something")
	}
	if list, _ := s.Accounts.List(); len(list) != 2 {
		t.Errorf("accounts after SignOut: %d", len(list))
	}
}

func TestSessionForget(t *testing.T) {
	s, _ := newTestSession(t, sessionK6Config)
	if _, _, err := s.SaveLogin(Credentials{Token: "tok-aaaaaaaaaaaa", StackURL: "https://a.grafana.net", StackID: 1, DefaultProjectID: 10}, TokenModePersonal, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	// Forgetting an account k6 does not use leaves k6's config alone.
	if _, active, err := s.Forget("team"); err != nil || active {
		t.Fatalf("Forget(team) active=%v err=%v", active, err)
	}
	if snap, _ := s.Config.Load(); snap.Credentials.Token != "tok-aaaaaaaaaaaa" {
		t.Error("forgetting another account touched k6's config")
	}
	// Forgetting the active one removes its token from k6's config too.
	if _, active, err := s.Forget("a-personal"); err != nil || !active {
		t.Fatalf("Forget(a-personal) active=%v err=%v", active, err)
	}
	if snap, _ := s.Config.Load(); !snap.Credentials.Empty() {
		t.Error("the forgotten token is still in k6's config")
	}
	if _, _, err := s.Forget("nope"); !IsAccountsError(err) {
		t.Errorf("Forget(nope) = %v", err)
	}
	s.SaveLogin(Credentials{Token: "tok-bbbbbbbbbbbb", StackURL: "https://b.grafana.net", StackID: 2, DefaultProjectID: 20}, TokenModePersonal, "", time.Now())
	n, signedOut, err := s.ForgetAll()
	if err != nil || n != 1 || !signedOut {
		t.Errorf("ForgetAll = %d %v %v", n, signedOut, err)
	}
}

func TestSessionInvalidConfigStopsBeforeAnyWrite(t *testing.T) {
	s, path := newTestSession(t, "{broken")
	if _, _, err := s.SaveLogin(Credentials{Token: "tok-cccccccccccc", StackURL: "https://c.grafana.net", StackID: 3}, TokenModePersonal, "", time.Now()); err == nil {
		t.Fatal("SaveLogin into a broken config succeeded")
	}
	if b, _ := os.ReadFile(path); string(b) != "{broken" {
		t.Error("broken config changed")
	}
	if _, err := os.Stat(s.Accounts.Path()); !os.IsNotExist(err) {
		t.Error("an account was recorded although the login was not saved")
	}
}

func TestSessionLoginBlockedWhenOldLoginCannotBeKept(t *testing.T) {
	s, path := newTestSession(t, sessionK6Config)
	os.MkdirAll(filepath.Dir(s.Accounts.Path()), 0o700)
	os.WriteFile(s.Accounts.Path(), []byte("{damaged"), 0o600)
	c := Credentials{Token: "new-token-abcdefgh", StackURL: "https://other.grafana.net", StackID: 9, DefaultProjectID: 90}
	_, _, err := s.SaveLogin(c, TokenModePersonal, "", time.Now())
	var blocked *LoginBlockedError
	if !errors.As(err, &blocked) || IsAccountsError(err) || !strings.Contains(err.Error(), s.Accounts.Path()) {
		t.Fatalf("SaveLogin = %v; want a LoginBlockedError naming the accounts file", err)
	}
	if b, _ := os.ReadFile(path); string(b) != sessionK6Config {
		t.Error("k6's config changed although its login could not be kept")
	}
	// Logging in again with the very login k6's config holds loses nothing: allowed.
	same := Credentials{Token: "k6-written-token-1234", StackURL: "https://team.grafana.net", StackID: 5, DefaultProjectID: 50}
	if _, _, err := s.SaveLogin(same, TokenModePersonal, "", time.Now()); !IsAccountsError(err) {
		t.Errorf("re-login of the same credentials = %v; want only the accounts warning", err)
	}
	if b, _ := os.ReadFile(s.Accounts.Path()); string(b) != "{damaged" {
		t.Error("the damaged accounts file was overwritten")
	}
}

// TestSessionLoginBlockedForAnyChangeOfLogin: with the accounts file damaged,
// a login that changes either the token or the stack would replace a login
// that cannot be kept; both are refused and k6's config stays byte for byte.
func TestSessionLoginBlockedForAnyChangeOfLogin(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Credentials
	}{
		{"same stack, new token", Credentials{Token: "new-token-abcdefgh", StackURL: "https://team.grafana.net", StackID: 5, DefaultProjectID: 50}},
		{"same token, other stack", Credentials{Token: "k6-written-token-1234", StackURL: "https://other.grafana.net", StackID: 9, DefaultProjectID: 90}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, path := newTestSession(t, sessionK6Config)
			os.MkdirAll(filepath.Dir(s.Accounts.Path()), 0o700)
			os.WriteFile(s.Accounts.Path(), []byte("{damaged"), 0o600)
			_, _, err := s.SaveLogin(tc.c, TokenModePersonal, "", time.Now())
			var blocked *LoginBlockedError
			if !errors.As(err, &blocked) || IsAccountsError(err) {
				t.Fatalf("SaveLogin = %v; want a LoginBlockedError", err)
			}
			if b, _ := os.ReadFile(path); string(b) != sessionK6Config {
				t.Errorf("k6's config changed although its login could not be kept:\n%s", b)
			}
			if b, _ := os.ReadFile(s.Accounts.Path()); string(b) != "{damaged" {
				t.Error("the damaged accounts file was overwritten")
			}
		})
	}
}
