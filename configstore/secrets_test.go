package configstore

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// plainAccountsFile is what k6login wrote before the keyring: tokens in the file.
const plainAccountsFile = `{
  "version": 1,
  "accounts": [
    {"name": "alpha", "token": "glc_aaaaaaaaaaaaaaaaaaaa", "stackURL": "https://alpha.grafana.net", "stackID": 1, "defaultProjectID": 10},
    {"name": "beta", "token": "glc_bbbbbbbbbbbbbbbbbbbb", "stackURL": "https://beta.grafana.net", "stackID": 2, "defaultProjectID": 20}
  ]
}
`

// fileRefs reads the accounts file as JSON: name to tokenRef, and any token it holds.
func fileRefs(t *testing.T, path string) (version int, refs, tokens map[string]string) {
	t.Helper()
	var f struct {
		Version  int
		Accounts []struct{ Name, Token, TokenRef string }
	}
	if err := json.Unmarshal([]byte(readAccountsFile(t, path)), &f); err != nil {
		t.Fatal(err)
	}
	refs, tokens = map[string]string{}, map[string]string{}
	for _, a := range f.Accounts {
		refs[a.Name], tokens[a.Name] = a.TokenRef, a.Token
	}
	return f.Version, refs, tokens
}

// exerciseKeyring runs the life of saved accounts with their tokens in
// secrets: the unit tests run it on go-keyring's mock, the real-keyring test
// on the Secret Service. lookup reads an entry the way another program would.
func exerciseKeyring(t *testing.T, secrets SecretStore, lookup func(ref string) (string, error)) {
	path := accountsTestPath(t)
	writeAccountsFile(t, path, plainAccountsFile, 0o600)
	var notes []string
	s := NewAccountStore(path)
	s.UseSecrets(secrets, false, func(n string) { notes = append(notes, n) })

	// Reading moves nothing.
	accounts, err := s.List()
	if err != nil || len(accounts) != 2 || accounts[0].Token != "glc_aaaaaaaaaaaaaaaaaaaa" {
		t.Fatalf("List = %+v, %v", accounts, err)
	}
	if readAccountsFile(t, path) != plainAccountsFile {
		t.Fatal("List changed the file")
	}

	// The first save moves every token into the keyring.
	if _, err := s.Upsert(Account{Name: "gamma", Token: acctTokenC, StackURL: "https://gamma.grafana.net", StackID: 3}); err != nil {
		t.Fatal(err)
	}
	content := readAccountsFile(t, path)
	if len(notes) != 0 {
		t.Fatalf("the keyring was not used: %q", notes)
	}
	for _, tok := range []string{"glc_aaaa", "glc_bbbb", "glc_cccc"} {
		if strings.Contains(content, tok) {
			t.Errorf("the file still holds a token (%s...):\n%s", tok, content)
		}
	}
	version, refs, _ := fileRefs(t, path)
	if version != 2 || len(refs) != 3 {
		t.Fatalf("version %d, refs %v\n%s", version, refs, content)
	}
	want := map[string]string{"alpha": "glc_aaaaaaaaaaaaaaaaaaaa", "beta": "glc_bbbbbbbbbbbbbbbbbbbb", "gamma": acctTokenC}
	for name, tok := range want {
		if got, err := lookup(refs[name]); err != nil || got != tok {
			t.Errorf("keyring entry of %s (%s) = %q, %v", name, refs[name], got, err)
		}
	}
	if len(notes) != 0 {
		t.Errorf("notes with a working keyring: %q", notes)
	}

	// Reading gives the tokens back; identity by token still works.
	accounts, err = s.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		if a.Token != want[a.Name] || a.TokenStorage() != "keyring" {
			t.Errorf("%s: token %q storage %s", a.Name, a.Token, a.TokenStorage())
		}
	}
	if i := ActiveIndex(accounts, Credentials{Token: acctTokenC, StackURL: "https://gamma.grafana.net"}); i < 0 || accounts[i].Name != "gamma" {
		t.Errorf("ActiveIndex found %d", i)
	}
	// An update keeps the same entry.
	updated, err := s.Upsert(Account{Token: acctTokenC, StackURL: "https://gamma.grafana.net", ProjectID: 33})
	if err != nil || updated.Name != "gamma" {
		t.Fatalf("update: %+v %v", updated, err)
	}
	if _, refs2, _ := fileRefs(t, path); refs2["gamma"] != refs["gamma"] || len(refs2) != 3 {
		t.Errorf("update changed the references: %v -> %v", refs, refs2)
	}

	// remove deletes the entry; remove all deletes the rest.
	if _, err := s.Remove("beta"); err != nil {
		t.Fatal(err)
	}
	if _, err := lookup(refs["beta"]); !errors.Is(err, ErrSecretNotFound) {
		t.Errorf("beta's entry after remove: %v", err)
	}
	if n, err := s.RemoveAll(); err != nil || n != 2 {
		t.Fatalf("RemoveAll = %d, %v", n, err)
	}
	for _, name := range []string{"alpha", "gamma"} {
		if _, err := lookup(refs[name]); !errors.Is(err, ErrSecretNotFound) {
			t.Errorf("%s's entry after remove all: %v", name, err)
		}
	}
}

func mockLookup(ref string) (string, error) {
	tok, err := keyring.Get(KeyringService, ref)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", ErrSecretNotFound
	}
	return tok, err
}

func TestAccountsTokensInKeyring(t *testing.T) {
	keyring.MockInit()
	exerciseKeyring(t, NewKeyring(0), mockLookup)
}

