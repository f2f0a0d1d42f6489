package configstore

import (
	"reflect"
	"testing"
	"time"
)

// The accounts file must stay exactly what every k6login version wrote, so
// that files of every version read the same; and what is written must read
// back whole.
func TestAccountsFileFormat(t *testing.T) {
	accounts := []Account{
		{Name: "zeta", Token: "glc_a&b<c>", StackURL: "https://zeta.grafana.net", StackID: 5000000104, DefaultProjectID: 7},
		{Name: "Alpha", Token: "glsa_x\"y", StackURL: "https://alpha.grafana.net", StackID: 1, DefaultProjectID: 2,
			ProjectID: 3, ProjectName: "checkout \u2028 eu", TokenMode: TokenModeStack,
			LastValidated: time.Date(2026, 11, 23, 18, 0, 0, 42, time.UTC)},
	}
	got := encodeAccounts(copyAccounts(accounts))
	const want = `{
  "version": 1,
  "accounts": [
    {
      "name": "Alpha",
      "token": "glsa_x\"y",
      "stackURL": "https://alpha.grafana.net",
      "stackID": 1,
      "defaultProjectID": 2,
      "projectID": 3,
      "projectName": "checkout \u2028 eu",
      "tokenMode": "stack",
      "lastValidated": "2026-11-23T18:00:00.000000042Z"
    },
    {
      "name": "zeta",
      "token": "glc_a&b<c>",
      "stackURL": "https://zeta.grafana.net",
      "stackID": 5000000104,
      "defaultProjectID": 7
    }
  ]
}
`
	if string(got) != want {
		t.Errorf("encodeAccounts:\n%s\nwant:\n%s", got, want)
	}

	sorted := copyAccounts(accounts)
	sortAccounts(sorted)
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
