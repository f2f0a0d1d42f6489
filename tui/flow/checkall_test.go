package flow

import (
	"errors"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

func TestCheckWords(t *testing.T) {
	acct := configstore.Account{Name: "ci", ProjectID: 502}
	refused := &authclient.Error{Kind: authclient.KindInvalidToken, Host: "api.k6.io", Status: 401}
	cases := []struct {
		check      Check
		word, text string
	}{
		{Check{}, "checking…", "checking…"},
		{CheckOf(acct, authclient.CheckResult{Status: authclient.CheckValid, Info: authclient.AuthInfo{StackID: 7, DefaultProjectID: 501}}),
			"valid", "valid: stack 7, project 502 (default 501)"},
		{CheckOf(configstore.Account{}, authclient.CheckResult{Status: authclient.CheckValid, Info: authclient.AuthInfo{StackID: 7, DefaultProjectID: 501}}),
			"valid", "valid: stack 7, default project 501"},
		{CheckOf(acct, authclient.CheckResult{Status: authclient.CheckRefused, Err: refused}), "refused", "refused: " + refused.Error()},
		{Check{Status: "no-access", Error: "x\x1b[31m"}, "no access", "no access to the stack: x␛[31m"},
		{Check{Status: "unreachable", Error: "timeout"}, "unreachable", "unreachable: timeout"},
		{Check{Status: "cancelled"}, "not checked", "not checked (cancelled)"},
		{TokenUnavailable(configstore.Account{Name: "k"}, errors.New("locked")), "token unavailable",
			"not checked: the token of k is kept in the system keyring, which cannot be read now: locked"},
	}
	for _, c := range cases {
		if got := c.check.Word(); got != c.word {
			t.Errorf("%+v: word %q, want %q", c.check, got, c.word)
		}
		if got := c.check.Text(); got != c.text {
			t.Errorf("%+v: text %q, want %q", c.check, got, c.text)
		}
	}
	checks := []Check{{Status: "refused"}, {Status: "valid"}, {}, {Status: "valid"}}
	if got := CheckSummary(checks); got != "Checking… 3 of 4 answered." {
		t.Errorf("summary %q", got)
	}
	checks[2] = Check{Status: StatusTokenUnavailable}
	if got := CheckSummary(checks); got != "4 checked: 2 valid, 1 refused, 1 token unavailable." {
		t.Errorf("summary %q", got)
	}
}

func TestCheckEntriesIncludeUnsaved(t *testing.T) {
	unsaved := configstore.Account{Name: "only-in-k6", Token: "t"}
	a := NewAccounts(configstore.Overview{Accounts: []configstore.Account{{Name: "a"}, {Name: "b"}}, Active: -1, Unsaved: &unsaved}, nil, Paths{})
	got := a.CheckEntries()
	if len(got) != 3 || !got[0].Unsaved || !got[0].Active || got[1].Active || got[2].Account.Name != "b" {
		t.Fatalf("%+v", got)
	}
	if strings.Join(func() []string {
		var s []string
		for _, it := range a.HomeItems() {
			n, _ := it.Label()
			s = append(s, n)
		}
		return s
	}(), ",") != "Review,Keep this login,Switch account,Add an account,Validate again,Reset / sign out,Check all accounts,Quit" {
		t.Fatalf("home items %v", a.HomeItems())
	}
}
