package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// accountScreens builds each screen of home, review, switch and reset; the
// names are the golden files (testdata/TestAccountScreens/...).
var accountScreens = []struct {
	name   string
	narrow bool // also drawn at 40 columns
	opts   func() []acctOpt
	build  func(e *acctEnv)
}{
	{name: "home", narrow: true, build: func(e *acctEnv) {}},
	{name: "home_help", build: func(e *acctEnv) { e.send(runes("?")) }},
	{name: "home_demo_overrides", narrow: true, opts: func() []acctOpt {
		return append(standard(), withDemoBadge(), withVars(map[string]string{"K6_CLOUD_TOKEN": "glc_fromtheenvironment", "K6_CLOUD_PROJECT_ID": "7"}))
	}, build: func(e *acctEnv) {}},
	{name: "home_unsaved", narrow: true, opts: func() []acctOpt {
		return []acctOpt{withConfig(configWithLogin, 0o600)}
	}, build: func(e *acctEnv) {}},
	{name: "home_signed_out", narrow: true, opts: func() []acctOpt {
		return []acctOpt{withConfig(configSignedOut, 0o600), withAccounts(seedAccounts()...)}
	}, build: func(e *acctEnv) {}},
	{name: "review", narrow: true, build: func(e *acctEnv) { e.send(runes("r")) }},
	{name: "review_loose_overrides", opts: func() []acctOpt {
		return append([]acctOpt{withConfig(configWithLogin, 0o644), withAccounts(seedAccounts()...)},
			withVars(map[string]string{"K6_CLOUD_TOKEN": "glc_fromtheenvironment", "K6_CLOUD_HOST_V6": "https://api.example.com"}))
	}, build: func(e *acctEnv) { e.send(runes("r")) }},
	{name: "review_fixed", opts: func() []acctOpt {
		return []acctOpt{withConfig(configWithLogin, 0o644), withAccounts(seedAccounts()...)}
	}, build: func(e *acctEnv) { e.send(runes("r"), runes("f")) }},
	{name: "review_validating", build: func(e *acctEnv) { e.send(runes("r")); e.sendNoRun(runes("v")) }},
	{name: "review_validated", build: func(e *acctEnv) { e.send(runes("r"), runes("v")) }},
	{name: "review_project_name_looked_up", opts: func() []acctOpt {
		// ci-stack is in use: project 102 has no name saved, so it is fetched.
		ci := seedAccounts()[1]
		return []acctOpt{withConfig(`{"collectors":{"cloud":{"token":"`+ciToken+`","stackID":4321,"stackURL":"https://my-team.grafana.net","defaultProjectID":100,"projectID":102}}}`, 0o600),
			withAccounts(ci)}
	}, build: func(e *acctEnv) { e.send(runes("r")) }},
	{name: "review_unsaved", opts: func() []acctOpt {
		return []acctOpt{withConfig(configWithLogin, 0o600)}
	}, build: func(e *acctEnv) { e.send(runes("r")) }},
	{name: "review_validate_failed", build: func(e *acctEnv) {
		e.api.errs = []error{timeoutErr}
		e.send(runes("v"))
	}},
	{name: "switch", narrow: true, build: func(e *acctEnv) { e.send(runes("s")) }},
	{name: "switch_unsaved", narrow: true, opts: func() []acctOpt {
		return []acctOpt{withConfig(configWithLogin, 0o600), withAccounts(seedAccounts()[1:]...)}
	}, build: func(e *acctEnv) { e.send(runes("s")) }},
	{name: "switch_filter", narrow: true, build: func(e *acctEnv) { e.send(runes("s"), runes("/")); e.typeText("old") }},
	{name: "switch_active_chosen", build: func(e *acctEnv) { e.send(runes("s"), down, enter) }},
	{name: "switch_checking", build: func(e *acctEnv) { e.send(runes("s")); e.sendNoRun(enter) }},
	{name: "switch_refused", narrow: true, build: func(e *acctEnv) { e.send(runes("s"), down, down, enter) }},
	{name: "switch_timeout", build: func(e *acctEnv) {
		e.api.errs = []error{timeoutErr}
		e.send(runes("s"), enter)
	}},
	{name: "switched", narrow: true, build: func(e *acctEnv) { e.send(runes("s"), enter) }},
	{name: "switched_anyway", build: func(e *acctEnv) { e.send(runes("s"), down, down, enter, runes("s")) }},
	{name: "reset", narrow: true, build: func(e *acctEnv) { e.send(runes("x")) }},
	{name: "switch_many", narrow: true, opts: func() []acctOpt {
		return append(standard(), withAccounts(manyAccounts(30)...))
	}, build: func(e *acctEnv) { e.send(runes("s"), keyType(tea.KeyEnd)) }},
	{name: "reset_help", build: func(e *acctEnv) { e.send(runes("x"), runes("?")) }},
	{name: "confirm_sign_out", narrow: true, build: func(e *acctEnv) { e.send(runes("x"), enter) }},
	{name: "confirm_sign_out_unsaved", opts: func() []acctOpt {
		return []acctOpt{withConfig(configWithLogin, 0o600), withAccounts(seedAccounts()[1:]...)}
	}, build: func(e *acctEnv) { e.send(runes("x"), enter) }},
	{name: "signed_out", build: func(e *acctEnv) { e.send(runes("x"), enter, down, enter) }},
	{name: "forget_pick", build: func(e *acctEnv) { e.send(runes("x"), down, enter) }},
	{name: "confirm_forget", build: func(e *acctEnv) { e.send(runes("x"), down, enter, enter) }},
	{name: "confirm_forget_active", narrow: true, build: func(e *acctEnv) { e.send(runes("x"), down, enter, down, enter) }},
	{name: "forgot_active", build: func(e *acctEnv) { e.send(runes("x"), down, enter, down, enter, down, enter) }},
	{name: "confirm_forget_all", build: func(e *acctEnv) { e.send(runes("x"), down, down, enter) }},
	{name: "confirm_forget_all_sure", narrow: true, build: func(e *acctEnv) { e.send(runes("x"), down, down, enter, down, enter) }},
	{name: "forgot_all", build: func(e *acctEnv) { e.send(runes("x"), down, down, enter, down, enter, down, enter) }},
	{name: "home_after_forget_all", build: func(e *acctEnv) {
		e.send(runes("x"), down, down, enter, down, enter, down, enter, enter)
	}},
	// Review is gone from home after "Forget all": the variables' warning
	// no longer points there.
	{name: "home_after_forget_all_overrides", opts: func() []acctOpt {
		return append(standard(), withVars(map[string]string{"K6_CLOUD_TOKEN": "glc_fromtheenvironment"}))
	}, build: func(e *acctEnv) {
		e.send(runes("x"), down, down, enter, down, enter, down, enter, enter)
	}},
	{name: "check_all", build: func(e *acctEnv) { e.send(runes("c")) }},
	{name: "add_first_step", build: func(e *acctEnv) { e.send(runes("a")) }},
	{name: "add_saved", build: func(e *acctEnv) {
		e.send(runes("a"))
		e.typeText("my-team")
		e.send(enter, paste(ciToken), enter, runes("2"), enter, enter)
	}},
}

