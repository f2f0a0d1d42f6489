package configstore

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Helpers here have their own names so this file does not depend on the
// helpers of other test files in the package.

func accountsTestPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "k6login", "accounts.json")
}

func readAccountsFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeAccountsFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is filtered by the umask
		t.Fatal(err)
	}
}

func acctPerm(t *testing.T, path string) fs.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func accountNames(accounts []Account) []string {
	names := []string{}
	for _, a := range accounts {
		names = append(names, a.Name)
	}
	return names
}

var (
	acctValidatedAt = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	acctTokenA      = "glc_" + strings.Repeat("a", 20)
	acctTokenB      = "glc_" + strings.Repeat("b", 20)
	acctTokenC      = "glc_" + strings.Repeat("c", 20)
)

func TestAccountsPath(t *testing.T) {
	t.Run("K6LOGIN_ACCOUNTS", func(t *testing.T) {
		t.Setenv("K6LOGIN_ACCOUNTS", "/somewhere/else.json")
		for _, getenv := range []func(string) string{nil, os.Getenv} {
			got, err := AccountsPath(getenv)
			if err != nil || got != "/somewhere/else.json" {
				t.Errorf("AccountsPath = %q, %v", got, err)
			}
		}
	})
	t.Run("getenv is used", func(t *testing.T) {
		got, err := AccountsPath(func(k string) string {
			if k == "K6LOGIN_ACCOUNTS" {
				return "from-getenv.json"
			}
			return ""
		})
		if err != nil || got != "from-getenv.json" {
			t.Errorf("AccountsPath = %q, %v", got, err)
		}
	})
	t.Run("XDG_CONFIG_HOME", func(t *testing.T) {
		if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "plan9" {
			t.Skip("os.UserConfigDir ignores XDG_CONFIG_HOME here")
		}
		dir := t.TempDir()
		t.Setenv("K6LOGIN_ACCOUNTS", "")
		t.Setenv("XDG_CONFIG_HOME", dir)
		got, err := AccountsPath(nil)
		if want := filepath.Join(dir, "k6login", "accounts.json"); err != nil || got != want {
			t.Errorf("AccountsPath = %q, %v; want %q", got, err, want)
		}
	})
	t.Run("no config folder", func(t *testing.T) {
		if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "ios" || runtime.GOOS == "plan9" {
			t.Skip("os.UserConfigDir uses other variables here")
		}
		t.Setenv("K6LOGIN_ACCOUNTS", "")
		t.Setenv("XDG_CONFIG_HOME", "")
		t.Setenv("HOME", "")
		_, err := AccountsPath(nil)
		if err == nil || !strings.Contains(err.Error(), "set K6LOGIN_ACCOUNTS") {
			t.Errorf("AccountsPath without HOME = %v", err)
		}
	})
}