// No keyring (headless, CI): tokens stay in the file, with one notice.
func TestAccountsKeyringFallsBackToFile(t *testing.T) {
	keyring.MockInitWithError(errors.New("the name org.freedesktop.secrets was not provided by any .service files"))
	path := accountsTestPath(t)
	writeAccountsFile(t, path, plainAccountsFile, 0o600)
	var notes []string
	s := NewAccountStore(path)
	s.UseSecrets(NewKeyring(0), false, func(n string) { notes = append(notes, n) })
	for _, tok := range []string{acctTokenA, acctTokenB} {
		if _, err := s.Upsert(Account{Token: tok, StackURL: "https://new.grafana.net"}); err != nil {
			t.Fatal(err)
		}
	}
	version, refs, tokens := fileRefs(t, path)
	if version != 1 || refs["alpha"] != "" || tokens["alpha"] != "glc_aaaaaaaaaaaaaaaaaaaa" || len(tokens) != 4 {
		t.Errorf("version %d refs %v tokens %v", version, refs, tokens)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "org.freedesktop.secrets") || !strings.Contains(notes[0], path) || strings.Contains(notes[0], "\n") {
		t.Errorf("notes = %q, want one line naming the file and the cause", notes)
	}
	accounts, err := s.List()
	if err != nil || len(accounts) != 4 || s.SecretsError() != nil {
		t.Errorf("List = %d accounts, %v, secrets error %v", len(accounts), err, s.SecretsError())
	}
}

// --insecure-storage: the file on purpose, the keyring not asked; the choice
// stays with the account when later saves use the keyring.
func TestAccountsInsecureStorage(t *testing.T) {
	keyring.MockInit()
	path := accountsTestPath(t)
	var notes []string
	s := NewAccountStore(path)
	s.UseSecrets(NewKeyring(0), true, func(n string) { notes = append(notes, n) })
	if _, err := s.Upsert(Account{Token: acctTokenA, StackURL: "https://a.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	s2 := NewAccountStore(path)
	s2.UseSecrets(NewKeyring(0), false, func(n string) { notes = append(notes, n) })
	if _, err := s2.Upsert(Account{Token: acctTokenB, StackURL: "https://b.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	_, refs, tokens := fileRefs(t, path)
	if tokens["a"] != acctTokenA || refs["a"] != "" || tokens["b"] != "" || refs["b"] == "" {
		t.Errorf("refs %v tokens %v", refs, tokens)
	}
	// A login with --insecure-storage moves a keyring token back to the file
	// and deletes its entry.
	if _, err := s.Upsert(Account{Token: acctTokenB, StackURL: "https://b.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	_, refs2, tokens2 := fileRefs(t, path)
	if tokens2["b"] != acctTokenB || refs2["b"] != "" {
		t.Errorf("b after an insecure login: refs %v tokens %v", refs2, tokens2)
	}
	if _, err := mockLookup(refs["b"]); !errors.Is(err, ErrSecretNotFound) {
		t.Errorf("b's old entry: %v", err)
	}
	if len(notes) != 0 {
		t.Errorf("notes: %q", notes)
	}
}

// A keyring that stops answering later (locked, gone): the accounts are still
// listed, renamed and forgotten; their tokens are reported unavailable.
func TestAccountsKeyringUnavailableOnRead(t *testing.T) {
	keyring.MockInit()
	path := accountsTestPath(t)
	writeAccountsFile(t, path, plainAccountsFile, 0o600)
	s := NewAccountStore(path)
	s.UseSecrets(NewKeyring(0), false, nil)
	if _, err := s.Upsert(Account{Token: acctTokenC, StackURL: "https://c.grafana.net"}); err != nil {
		t.Fatal(err)
	}
	before := readAccountsFile(t, path)

	keyring.MockInitWithError(errors.New("the keyring is locked"))
	var notes []string
	locked := NewAccountStore(path)
	locked.UseSecrets(NewKeyring(0), false, func(n string) { notes = append(notes, n) })
	accounts, err := locked.List()
	if err != nil || len(accounts) != 3 {
		t.Fatalf("List = %v, %v", accounts, err)
	}
	for _, a := range accounts {
		if !a.TokenUnavailable() {
			t.Errorf("%s: token %q, want unavailable", a.Name, a.Token)
		}
	}
	if err := locked.SecretsError(); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("SecretsError = %v", err)
	}
	// A change that does not touch the tokens keeps every reference.
	a := accounts[0]
	a.ProjectID = 77
	if _, err := locked.Upsert(a); err != nil {
		t.Fatal(err)
	}
	_, refsBefore, _ := fileRefs(t, path)
	if strings.Count(readAccountsFile(t, path), `"tokenRef"`) != 3 {
		t.Errorf("references lost:\nbefore %s\nafter %s", before, readAccountsFile(t, path))
	}
	if _, err := locked.Remove("alpha"); err != nil {
		t.Fatalf("Remove with the keyring locked: %v", err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], refsBefore["alpha"]) {
		t.Errorf("notes = %q, want one naming the entry left behind", notes)
	}
}

func TestKeyringCallTimesOut(t *testing.T) {
	k := NewKeyring(50 * time.Millisecond)
	start := time.Now()
	err := k.call(func() error { time.Sleep(5 * time.Second); return nil })
	var ke *KeyringError
	if !errors.As(err, &ke) || !strings.Contains(err.Error(), "no answer within 50ms") || time.Since(start) > 2*time.Second {
		t.Fatalf("call = %v after %v", err, time.Since(start))
	}
	// Not asked again: the next call fails at once.
	start = time.Now()
	if err := k.call(func() error { t.Error("a broken keyring was called again"); return nil }); !errors.As(err, &ke) {
		t.Errorf("second call = %v", err)
	}
	if time.Since(start) > 10*time.Millisecond {
		t.Errorf("second call took %v", time.Since(start))
	}
}
