package flow

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

var (
	info     = authclient.AuthInfo{StackID: 4321, DefaultProjectID: 100}
	projects = []authclient.Project{{ID: 100, Name: "Default", IsDefault: true}, {ID: 101, Name: "Load \x1b]0;pwned\a"}}
	refused  = &authclient.Error{Kind: authclient.KindInvalidToken, Status: 401, Host: "api.k6.io"}
	noStack  = &authclient.Error{Kind: authclient.KindStackAccess, Status: 403, Host: "api.k6.io"}
	timeout  = &authclient.Error{Kind: authclient.KindTimeout, Host: "api.k6.io"}
)

const token = "glc_SECRETSECRETSECRETSECRETtail1234"

// answered walks a Login through the wizard with the given mode and pick
// (an index into ProjectItems, or -1 for the preselected one).
func answered(t *testing.T, mode configstore.TokenMode, pick int) Login {
	t.Helper()
	var l Login
	l.Start()
	if err := l.SetStack(" My-Team "); err != nil {
		t.Fatal(err)
	}
	if err := l.SetToken("  " + token + "\n"); err != nil {
		t.Fatal(err)
	}
	l.Validated(info, nil)
	l.SetMode(mode)
	l.SetProjects(projects, nil)
	items, sel := l.ProjectItems()
	if pick < 0 {
		pick = sel
	}
	l.Choose(items[pick])
	if l.Step != Review {
		t.Fatalf("step %d", l.Step)
	}
	return l
}

func TestCredentials(t *testing.T) {
	base := configstore.Credentials{Token: token, StackID: 4321, StackURL: "https://my-team.grafana.net", DefaultProjectID: 100}
	for _, tc := range []struct {
		name      string
		mode      configstore.TokenMode
		pick      int
		projectID int64
		project   string
	}{
		{"personal follows the default", configstore.TokenModePersonal, -1, 0, ""},
		{"personal picks a project", configstore.TokenModePersonal, 2, 101, "Load \x1b]0;pwned\a"},
		{"stack token on its default", configstore.TokenModeStack, -1, 100, "Default"},
		{"stack token picks a project", configstore.TokenModeStack, 1, 101, "Load \x1b]0;pwned\a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := answered(t, tc.mode, tc.pick)
			want := base
			want.ProjectID = tc.projectID
			if got := l.Credentials(); got != want {
				t.Fatalf("credentials %+v, want %+v", got, want)
			}
			if l.ProjectName() != tc.project {
				t.Fatalf("project name %q", l.ProjectName())
			}
			for _, r := range l.Summary() {
				if strings.ContainsAny(r.Value, "\x1b\a") || strings.Contains(r.Value, "SECRET") {
					t.Fatalf("row %+v shows raw outside text or the token", r)
				}
			}
		})
	}
	// A stack token never leaves projectID out, even with a stale "default" choice.
	l := answered(t, configstore.TokenModePersonal, 0)
	l.Back()
	l.Back()
	l.SetMode(configstore.TokenModeStack)
	if got := l.Credentials().ProjectID; got != 100 {
		t.Fatalf("stack token projectID %d", got)
	}
}

func TestValidateFailures(t *testing.T) {
	for _, tc := range []struct {
		err      error
		remedies []Recovery
		after    Step
	}{
		{refused, []Recovery{NewToken}, Token},
		{noStack, []Recovery{ChangeStack, EditToken}, Stack},
		{timeout, []Recovery{Retry, EditToken, ChangeStack}, Validating},
		{errors.New("odd"), []Recovery{Retry, EditToken, ChangeStack}, Validating},
	} {
		var l Login
		l.Start()
		_ = l.SetStack("my-team")
		_ = l.SetToken(token)
		l.Validated(authclient.AuthInfo{}, tc.err)
		if l.Step != ValidateError || !reflect.DeepEqual(l.Remedies(), tc.remedies) {
			t.Fatalf("%v: step %d remedies %v", tc.err, l.Step, l.Remedies())
		}
		l.Recover(l.Remedies()[0])
		if l.Step != tc.after {
			t.Fatalf("%v: after the default remedy step %d, want %d", tc.err, l.Step, tc.after)
		}
		if tc.err == refused && (l.Token != "" || l.RefusedTail != "1234") {
			t.Fatalf("refused token kept: %q tail %q", l.Token, l.RefusedTail)
		}
	}
}