func TestAccountScreens(t *testing.T) {
	for _, sc := range accountScreens {
		t.Run(sc.name, func(t *testing.T) {
			e := newAcctEnv(t, screenOpts(sc.opts)...)
			e.init()
			sc.build(e)
			requireScreen(t, e.env)
			e.requireNoTokenSeen()
		})
	}
}

// TestAccountScreensNarrow draws home, switch and the confirmations on a
// 40-column terminal.
func TestAccountScreensNarrow(t *testing.T) {
	for _, sc := range accountScreens {
		if !sc.narrow {
			continue
		}
		t.Run(sc.name, func(t *testing.T) {
			e := newAcctEnv(t, screenOpts(sc.opts)...)
			e.initSize(40, 24)
			sc.build(e)
			requireScreen(t, e.env)
		})
	}
}

// manyAccounts are n more saved accounts, on stacks the fake API does not know.
func manyAccounts(n int) []configstore.Account {
	out := make([]configstore.Account, n)
	for i := range out {
		out[i] = configstore.Account{Name: fmt.Sprintf("team-%02d-personal", i+1), Token: fmt.Sprintf("glc_manymanymanymany%04d", i),
			StackURL: fmt.Sprintf("https://team-%02d.grafana.net", i+1), StackID: int64(1000 + i), DefaultProjectID: 7,
			TokenMode: configstore.TokenModePersonal}
	}
	return out
}

func screenOpts(f func() []acctOpt) []acctOpt {
	if f == nil {
		return standard()
	}
	return f()
}

func TestAgo(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, "just now"}, {30 * time.Second, "just now"}, {time.Minute, "1 minute ago"},
		{3 * time.Minute, "3 minutes ago"}, {time.Hour, "1 hour ago"}, {26 * time.Hour, "26 hours ago"},
		{72 * time.Hour, "3 days ago"}, {90 * 24 * time.Hour, "on 3 Mar 2025"},
	} {
		if got := flow.Ago(clock, clock.Add(-c.d)); got != c.want {
			t.Errorf("%v ago: %q, want %q", c.d, got, c.want)
		}
	}
	if got := flow.Ago(clock, time.Time{}); got != "never" {
		t.Errorf("zero time: %q", got)
	}
}

func TestActionStrings(t *testing.T) {
	seen := map[string]bool{}
	for a := ActionNone; a <= ActionValidate; a++ {
		s := a.String()
		if s == "unknown" || seen[s] {
			t.Errorf("Action(%d) = %q", a, s)
		}
		seen[s] = true
	}
	r := Result{Action: ActionForgetAll, Removed: 3, SignedOut: true}
	if got := r.Summary(); got != "Forgot 3 saved accounts and signed k6 out." {
		t.Errorf("summary %q", got)
	}
	if (Result{}).Summary() != "" {
		t.Error("a summary for nothing done")
	}
}