func TestAccountStoreUpsert(t *testing.T) {
	personalA := Account{Token: acctTokenA, StackURL: "https://my-team.grafana.net", StackID: 7, DefaultProjectID: 70,
		TokenMode: TokenModePersonal, LastValidated: acctValidatedAt}
	tests := []struct {
		name      string
		upserts   []Account
		wantNames []string // the names Upsert returned, in order
		wantFile  string
	}{
		{
			name:      "new account gets the default name",
			upserts:   []Account{personalA},
			wantNames: []string{"my-team-personal"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "my-team-personal",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 7,
      "defaultProjectID": 70,
      "tokenMode": "personal",
      "lastValidated": "2025-03-04T05:06:07Z"
    }
  ]
}
`,
		},
		{
			name: "same token and stack updates in place and keeps the name",
			upserts: []Account{
				personalA,
				{Token: acctTokenA, StackURL: "https://my-team.grafana.net", StackID: 7, DefaultProjectID: 71,
					ProjectID: 5, ProjectName: "Checkout", TokenMode: TokenModeStack, LastValidated: acctValidatedAt.Add(time.Hour)},
			},
			wantNames: []string{"my-team-personal", "my-team-personal"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "my-team-personal",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 7,
      "defaultProjectID": 71,
      "projectID": 5,
      "projectName": "Checkout",
      "tokenMode": "stack",
      "lastValidated": "2025-03-04T06:06:07Z"
    }
  ]
}
`,
		},
		{
			name: "unknown values keep what was stored; project 0 is the stack default",
			upserts: []Account{
				{Token: acctTokenA, StackURL: "https://my-team.grafana.net", StackID: 7, DefaultProjectID: 70,
					ProjectID: 5, ProjectName: "Checkout", TokenMode: TokenModePersonal, LastValidated: acctValidatedAt},
				{Token: acctTokenA, StackURL: "https://my-team.grafana.net"},
			},
			wantNames: []string{"my-team-personal", "my-team-personal"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "my-team-personal",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 7,
      "defaultProjectID": 70,
      "tokenMode": "personal",
      "lastValidated": "2025-03-04T05:06:07Z"
    }
  ]
}
`,
		},
		{
			name: "name collisions get suffixes",
			upserts: []Account{
				{Token: acctTokenA, StackURL: "https://my-team.grafana.net", TokenMode: TokenModePersonal},
				{Token: acctTokenB, StackURL: "https://my-team.grafana.net", TokenMode: TokenModePersonal},
				{Token: acctTokenC, StackURL: "https://my-team.grafana.net", TokenMode: TokenModePersonal},
				{Token: acctTokenA, StackURL: "https://other.grafana.net", Name: "my-team-personal"},
			},
			wantNames: []string{"my-team-personal", "my-team-personal-2", "my-team-personal-3", "my-team-personal-4"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "my-team-personal",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0,
      "tokenMode": "personal"
    },
    {
      "name": "my-team-personal-2",
      "token": "glc_bbbbbbbbbbbbbbbbbbbb",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0,
      "tokenMode": "personal"
    },
    {
      "name": "my-team-personal-3",
      "token": "glc_cccccccccccccccccccc",
      "stackURL": "https://my-team.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0,
      "tokenMode": "personal"
    },
    {
      "name": "my-team-personal-4",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://other.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0
    }
  ]
}
`,
		},
		{
			name: "explicit rename when the name is free, kept when it is taken",
			upserts: []Account{
				{Token: acctTokenA, StackURL: "https://a.grafana.net", TokenMode: TokenModeStack},
				{Token: acctTokenB, StackURL: "https://b.grafana.net", Name: "work@b"},
				{Token: acctTokenA, StackURL: "https://a.grafana.net", Name: "prod.a"},
				{Token: acctTokenA, StackURL: "https://a.grafana.net", Name: "work@b"},
			},
			wantNames: []string{"a-stack", "work@b", "prod.a", "prod.a"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "prod.a",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://a.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0,
      "tokenMode": "stack"
    },
    {
      "name": "work@b",
      "token": "glc_bbbbbbbbbbbbbbbbbbbb",
      "stackURL": "https://b.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0
    }
  ]
}
`,
		},
		{
			name: "local host and unknown mode",
			upserts: []Account{
				{Token: acctTokenA, StackURL: "http://127.0.0.1:8080", StackID: 1, DefaultProjectID: 2},
			},
			wantNames: []string{"127-0-0-1-8080"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "127-0-0-1-8080",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "http://127.0.0.1:8080",
      "stackID": 1,
      "defaultProjectID": 2
    }
  ]
}
`,
		},
		{
			name: "a suffix never makes a name longer than 64",
			upserts: []Account{
				{Token: acctTokenA, StackURL: "https://a.grafana.net", Name: strings.Repeat("n", 64)},
				{Token: acctTokenB, StackURL: "https://b.grafana.net", Name: strings.Repeat("n", 64)},
			},
			wantNames: []string{strings.Repeat("n", 64), strings.Repeat("n", 62) + "-2"},
			wantFile: `{
  "version": 1,
  "accounts": [
    {
      "name": "` + strings.Repeat("n", 62) + `-2",
      "token": "glc_bbbbbbbbbbbbbbbbbbbb",
      "stackURL": "https://b.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0
    },
    {
      "name": "` + strings.Repeat("n", 64) + `",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://a.grafana.net",
      "stackID": 0,
      "defaultProjectID": 0
    }
  ]
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := accountsTestPath(t)
			s := NewAccountStore(path)
			var names []string
			for _, a := range tt.upserts {
				got, err := s.Upsert(a)
				if err != nil {
					t.Fatalf("Upsert(%s): %v", a.Name, err)
				}
				names = append(names, got.Name)
				// What Upsert returns is what List then gives.
				listed, err := s.Get(got.Name)
				if err != nil || listed != got {
					t.Errorf("Get(%q) = %+v, %v; Upsert returned %+v", got.Name, listed, err, got)
				}
			}
			if !slices.Equal(names, tt.wantNames) {
				t.Errorf("names %q, want %q", names, tt.wantNames)
			}
			if got := readAccountsFile(t, path); got != tt.wantFile {
				t.Errorf("file:\n%s\nwant:\n%s", got, tt.wantFile)
			}
			list, err := s.List()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSortedFunc(accountNames(list), strings.Compare) {
				t.Errorf("List not sorted: %q", accountNames(list))
			}
		})
	}
}

func TestAccountStoreUpsertRefusesBadInput(t *testing.T) {
	good := []string{"a", "me@work.example", "team_a.prod-2", strings.Repeat("x", 64), "A1"}
	for _, name := range good {
		a := Account{Name: name, Token: acctTokenA, StackURL: "https://a.grafana.net"}
		if _, err := NewAccountStore(accountsTestPath(t)).Upsert(a); err != nil {
			t.Errorf("Upsert(%q): %v", name, err)
		}
	}
	bad := map[string]string{
		"my team":               `contains ' '`,
		"a/b":                   `contains '/'`,
		"-x":                    "starts with '-'",
		strings.Repeat("x", 65): "65 characters long",
		"café":                  `contains 'é'`,
		"a;rm":                  `contains ';'`,
		"$(id)":                 `contains '$'`,
		"tab\there":             `contains '\t'`,
		"quote'":                `contains '\''`,
	}
	for name, reason := range bad {
		path := accountsTestPath(t)
		_, err := NewAccountStore(path).Upsert(Account{Name: name, Token: acctTokenA, StackURL: "https://a.grafana.net"})
		var ne *AccountNameError
		if !errors.As(err, &ne) || ne.Name != name {
			t.Errorf("Upsert(%q) = %v, want *AccountNameError", name, err)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, reason) || !strings.Contains(msg, "letters, digits, '-', '_', '.' or '@'") {
			t.Errorf("Upsert(%q): message %q lacks %q or the rule", name, msg, reason)
		}
		if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Upsert(%q) created the folder", name)
		}
	}

	path := accountsTestPath(t)
	if _, err := NewAccountStore(path).Upsert(Account{StackURL: "https://a.grafana.net"}); err == nil || !strings.Contains(err.Error(), "token") {
		t.Errorf("Upsert without a token = %v", err)
	}
	if _, err := NewAccountStore(path).Upsert(Account{Token: acctTokenA, TokenMode: "admin"}); err == nil || !strings.Contains(err.Error(), `"admin"`) {
		t.Errorf("Upsert with an unknown mode = %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused Upsert created the folder")
	}
}

func TestDefaultAccountName(t *testing.T) {
	tests := []struct {
		url  string
		mode TokenMode
		want string
	}{
		{"https://my-team.grafana.net", TokenModePersonal, "my-team-personal"},
		{"https://my-team.grafana.net", TokenModeStack, "my-team-stack"},
		{"https://my-team.grafana.net", TokenModeUnknown, "my-team"},
		{"https://My-Team.Grafana.NET/", TokenModeUnknown, "my-team"},
		{"https://my-team.grafana.net/a/hosted-grafana?x=1", TokenModeStack, "my-team-stack"},
		{"my-team.grafana.net", TokenModeUnknown, "my-team"},
		{"http://127.0.0.1:8080", TokenModeUnknown, "127-0-0-1-8080"},
		{"http://127.0.0.1:8080", TokenModePersonal, "127-0-0-1-8080-personal"},
		{"http://localhost:3000/", TokenModeStack, "localhost-3000-stack"},
		{"https://grafana.example.com", TokenModeUnknown, "grafana-example-com"},
		{"https://eu.my-team.grafana.net", TokenModeUnknown, "eu-my-team-grafana-net"},
		{"http://[::1]:8080", TokenModeUnknown, "1-8080"},
		{"https://user:pw@my-team.grafana.net", TokenModeUnknown, "my-team"},
		{"", TokenModePersonal, "account-personal"},
		{"", TokenModeUnknown, "account"},
		{"https://" + strings.Repeat("x", 100) + ".example.com", TokenModePersonal, strings.Repeat("x", 55) + "-personal"},
		{"https://" + strings.Repeat("x", 54) + ".example.com", TokenModeUnknown, strings.Repeat("x", 54)},
	}
	for _, tt := range tests {
		got := DefaultAccountName(tt.url, tt.mode)
		if got != tt.want {
			t.Errorf("DefaultAccountName(%q, %q) = %q, want %q", tt.url, tt.mode, got, tt.want)
		}
		if err := checkAccountName(got); err != nil {
			t.Errorf("DefaultAccountName(%q, %q) = %q is not a valid name: %v", tt.url, tt.mode, got, err)
		}
	}
}

func TestAccountStoreGetUnknown(t *testing.T) {
	path := accountsTestPath(t)
	s := NewAccountStore(path)
	_, err := s.Get("work")
	var ne *NoAccountError
	if !errors.As(err, &ne) || ne.Name != "work" || len(ne.Known) != 0 {
		t.Fatalf("Get on an empty store = %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"work"`) || !strings.Contains(msg, "no saved accounts yet") || !strings.Contains(msg, "run k6login") {
		t.Errorf("message: %s", msg)
	}
	for _, a := range []Account{
		{Name: "zeta", Token: acctTokenA, StackURL: "https://z.grafana.net"},
		{Name: "alpha", Token: acctTokenB, StackURL: "https://a.grafana.net"},
	} {
		if _, err := s.Upsert(a); err != nil {
			t.Fatal(err)
		}
	}
	_, err = s.Get("work")
	if !errors.As(err, &ne) || !slices.Equal(ne.Known, []string{"alpha", "zeta"}) {
		t.Fatalf("Get unknown = %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"work"`) || !strings.Contains(msg, "alpha, zeta") {
		t.Errorf("message: %s", msg)
	}
}