func TestInputErrors(t *testing.T) {
	var l Login
	l.Start()
	if err := l.SetStack("my_team"); err == nil || !strings.HasPrefix(err.Error(), "Not a stack:") || l.Step != Stack {
		t.Fatalf("err %v step %d", err, l.Step)
	}
	_ = l.SetStack("my-team")
	if err := l.SetToken("  "); err == nil || l.Step != Token {
		t.Fatalf("empty token: err %v step %d", err, l.Step)
	}
	_ = l.SetToken(token)
	l.Validated(info, nil)
	l.SetMode(configstore.TokenModeStack)
	l.SetProjects(nil, timeout)
	if !l.NeedsTypedID() {
		t.Fatal("a stack token without a list must type an ID")
	}
	if _, w := l.ProjectQuestion(); !strings.HasPrefix(w, "The project list could not be loaded") {
		t.Fatalf("warning %q", w)
	}
	nf := &authclient.Error{Kind: authclient.KindProjectNotFound, Status: 404}
	if err := l.ProjectChecked(999, authclient.Project{}, nf); err == nil || err.Error() != "There is no project 999 in this stack." || l.Step != Project {
		t.Fatalf("404: %v", err)
	}
	if err := l.ProjectChecked(101, authclient.Project{Name: "x"}, nil); err != nil || l.Step != Review || l.Credentials().ProjectID != 101 {
		t.Fatalf("found: %v %+v", err, l.Credentials())
	}
}

func acct(name, tok string, mode configstore.TokenMode) configstore.Account {
	return configstore.Account{Name: name, Token: tok, StackURL: "https://my-team.grafana.net", StackID: 4321, DefaultProjectID: 100, TokenMode: mode}
}

