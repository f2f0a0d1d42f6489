package configstore

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// Files that hold the login keys more than once. k6 reads them with
// encoding/json: every "collectors" key in any case goes into one map (a null
// empties it), the last "cloud" key wins, and each login key matches in any
// case, the last one winning. A reset must leave no copy of the old login
// anywhere in the file, and a login must leave only the new one.
var duplicateLogins = []struct {
	name, content string
	k6Reads       string // the token k6 reads before any change
}{
	{"collectors twice", `{"collectors":{"cloud":{"token":"OLD-1","stackID":1}},"x":1,"collectors":{"cloud":{"token":"OLD-2","stackURL":"OLD-u"}}}`, "OLD-2"},
	{"collectors twice, the last without cloud", `{"collectors":{"cloud":{"token":"OLD-1"}},"collectors":{"other":{"k":1}}}`, "OLD-1"},
	{"collectors in two spellings", `{"Collectors":{"cloud":{"token":"OLD-1"}},"collectors":{"cloud":{"Token":"OLD-2"}}}`, "OLD-2"},
	{"collectors then null", `{"collectors":{"cloud":{"token":"OLD-1"}},"collectors":null}`, ""},
	{"cloud twice", `{"collectors":{"cloud":{"token":"OLD-1","name":"n"},"cloud":{"token":"OLD-2"}}}`, "OLD-2"},
	{"cloud then null", `{"collectors":{"cloud":{"token":"OLD-1"},"cloud":null}}`, ""},
	{"token twice", `{"collectors":{"cloud":{"token":"OLD-1","token":"OLD-2"}}}`, "OLD-2"},
	{"keys in other cases", `{"collectors":{"cloud":{"TOKEN":"OLD-1","Token":"OLD-2","stackid":5,"STACKURL":"OLD-u","projectId":7}}}`, "OLD-2"},
	{"everything at once", `{"COLLECTORS":{"cloud":{"token":"OLD-1"},"cloud":{"tOKEN":"OLD-2"}},"collectors":{"cloud":{"token":"OLD-3","token":"OLD-4","name":"keep"}},"collectors":{"x":{}}}`, "OLD-4"},
}

// k6Token decodes data the way k6 does and returns the token it would use.
func k6Token(t *testing.T, data string) string {
	t.Helper()
	var config struct {
		Collectors map[string]json.RawMessage `json:"collectors"`
	}
	if err := json.Unmarshal([]byte(data), &config); err != nil {
		t.Fatalf("k6 could not read %s: %v", data, err)
	}
	var cloud struct {
		Token *string `json:"token"`
	}
	if raw, ok := config.Collectors["cloud"]; ok {
		if err := json.Unmarshal(raw, &cloud); err != nil {
			t.Fatalf("k6 could not read the cloud collector of %s: %v", data, err)
		}
	}
	if cloud.Token == nil {
		return ""
	}
	return *cloud.Token
}

func TestDuplicateLoginKeys(t *testing.T) {
	for _, tt := range duplicateLogins {
		t.Run(tt.name, func(t *testing.T) {
			if got := k6Token(t, tt.content); got != tt.k6Reads {
				t.Fatalf("fixture: k6 reads %q, want %q", got, tt.k6Reads)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "config.json")
			writeFile(t, path, tt.content, 0o600)
			snap, err := New(path).Load()
			if err != nil || snap.Credentials.Token != tt.k6Reads {
				t.Errorf("Load = %q, %v; k6 reads %q", snap.Credentials.Token, err, tt.k6Reads)
			}

			t.Run("reset", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "config.json")
				writeFile(t, path, tt.content, 0o600)
				if _, err := New(path).Clear(); err != nil {
					t.Fatal(err)
				}
				got := readFile(t, path)
				if strings.Contains(got, "OLD") {
					t.Errorf("a login key is left after the reset:\n%s", got)
				}
				if k6Token(t, got) != "" {
					t.Errorf("k6 still reads a token:\n%s", got)
				}
				if strings.Contains(tt.content, `"keep"`) && !strings.Contains(got, `"keep"`) {
					t.Errorf("another key went too:\n%s", got)
				}
			})
			t.Run("login", func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "config.json")
				writeFile(t, path, tt.content, 0o600)
				if _, err := New(path).Save(fullCreds); err != nil {
					t.Fatal(err)
				}
				got := readFile(t, path)
				if strings.Contains(got, "OLD") {
					t.Errorf("an old login key is left after the login:\n%s", got)
				}
				if n := strings.Count(got, `"`+fullCreds.Token+`"`); n != 1 {
					t.Errorf("the new token is in the file %d times:\n%s", n, got)
				}
				if tok := k6Token(t, got); tok != fullCreds.Token {
					t.Errorf("k6 reads %q, want the new token:\n%s", tok, got)
				}
				if snap, err := New(path).Load(); err != nil || snap.Credentials != fullCreds {
					t.Errorf("Load = %+v, %v", snap.Credentials, err)
				}
				if strings.Contains(tt.content, `"keep"`) && !strings.Contains(got, `"keep"`) {
					t.Errorf("another key went too:\n%s", got)
				}
			})
		})
	}
}

// A sign-out (what --reset runs) removes a token k6 ignores even when k6
// reads none, and says it removed something.
func TestSignOutRemovesIgnoredCopies(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	writeFile(t, path, `{"collectors":{"cloud":{"token":"OLD-1"}},"collectors":null}`, 0o600)
	s := Session{Config: New(path), Accounts: NewAccountStore(filepath.Join(dir, "accounts.json"))}
	if _, removed, err := s.SignOut(); err != nil || !removed {
		t.Fatalf("SignOut = %v, %v; want a removal", removed, err)
	}
	if got := readFile(t, path); strings.Contains(got, "OLD") {
		t.Errorf("token left:\n%s", got)
	}
	if _, removed, err := s.SignOut(); err != nil || removed {
		t.Errorf("second SignOut = %v, %v; want nothing removed", removed, err)
	}
}