// seedAccountStore writes three accounts and returns the store.
func seedAccountStore(t *testing.T) *AccountStore {
	t.Helper()
	s := NewAccountStore(accountsTestPath(t))
	for _, a := range []Account{
		{Name: "a", Token: acctTokenA, StackURL: "https://a.grafana.net", StackID: 1},
		{Name: "b", Token: acctTokenB, StackURL: "https://b.grafana.net", StackID: 2},
		{Name: "c", Token: acctTokenC, StackURL: "https://c.grafana.net", StackID: 3},
	} {
		if _, err := s.Upsert(a); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestAccountStoreRemove(t *testing.T) {
	s := seedAccountStore(t)
	got, err := s.Remove("b")
	if err != nil || got.Name != "b" || got.Token != acctTokenB {
		t.Fatalf("Remove(b) = %+v, %v", got, err)
	}
	want := `{
  "version": 1,
  "accounts": [
    {
      "name": "a",
      "token": "glc_aaaaaaaaaaaaaaaaaaaa",
      "stackURL": "https://a.grafana.net",
      "stackID": 1,
      "defaultProjectID": 0
    },
    {
      "name": "c",
      "token": "glc_cccccccccccccccccccc",
      "stackURL": "https://c.grafana.net",
      "stackID": 3,
      "defaultProjectID": 0
    }
  ]
}
`
	if file := readAccountsFile(t, s.Path()); file != want {
		t.Errorf("file after Remove:\n%s", file)
	}
	var ne *NoAccountError
	if _, err := s.Remove("b"); !errors.As(err, &ne) || !slices.Equal(ne.Known, []string{"a", "c"}) {
		t.Errorf("Remove(b) again = %v", err)
	}
	if file := readAccountsFile(t, s.Path()); file != want {
		t.Errorf("a failed Remove changed the file:\n%s", file)
	}
}

func TestAccountStoreRemoveAll(t *testing.T) {
	s := seedAccountStore(t)
	n, err := s.RemoveAll()
	if err != nil || n != 3 {
		t.Fatalf("RemoveAll = %d, %v", n, err)
	}
	const empty = "{\n  \"version\": 1,\n  \"accounts\": []\n}\n"
	if file := readAccountsFile(t, s.Path()); file != empty {
		t.Errorf("file after RemoveAll:\n%s", file)
	}
	if n, err := s.RemoveAll(); err != nil || n != 0 {
		t.Errorf("RemoveAll again = %d, %v", n, err)
	}
	if list, err := s.List(); err != nil || list == nil || len(list) != 0 {
		t.Errorf("List after RemoveAll = %#v, %v", list, err)
	}
}

func TestAccountStoreMissingFile(t *testing.T) {
	path := accountsTestPath(t)
	s := NewAccountStore(path)
	if s.Path() != path {
		t.Errorf("Path() = %q", s.Path())
	}
	list, err := s.List()
	if err != nil || list == nil || len(list) != 0 {
		t.Errorf("List = %#v, %v; want an empty, non-nil list", list, err)
	}
	var ne *NoAccountError
	if _, err := s.Remove("a"); !errors.As(err, &ne) {
		t.Errorf("Remove = %v", err)
	}
	if n, err := s.RemoveAll(); n != 0 || err != nil {
		t.Errorf("RemoveAll = %d, %v", n, err)
	}
	// Nothing above may create the folder, the file or a lock file.
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("folder created: %v", err)
	}
	// A blank file holds nothing to lose and reads as empty.
	writeAccountsFile(t, path, "\n", 0o600)
	if list, err := s.List(); err != nil || len(list) != 0 {
		t.Errorf("List of a blank file = %v, %v", list, err)
	}
	if _, err := s.Upsert(Account{Token: acctTokenA}); err != nil {
		t.Errorf("Upsert into a blank file: %v", err)
	}
}

func TestDamagedAccountsFileIsNeverOverwritten(t *testing.T) {
	tests := []struct {
		fixture string
		where   string // "line L, column C"
		detail  string
	}{
		{"not-json.json", "line 4, column 32", "invalid character '}' looking for beginning of object key string"},
		{"truncated.json", "line 4, column 31", "unexpected end of JSON input"},
		{"top-array.json", "line 1, column 1", "the file holds an array, want an object"},
		{"no-version.json", "line 1, column 1", `no "version"`},
		{"version-string.json", "line 2, column 14", `"version" is "1"`},
		{"accounts-object.json", "line 3, column 15", `"accounts" is an object, want an array`},
		{"account-number.json", "line 4, column 5", "account 1 is a number, want an object"},
		{"stackid-string.json", "line 5, column 81", `account 2: "stackID" is a string, want a whole number`},
		{"bad-time.json", "line 4, column 50", `account 1: "lastValidated" is "yesterday", want a time such as 2026-01-02T15:04:05Z`},
		{"bad-name.json", "line 4, column 5", `account 1: invalid account name "my team"`},
		{"duplicate-names.json", "line 5, column 5", `account 2: a second account named "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("testdata", "accounts", tt.fixture))
			if err != nil {
				t.Fatal(err)
			}
			path := accountsTestPath(t)
			writeAccountsFile(t, path, string(orig), 0o644)
			s := NewAccountStore(path)

			_, err = s.List()
			if err == nil {
				t.Fatal("List of a damaged file succeeded")
			}
			msg := err.Error()
			for _, want := range []string{path, tt.where, tt.detail, "move it aside", "k6login will not change it"} {
				if !strings.Contains(msg, want) {
					t.Errorf("message lacks %q:\n%s", want, msg)
				}
			}
			var pe *ParseError
			if !errors.Is(err, ErrInvalidConfig) || !errors.As(err, &pe) || pe.Path != path {
				t.Errorf("error %#v should match ErrInvalidConfig and *ParseError", err)
			}
			if _, err := s.Get("a"); err == nil || err.Error() != msg {
				t.Errorf("Get = %v", err)
			}

			_, errUpsert := s.Upsert(Account{Token: acctTokenA, StackURL: "https://a.grafana.net"})
			_, errRemove := s.Remove("a")
			_, errRemoveAll := s.RemoveAll()
			for op, err := range map[string]error{"Upsert": errUpsert, "Remove": errRemove, "RemoveAll": errRemoveAll} {
				if err == nil || err.Error() != msg {
					t.Errorf("%s = %v, want the parse error", op, err)
				}
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Errorf("damaged file changed:\n%s", got)
			}
			if runtime.GOOS != "windows" && acctPerm(t, path) != 0o644 {
				t.Errorf("damaged file's mode changed to %v", acctPerm(t, path))
			}
		})
	}
}

func TestAccountsNewerVersionIsRefused(t *testing.T) {
	orig := readAccountsFile(t, filepath.Join("testdata", "accounts", "newer-version.json"))
	path := accountsTestPath(t)
	writeAccountsFile(t, path, orig, 0o600)
	s := NewAccountStore(path)
	_, err := s.List()
	if err == nil {
		t.Fatal("List of a version 3 file succeeded")
	}
	for _, want := range []string{path, "newer k6login", "version 3", "reads version 2", "update k6login"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q: %s", want, err)
		}
	}
	if !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("%v should match ErrInvalidConfig", err)
	}
	if _, err := s.Upsert(Account{Token: acctTokenA}); err == nil {
		t.Error("Upsert into a version 2 file succeeded")
	}
	if _, err := s.Remove("work"); err == nil {
		t.Error("Remove from a version 2 file succeeded")
	}
	if _, err := s.RemoveAll(); err == nil {
		t.Error("RemoveAll of a version 2 file succeeded")
	}
	if got := readAccountsFile(t, path); got != orig {
		t.Errorf("version 2 file changed:\n%s", got)
	}
}

func TestAccountsHandwrittenFile(t *testing.T) {
	path := accountsTestPath(t)
	writeAccountsFile(t, path, readAccountsFile(t, filepath.Join("testdata", "accounts", "handwritten-v1.json")), 0o600)
	s := NewAccountStore(path)
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if names := accountNames(list); !slices.Equal(names, []string{"Alpha", "beta", "zeta"}) {
		t.Errorf("names %q, want sorted without regard to case", names)
	}
	want := time.Date(2025, 3, 4, 5, 6, 7, 123456789, time.FixedZone("", 2*3600))
	if a := list[0]; !a.LastValidated.Equal(want) || a.TokenMode != TokenModePersonal || a.ProjectID != 11 || a.ProjectName != "Checkout" {
		t.Errorf("Alpha = %+v", a)
	}
	if list[1].TokenMode != TokenModeStack || !list[1].LastValidated.IsZero() {
		t.Errorf("beta = %+v", list[1])
	}
	// A write rewrites it sorted, in the canonical layout.
	if _, err := s.Upsert(Account{Token: acctTokenA, StackURL: "https://new.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	list2, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	if names := accountNames(list2); !slices.Equal(names, []string{"Alpha", "beta", "new", "zeta"}) {
		t.Errorf("names %q", names)
	}
	if !list2[0].LastValidated.Equal(want) {
		t.Errorf("timestamp changed on rewrite: %v", list2[0].LastValidated)
	}
}

func TestAccountsTimestampsRoundTrip(t *testing.T) {
	s := NewAccountStore(accountsTestPath(t))
	when := time.Date(2024, 12, 31, 23, 59, 58, 987654321, time.FixedZone("CET", 3600))
	stored, err := s.Upsert(Account{Token: acctTokenA, StackURL: "https://a.grafana.net", LastValidated: when})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(stored.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !got.LastValidated.Equal(when) || got != stored {
		t.Errorf("LastValidated %v, stored %v, want %v", got.LastValidated, stored.LastValidated, when)
	}
	if file := readAccountsFile(t, s.Path()); !strings.Contains(file, `"lastValidated": "2024-12-31T22:59:58.987654321Z"`) {
		t.Errorf("file:\n%s", file)
	}
	// A monotonic reading (time.Now) does not leak into the comparison.
	now := time.Now()
	stored, err = s.Upsert(Account{Token: acctTokenA, StackURL: "https://a.grafana.net", LastValidated: now})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(stored.Name); got != stored || !got.LastValidated.Equal(now) {
		t.Errorf("after time.Now: listed %+v, stored %+v", got, stored)
	}
}

func TestAccountsFileModes(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	path := accountsTestPath(t)
	s := NewAccountStore(path)
	if _, err := s.Upsert(Account{Token: acctTokenA}); err != nil {
		t.Fatal(err)
	}
	if m := acctPerm(t, path); m != 0o600 {
		t.Errorf("file mode %v, want 0600", m)
	}
	if m := acctPerm(t, filepath.Dir(path)); m != 0o700 {
		t.Errorf("folder mode %v, want 0700", m)
	}
	if m := acctPerm(t, lockPath(path)); m != 0o600 {
		t.Errorf("lock file mode %v, want 0600", m)
	}
	// A file someone loosened is tightened by the next write.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Upsert(Account{Token: acctTokenB}); err != nil {
		t.Fatal(err)
	}
	if m := acctPerm(t, path); m != 0o600 {
		t.Errorf("file mode after a rewrite %v, want 0600", m)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestSymlinkedAccountsFileStaysASymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges")
	}
	dir := t.TempDir()
	realPath := filepath.Join(dir, "dotfiles", "accounts.json")
	link := filepath.Join(dir, "k6login", "accounts.json")
	if err := os.MkdirAll(filepath.Dir(link), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(realPath, link); err != nil {
		t.Fatal(err)
	}
	s := NewAccountStore(link)
	if _, err := s.Upsert(Account{Token: acctTokenA}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("link replaced: %v %v", info, err)
	}
	if list, err := NewAccountStore(realPath).List(); err != nil || len(list) != 1 {
		t.Errorf("target holds %v, %v", list, err)
	}
}

func TestAccountsIOErrorNamesTheRightOverride(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("needs Unix permissions that apply to the test user")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ro", "accounts.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Dir(path), 0o700) })
	_, err := NewAccountStore(path).Upsert(Account{Token: acctTokenA})
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("Upsert in a read-only folder = %v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "K6LOGIN_ACCOUNTS") || strings.Contains(msg, "K6_CONFIG") {
		t.Errorf("message: %s", msg)
	}
}

func TestAccountsIOErrorMessage(t *testing.T) {
	// Checked directly too, since the test above cannot run as root.
	err := accountsIOErr(&FileError{Op: "write", Path: "/x/accounts.json", Err: fs.ErrPermission})
	if msg := err.Error(); !strings.Contains(msg, "K6LOGIN_ACCOUNTS") || strings.Contains(msg, "K6_CONFIG") {
		t.Errorf("message: %s", msg)
	}
	err = accountsIOErr(&FileError{Op: "read", Path: "/x/accounts.json", Err: errTooLarge})
	if msg := err.Error(); !strings.Contains(msg, "saved accounts file /x/accounts.json") || !strings.Contains(msg, "move it aside") {
		t.Errorf("message: %s", msg)
	}
	if !errors.Is(err, ErrInvalidConfig) {
		t.Errorf("too large should match ErrInvalidConfig")
	}
}

func TestAccountsLockTimeout(t *testing.T) {
	s := seedAccountStore(t)
	before := readAccountsFile(t, s.Path())
	s.lockTimeout = 100 * time.Millisecond
	locked, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		done <- withLock(s.Path(), time.Second, func() error {
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked
	_, errUpsert := s.Upsert(Account{Token: "glc_new"})
	_, errRemove := s.Remove("a")
	_, errRemoveAll := s.RemoveAll()
	// Readers do not wait for the lock: writes replace the file atomically.
	if list, err := s.List(); err != nil || len(list) != 3 {
		t.Errorf("List while locked = %v, %v", list, err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for op, err := range map[string]error{"Upsert": errUpsert, "Remove": errRemove, "RemoveAll": errRemoveAll} {
		if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another k6login is saving it") {
			t.Errorf("%s while locked = %v, want ErrLocked", op, err)
		}
	}
	if got := readAccountsFile(t, s.Path()); got != before {
		t.Errorf("file changed while locked:\n%s", got)
	}
}

func TestActiveIndex(t *testing.T) {
	accounts := []Account{
		{Name: "a", Token: acctTokenA, StackURL: "https://a.grafana.net"},
		{Name: "b", Token: acctTokenB, StackURL: "https://b.grafana.net"},
	}
	tests := []struct {
		c    Credentials
		want int
	}{
		{Credentials{Token: acctTokenB, StackURL: "https://b.grafana.net", ProjectID: 9}, 1},
		{Credentials{Token: acctTokenA, StackURL: "https://a.grafana.net"}, 0},
		{Credentials{Token: acctTokenA, StackURL: "https://b.grafana.net"}, -1},
		{Credentials{}, -1},
	}
	for _, tt := range tests {
		if got := ActiveIndex(accounts, tt.c); got != tt.want {
			t.Errorf("ActiveIndex(%+v) = %d, want %d", tt.c, got, tt.want)
		}
	}
	if got := ActiveIndex(nil, Credentials{Token: "x"}); got != -1 {
		t.Errorf("ActiveIndex(nil) = %d", got)
	}
}

func TestAccountsConcurrentGoroutines(t *testing.T) {
	path := accountsTestPath(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			s := NewAccountStore(path)
			for j := range 5 {
				a := Account{Token: fmt.Sprintf("t%d-%d", i, j), StackURL: "https://a.grafana.net"}
				if _, err := s.Upsert(a); err != nil {
					t.Error(err)
				}
				if _, err := s.List(); err != nil { // readers never see a partial file
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	list, err := NewAccountStore(path).List()
	if err != nil || len(list) != 40 {
		t.Errorf("%d accounts, %v; want 40", len(list), err)
	}
}

// The tests below run the test binary again as child processes, so that
// locking and crash safety are checked across real processes.
const (
	accountsChildEnv = "K6LOGIN_ACCOUNTS_TEST_CHILD"
	accountsArgEnv   = "K6LOGIN_ACCOUNTS_TEST_ARG"
)

func TestHelperProcessAccounts(t *testing.T) {
	role := os.Getenv(accountsChildEnv)
	if role == "" {
		t.Skip("only runs as a child process of the tests below")
	}
	s := NewAccountStore(os.Getenv("K6LOGIN_ACCOUNTS"))
	arg := os.Getenv(accountsArgEnv)
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(2)
	}
	switch role {
	case "upsert-one":
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // start together
		a := Account{Name: arg, Token: "glc_" + arg, StackURL: "https://" + arg + ".grafana.net", TokenMode: TokenModeStack}
		if _, err := s.Upsert(a); err != nil {
			fail(err)
		}
	case "upsert-loop":
		fmt.Println("ready")
		for i := 0; ; i++ {
			a := Account{Name: "loop-" + arg, Token: "glc_loop_" + arg, StackURL: "https://loop.grafana.net", ProjectID: int64(i)}
			if i%2 == 1 { // every other write adds an account
				a = Account{Name: fmt.Sprintf("run-%s-%d", arg, i), Token: fmt.Sprintf("glc_run_%s_%d", arg, i), StackURL: "https://run.grafana.net"}
			}
			if _, err := s.Upsert(a); err != nil {
				fail(err)
			}
		}
	default:
		fail(fmt.Errorf("unknown role %q", role))
	}
	os.Exit(0)
}

func accountsChild(path, role, arg string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessAccounts$")
	cmd.Env = append(os.Environ(), accountsChildEnv+"="+role, accountsArgEnv+"="+arg, "K6LOGIN_ACCOUNTS="+path,
		// Under -race a process otherwise sleeps a second before it exits.
		"GORACE="+strings.TrimSpace(os.Getenv("GORACE")+" atexit_sleep_ms=0"))
	cmd.Stderr = os.Stderr
	return cmd
}

func TestAccountsConcurrentProcesses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("not run on Windows")
	}
	const children = 20
	path := accountsTestPath(t)
	var cmds []*exec.Cmd
	var starts []*os.File
	for i := range children {
		cmd := accountsChild(path, "upsert-one", fmt.Sprintf("p%02d", i))
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdin = r
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		_ = r.Close()
		cmds, starts = append(cmds, cmd), append(starts, w)
	}
	for _, w := range starts { // all children are up: let them go at once
		_ = w.Close()
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v", i, err)
		}
	}
	list, err := NewAccountStore(path).List()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range children {
		want = append(want, fmt.Sprintf("p%02d", i))
	}
	if names := accountNames(list); !slices.Equal(names, want) {
		t.Errorf("accounts %q, want %q", names, want)
	}
	if m := acctPerm(t, path); m != 0o600 {
		t.Errorf("mode %v", m)
	}
}

func TestAccountsKilledWriterLeavesAWholeFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGKILL")
	}
	if testing.Short() {
		t.Skip("kills 100 child processes")
	}
	path := accountsTestPath(t)
	s := NewAccountStore(path)
	var seed []Account
	for i := range 50 {
		seed = append(seed, Account{Name: fmt.Sprintf("seed-%02d", i), Token: fmt.Sprintf("glc_seed_%02d_%s", i, strings.Repeat("s", 100)),
			StackURL: "https://seed.grafana.net", StackID: int64(i), LastValidated: acctValidatedAt})
	}
	writeAccountsFile(t, path, string(encodeAccounts(seed)), 0o600)
	// Kill within about two writes after a child is ready, so that kills land
	// before, during and between writes; one write is timed here because it
	// varies a lot between machines, with -race and with the disk's load.
	start := time.Now()
	if _, err := s.Upsert(Account{Name: "timing", Token: "glc_timing", StackURL: "https://seed.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	window := min(2*time.Since(start), 100*time.Millisecond) + time.Millisecond

	// Children write one file at once (each kill may also land while another
	// holds the lock); checks are serialised so that each sees a file at least
	// as new as the one before, which must hold every account seen so far.
	var mu sync.Mutex
	seen := map[string]bool{}
	for _, a := range seed {
		seen[a.Name] = true
	}
	grew := 0
	// check runs on the slots' goroutines, so it reports rather than t.Fatal.
	check := func(kill string) error {
		mu.Lock()
		defer mu.Unlock()
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !json.Valid(data) {
			return fmt.Errorf("file is not valid JSON (%d bytes)", len(data))
		}
		list, err := decodeAccounts(path, data)
		if err != nil {
			return err
		}
		if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
			return fmt.Errorf("mode %v, %v", info.Mode(), err)
		}
		have := map[string]bool{}
		for _, a := range list {
			have[a.Name] = true
		}
		for name := range seen {
			if !have[name] {
				return fmt.Errorf("account %q written before is gone", name)
			}
		}
		if len(have) > len(seen) {
			grew++
		}
		seen = have
		return nil
	}

	const slots, killsPerSlot = 4, 25
	killStart := time.Now()
	var wg sync.WaitGroup
	for slot := range slots {
		wg.Go(func() {
			for i := range killsPerSlot {
				kill := fmt.Sprintf("%d.%d", slot, i)
				cmd := accountsChild(path, "upsert-loop", kill)
				out, err := cmd.StdoutPipe()
				if err != nil {
					t.Error(err)
					return
				}
				if err := cmd.Start(); err != nil {
					t.Error(err)
					return
				}
				if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "ready\n" {
					t.Errorf("child %s: %q, %v", kill, line, err)
					_ = cmd.Process.Kill()
					_ = cmd.Wait()
					return
				}
				time.Sleep(rand.N(window))
				if err := cmd.Process.Kill(); err != nil {
					t.Error(err)
				}
				_ = cmd.Wait()
				if err := check(kill); err != nil {
					t.Errorf("after kill %s: %v", kill, err)
					return
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d kills in %v (window %v): the file grew after %d of them, %d accounts at the end",
		slots*killsPerSlot, time.Since(killStart).Round(time.Millisecond), window, grew, len(seen))

	// The next write sweeps the temporary files killed writers left.
	if _, err := s.Upsert(Account{Token: "glc_final"}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