func TestHomeItems(t *testing.T) {
	a1 := acct("a", token, configstore.TokenModePersonal)
	a2 := acct("b", "glsa_OTHEROTHEROTHEROTHER_ab12", configstore.TokenModeStack)
	login := configstore.Snapshot{Exists: true, Mode: 0o600, Credentials: a1.Credentials()}
	unsaved := a1
	damaged := &configstore.AccountsError{Err: errors.New("accounts.json is damaged")}
	for _, tc := range []struct {
		name string
		ov   configstore.Overview
		err  error
		want []HomeItem
	}{
		{"saved and active", configstore.Overview{Snapshot: login, Accounts: []configstore.Account{a1, a2}, Active: 0}, nil,
			[]HomeItem{HomeReview, HomeSwitch, HomeAdd, HomeValidate, HomeReset, HomeCheckAll, HomeQuit}},
		{"only in k6's config", configstore.Overview{Snapshot: login, Active: -1, Unsaved: &unsaved}, nil,
			[]HomeItem{HomeReview, HomeKeep, HomeSwitch, HomeAdd, HomeValidate, HomeReset, HomeCheckAll, HomeQuit}},
		{"accounts damaged: no keep", configstore.Overview{Snapshot: login, Active: -1}, damaged,
			[]HomeItem{HomeReview, HomeSwitch, HomeAdd, HomeValidate, HomeReset, HomeCheckAll, HomeQuit}},
		{"signed out", configstore.Overview{Accounts: []configstore.Account{a1}, Active: -1}, nil,
			[]HomeItem{HomeSwitch, HomeAdd, HomeReset, HomeCheckAll, HomeQuit}},
		{"nothing", configstore.Overview{Active: -1}, nil, []HomeItem{HomeAdd, HomeQuit}},
	} {
		a := NewAccounts(tc.ov, tc.err, Paths{Config: "/c.json"})
		if got := a.HomeItems(); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestConfirmTenses(t *testing.T) {
	a1 := acct("a", token, configstore.TokenModePersonal)
	a2 := acct("b\x1b[2J", "glsa_OTHEROTHEROTHEROTHER_ab12", configstore.TokenModeStack)
	ov := configstore.Overview{Snapshot: configstore.Snapshot{Exists: true, Credentials: a1.Credentials()},
		Accounts: []configstore.Account{a1, a2}, Active: 0}
	a := NewAccounts(ov, nil, Paths{Config: "/c.json", Accounts: "/a.json"})
	if got := a.ResetChoices(); !reflect.DeepEqual(got, []Op{OpSignOut, OpForget, OpForgetAll, OpNone}) {
		t.Fatalf("choices %v", got)
	}
	for _, tc := range []struct {
		op       Op
		target   configstore.Account
		question string
		outcome  Outcome
		done     string
	}{
		{OpSignOut, configstore.Account{}, "Sign k6 out of a?", Outcome{Op: OpSignOut, Account: a1}, "Signed k6 out of a."},
		{OpForget, a2, "Forget b␛[2J?", Outcome{Op: OpForget, Account: a2}, "Forgot b␛[2J."},
		{OpForgetAll, configstore.Account{}, "Forget all 2 saved accounts?", Outcome{Op: OpForgetAll, Removed: 2, SignedOut: true}, "Forgot 2 saved accounts."},
		{OpForgetAllSure, configstore.Account{}, "Really forget all 2 accounts? This cannot be undone.", Outcome{}, ""},
	} {
		c := a.Confirm(tc.op, tc.target)
		if c.Question != tc.question || c.Yes == "" || len(c.Details) == 0 {
			t.Errorf("op %d: %+v", tc.op, c)
		}
		for _, d := range c.Details {
			if strings.Contains(d, "\x1b") || strings.Contains(d, "OTHEROTHER") {
				t.Errorf("op %d: detail %q", tc.op, d)
			}
		}
		if head, _ := tc.outcome.Done(); head != tc.done {
			t.Errorf("op %d: done %q, want %q", tc.op, head, tc.done)
		}
	}
	if OpForgetAll.Then() != OpForgetAllSure || OpForget.Then() != OpNone {
		t.Fatal("forget all is asked twice, the others once")
	}
}

func TestWritten(t *testing.T) {
	target := acct("b", "glsa_OTHEROTHEROTHEROTHER_ab12", configstore.TokenModeStack)
	fail := errors.New("accounts file not written")
	took := configstore.Overview{Snapshot: configstore.Snapshot{Credentials: target.Credentials()}}
	if !Written(target, nil, configstore.Overview{}) || !Written(target, fail, took) || Written(target, fail, configstore.Overview{}) {
		t.Fatal("written rule")
	}
}

func TestEndpointNote(t *testing.T) {
	if EndpointNote(authclient.Endpoint{BaseURL: authclient.DefaultBaseURL, BaseURLSource: authclient.SourceDefault}) != "" ||
		EndpointNote(authclient.Endpoint{}) != "" {
		t.Fatal("the default address is not worth a note")
	}
	got := EndpointNote(authclient.Endpoint{BaseURL: "https://proxy.example", BaseURLSource: authclient.SourceEnvHostV6})
	if !strings.Contains(got, "https://proxy.example") || !strings.Contains(got, "K6_CLOUD_HOST_V6") {
		t.Fatalf("note %q", got)
	}
}

func TestProjectItems(t *testing.T) {
	for _, tc := range []struct {
		mode     configstore.TokenMode
		choice   Choice
		labels   []string
		selected int
	}{
		{configstore.TokenModePersonal, Choice{}, []string{"Follow the stack's default (now #100)", "Default  #100  (default)", "Load ␛]0;pwned␇  #101"}, 0},
		{configstore.TokenModeStack, Choice{}, []string{"Default  #100  (default)", "Load ␛]0;pwned␇  #101"}, 0},
		{configstore.TokenModeStack, Choice{Set: true, ID: 101}, nil, 1},
		{configstore.TokenModePersonal, Choice{Set: true, ID: 101}, nil, 2},
	} {
		l := Login{Auth: info, Mode: tc.mode, Projects: projects, ProjectsLoaded: true, Choice: tc.choice}
		items, sel := l.ProjectItems()
		if sel != tc.selected {
			t.Errorf("%s %+v: selected %d, want %d", tc.mode, tc.choice, sel, tc.selected)
		}
		if tc.labels != nil {
			var got []string
			for _, it := range items {
				got = append(got, it.Label)
			}
			if !reflect.DeepEqual(got, tc.labels) {
				t.Errorf("%s: labels %q", tc.mode, got)
			}
		}
		if len(items)-len(projects) != l.Leading() {
			t.Errorf("%s: leading %d", tc.mode, l.Leading())
		}
	}
	l := Login{Auth: info, Mode: configstore.TokenModePersonal, Projects: projects}
	all, _ := l.ProjectItems()
	if found := Search(all, "LOAD"); len(found) != 1 || found[0].ID != 101 {
		t.Fatalf("search %+v", found)
	}
	if found := Search(all, "stack's default"); len(found) != 0 {
		t.Fatalf("the default entry is not a name: %+v", found)
	}
}

func TestTexts(t *testing.T) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[time.Duration]string{0: "just now", 3 * time.Minute: "3 minutes ago", time.Hour: "1 hour ago", 72 * time.Hour: "3 days ago"} {
		if got := Ago(now, now.Add(-in)); got != want {
			t.Errorf("Ago(%v) = %q, want %q", in, got, want)
		}
	}
	if Ago(now, time.Time{}) != "never" {
		t.Error("zero time")
	}
	if got := ErrText(errors.New("api.k6.io said \x1b[2Jno")); got != "api.k6.io said ␛[2Jno." {
		t.Errorf("ErrText %q", got)
	}
	if got := DescribeToken(token); got != "36 characters, ends in …1234" {
		t.Errorf("DescribeToken %q", got)
	}
	ovs := []configstore.Override{{Var: "K6_CLOUD_PROJECT_ID", Key: "projectID", Value: "7\x1b[2J"}}
	if got := Overrides(ovs); len(got) != 1 || strings.Contains(got[0], "\x1b") || !strings.HasSuffix(got[0], "Unset it to use this login.") {
		t.Errorf("overrides %q", got)
	}
}

func TestLooksLikeToken(t *testing.T) {
	for s, want := range map[string]bool{
		"glc_abc": true, "glsa_x": true, token: true,
		"0123456789abcdef0123456789abcdef01":    true,
		"eyJrIjoiT0tTcG1pUlY2RnVKZTFVaDFsNEZWV": true,
		"my-team":                               false, "https://my-team.grafana.net": false, "my-team.grafana-dev.net": false,
		"a-very-long-but-ordinary-stack-slug-name": false,
	} {
		if LooksLikeToken(s) != want {
			t.Errorf("LooksLikeToken(%q) = %v", s, !want)
		}
	}
}

func TestOverridesBesideTheEndpointNote(t *testing.T) {
	ovs := []configstore.Override{
		{Var: "K6_CLOUD_TOKEN", Key: "token", Value: "abcd********wxyz"},
		{Var: "K6_CLOUD_HOST_V6", Key: "hostv6", Value: "http://127.0.0.1:9"},
	}
	fromEnv := authclient.Endpoint{BaseURL: "http://127.0.0.1:9", BaseURLSource: authclient.SourceEnvHostV6}
	got := OverridesBeside(ovs, fromEnv)
	if len(got) != 1 || !strings.HasPrefix(got[0], "K6_CLOUD_TOKEN") {
		t.Errorf("beside a note naming K6_CLOUD_HOST_V6: %q, want only the token warning", got)
	}
	if got := OverridesBeside(ovs, authclient.Endpoint{}); len(got) != 2 {
		t.Errorf("with no note: %q, want both warnings", got)
	}
}
