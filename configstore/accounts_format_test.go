package configstore

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// The accounts file is written by hand with jsontext. It must stay exactly
// what encoding/json wrote from Account's tags before, so that files of every
// k6login version read the same; and what is written must read back whole.
func TestAccountsFileFormat(t *testing.T) {
	accounts := []Account{
		{Name: "zeta", Token: "glc_a&b<c>", StackURL: "https://zeta.grafana.net", StackID: 5000000104, DefaultProjectID: 7},
		{Name: "Alpha", Token: "glsa_x\"y", StackURL: "https://alpha.grafana.net", StackID: 1, DefaultProjectID: 2,
			ProjectID: 3, ProjectName: "checkout \u2028 eu", TokenMode: TokenModeStack,
			LastValidated: time.Date(2026, 11, 23, 18, 0, 0, 42, time.UTC)},
	}
	got := encodeAccounts(copyAccounts(accounts))

	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	sorted := copyAccounts(accounts)
	sortAccounts(sorted)
	if err := enc.Encode(struct {
		Version  int       `json:"version"`
		Accounts []Account `json:"accounts"`
	}{accountsVersion, sorted}); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Errorf("encodeAccounts:\n%s\nencoding/json:\n%s", got, want.String())
	}

	back, err := decodeAccounts("accounts.json", got)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, sorted) {
		t.Errorf("read back %+v, want %+v", back, sorted)
	}
	if empty := encodeAccounts(nil); string(empty) != "{\n  \"version\": 1,\n  \"accounts\": []\n}\n" {
		t.Errorf("no accounts: %q", empty)
	}
}

func copyAccounts(a []Account) []Account { return append([]Account(nil), a...) }
