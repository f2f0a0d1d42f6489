package tui

import (
	"bytes"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// finalA waits for the program to exit, checks that what it drew since the
// last wait held no token, and compares the last screen with its golden file.
func finalA(t *testing.T, e *acctEnv, tm *teatest.TestModel) {
	t.Helper()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	if fm.(*Model) != e.m {
		t.Fatal("the program returned another model")
	}
	out, err := io.ReadAll(tm.FinalOutput(t))
	if err != nil {
		t.Fatal(err)
	}
	requireNoToken(t, string(out))
	view := e.m.View()
	requireNoToken(t, view)
	golden.RequireEqual(t, []byte(view))
}

// waitShown is waitFor that also checks every byte drawn on the way for a token.
func waitShown(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	leaked := false
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, tok := range []string{goodToken, otherToken, ciToken, "SECRETSECRET", "WRONGWRONG", "CISECRET"} {
			if bytes.Contains(b, []byte(tok)) {
				leaked = true
			}
		}
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
	if leaked {
		t.Fatalf("a token was drawn before %q showed", text)
	}
}

func requireResult(t *testing.T, e *acctEnv, action Action, account string) Result {
	t.Helper()
	r := e.m.Result()
	if r.Action != action || r.Account != account {
		t.Fatalf("Result = %s %q, want %s %q (%+v)", r.Action, r.Account, action, account, r)
	}
	return r
}

func TestAccountsFlowHomeQuit(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("q"))
	finalA(t, e, tm)
	e.requireFilesUntouched()
	requireResult(t, e, ActionNone, "")
}

// TestAccountsFlowReviewFixModeAndValidate: a 0644 config is made 0600 with f,
// then v checks the token and records the time; no login key changes.
func TestAccountsFlowReviewFixModeAndValidate(t *testing.T) {
	e := newAcctEnv(t, withConfig(configWithLogin, 0o644), withAccounts(seedAccounts()...))
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, enter) // Review is first
	waitShown(t, tm, "others can read it")
	send(tm, runes("f"))
	waitShown(t, tm, "now owner-only")
	send(tm, runes("v"))
	waitShown(t, tm, "recorded as my-team-personal")
	send(tm, runes("q"))
	finalA(t, e, tm)

	info, err := os.Stat(e.path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", info.Mode(), err)
	}
	if string(e.fileContent()) != configWithLogin {
		t.Fatalf("k6's config content changed:\n%s", e.fileContent())
	}
	e.requireConfig(credsOf("my-team-personal"))
	got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
	if !got["my-team-personal"].LastValidated.Equal(clock) {
		t.Fatalf("last validated %v", got["my-team-personal"].LastValidated)
	}
	if want := seedAccounts()[1]; !got["ci-stack"].LastValidated.Equal(want.LastValidated) {
		t.Fatal("another account changed")
	}
	requireResult(t, e, ActionValidate, "my-team-personal")
}

func TestAccountsFlowSwitch(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("s"))
	waitShown(t, tm, "3 accounts")
	send(tm, enter) // the cursor starts on the first account not in use: ci-stack
	waitShown(t, tm, "k6 now uses ci-stack")
	send(tm, runes("q"))
	finalA(t, e, tm)

	e.requireConfig(credsOf("ci-stack"))
	got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
	if !got["ci-stack"].LastValidated.Equal(clock) || got["ci-stack"].ProjectID != 102 {
		t.Fatalf("ci-stack %+v", got["ci-stack"])
	}
	if !got["my-team-personal"].LastValidated.Equal(seedAccounts()[0].LastValidated) {
		t.Fatal("the account switched away from changed")
	}
	r := requireResult(t, e, ActionSwitch, "ci-stack")
	if !r.Saved || r.Credentials != credsOf("ci-stack") || r.TokenMode != TokenStack {
		t.Fatalf("result %+v", r)
	}
	if !slices.Contains(e.api.Calls(), "validate "+stackURL) {
		t.Fatalf("not validated: %v", e.api.Calls())
	}
}

func TestAccountsFlowSwitchRefusedThenAnyway(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("s"))
	waitShown(t, tm, "3 accounts")
	send(tm, down, down, enter) // old-laptop
	waitShown(t, tm, "Token refused: old-laptop")
	send(tm, runes("s"))
	waitShown(t, tm, "k6 now uses old-laptop")
	send(tm, runes("q"))
	finalA(t, e, tm)

	e.requireConfig(credsOf("old-laptop"))
	got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
	if !got["old-laptop"].LastValidated.IsZero() {
		t.Fatal("a refused account was marked validated")
	}
	requireResult(t, e, ActionSwitch, "old-laptop")
}

func TestAccountsFlowSwitchRefusedThenBack(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("s"))
	waitShown(t, tm, "3 accounts")
	send(tm, down, down, enter)
	waitShown(t, tm, "Token refused: old-laptop")
	send(tm, esc)
	waitShown(t, tm, "Pick the account")
	send(tm, esc)
	waitShown(t, tm, "Validate again")
	send(tm, runes("q"))
	finalA(t, e, tm)
	e.requireFilesUntouched()
	requireResult(t, e, ActionNone, "")
}

func TestAccountsFlowSignOut(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("x"))
	waitShown(t, tm, "What should be removed")
	send(tm, enter) // sign out, the first choice
	waitShown(t, tm, "Sign k6 out of my-team-personal?")
	send(tm, enter) // the cursor is on "cancel"
	waitShown(t, tm, "What should be removed")
	send(tm, enter, down, enter)
	waitShown(t, tm, "Signed k6 out of my-team-personal")
	send(tm, runes("q"))
	finalA(t, e, tm)

	e.requireConfig(configstore.Credentials{})
	if string(e.accountsContent()) != string(e.origAccounts) {
		t.Fatalf("accounts changed:\n%s", e.accountsContent())
	}
	requireResult(t, e, ActionSignOut, "my-team-personal")
}

func TestAccountsFlowForgetOne(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("x"))
	waitShown(t, tm, "What should be removed")
	send(tm, down, enter)
	waitShown(t, tm, "should be forgotten")
	send(tm, enter) // ci-stack, the first account not in use
	waitShown(t, tm, "Forget ci-stack?")
	send(tm, down, enter)
	waitShown(t, tm, "Forgot ci-stack")
	send(tm, enter) // home
	waitShown(t, tm, "Validate again")
	send(tm, runes("q"))
	finalA(t, e, tm)

	if string(e.fileContent()) != string(e.original) {
		t.Fatalf("k6's config changed:\n%s", e.fileContent())
	}
	e.requireAccountNames("my-team-personal", "old-laptop")
	r := requireResult(t, e, ActionForget, "ci-stack")
	if r.SignedOut {
		t.Fatal("signed out")
	}
}

func TestAccountsFlowForgetActiveThenSwitch(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("x"))
	waitShown(t, tm, "What should be removed")
	send(tm, down, enter)
	waitShown(t, tm, "should be forgotten")
	send(tm, down, enter) // my-team-personal, in use
	waitShown(t, tm, "k6 uses it now")
	send(tm, down, enter)
	waitShown(t, tm, "Switch to another account now")
	send(tm, enter)
	waitShown(t, tm, "2 accounts")
	send(tm, enter) // ci-stack
	waitShown(t, tm, "k6 now uses ci-stack")
	send(tm, runes("q"))
	finalA(t, e, tm)

	e.requireConfig(credsOf("ci-stack"))
	got := e.requireAccountNames("ci-stack", "old-laptop")
	if !got["ci-stack"].LastValidated.Equal(clock) {
		t.Fatal("ci-stack not validated")
	}
	requireResult(t, e, ActionSwitch, "ci-stack")
}

func TestAccountsFlowForgetAll(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	tm := e.program()
	waitShown(t, tm, "k6 uses my-team-personal")
	send(tm, runes("x"))
	waitShown(t, tm, "What should be removed")
	send(tm, down, down, enter)
	waitShown(t, tm, "Forget all 3 saved accounts?")
	send(tm, down, enter)
	waitShown(t, tm, "Really forget all 3 accounts?")
	send(tm, down, enter)
	waitShown(t, tm, "Forgot 3 saved accounts")
	send(tm, enter)
	waitShown(t, tm, "No account is saved")
	send(tm, runes("q"))
	finalA(t, e, tm)

	e.requireConfig(configstore.Credentials{})
	e.requireAccountNames()
	r := requireResult(t, e, ActionForgetAll, "")
	if r.Removed != 3 || !r.SignedOut {
		t.Fatalf("result %+v", r)
	}
}

// TestAccountsFlowFirstLoginRecorded: with nothing saved anywhere, New opens
// the wizard, and its save records the account.
func TestAccountsFlowFirstLoginRecorded(t *testing.T) {
	e := newAcctEnv(t, withConfig(configSignedOut, 0o600))
	tm := e.program()
	waitShown(t, tm, "This wizard logs k6 in")
	toValidation(tm, "my-team", goodToken)
	waitShown(t, tm, "Token accepted")
	send(tm, enter)
	waitShown(t, tm, "5 projects")
	send(tm, enter)
	waitShown(t, tm, "Ready to save")
	send(tm, enter)
	waitShown(t, tm, "Saved as the account my-team-personal")
	send(tm, enter)
	finalA(t, e, tm)

	want := configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID}
	e.requireConfig(want)
	a := e.requireAccountNames("my-team-personal")["my-team-personal"]
	if a.Credentials() != want || a.TokenMode != configstore.TokenModePersonal || !a.LastValidated.Equal(clock) {
		t.Fatalf("recorded %+v", a)
	}
	r := requireResult(t, e, ActionLogin, "my-team-personal")
	if !r.Saved || r.RecordErr != nil {
		t.Fatalf("result %+v", r)
	}
}

// TestAccountsFlowAddKeepsUnsaved: adding an account from home keeps the
// login only k6's config had as a saved account, and records the new one
// with its project's name.
func TestAccountsFlowAddKeepsUnsaved(t *testing.T) {
	e := newAcctEnv(t, withConfig(configWithLogin, 0o600))
	tm := e.program()
	waitShown(t, tm, "(not saved)")
	send(tm, runes("a"))
	waitShown(t, tm, "Step 1 of 5")
	send(tm, esc) // Esc on the first step goes home
	waitShown(t, tm, "Validate again")
	send(tm, runes("a"))
	waitShown(t, tm, "Step 1 of 5")
	toValidationFromStack(tm, "my-team", ciToken)
	waitShown(t, tm, "Token accepted")
	send(tm, runes("2"))
	waitShown(t, tm, "5 projects")
	send(tm, down, down, enter) // Project 0002
	waitShown(t, tm, "Ready to save")
	send(tm, enter)
	waitShown(t, tm, "Saved as the account my-team-stack")
	send(tm, enter) // home
	waitShown(t, tm, "k6 uses my-team-stack")
	send(tm, runes("q"))
	finalA(t, e, tm)

	want := configstore.Credentials{Token: ciToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID, ProjectID: 102}
	e.requireConfig(want)
	got := e.requireAccountNames("my-team", "my-team-stack")
	if got["my-team"].Credentials() != credsOf("my-team-personal") {
		t.Fatalf("the replaced login was not kept: %+v", got["my-team"])
	}
	if a := got["my-team-stack"]; a.ProjectName != "Project 0002" || a.TokenMode != configstore.TokenModeStack || a.Credentials() != want {
		t.Fatalf("recorded %+v", a)
	}
	requireResult(t, e, ActionLogin, "my-team-stack")
}

func toValidationFromStack(tm *teatest.TestModel, stack, token string) {
	tm.Type(stack)
	send(tm, enter, paste(token), enter)
}

// TestAccountsFlowRecordFailureIsAWarning: a damaged accounts file does not
// stop a login; the saved screen says it was not recorded, and the file is
// left as it was.
func TestAccountsFlowRecordFailureIsAWarning(t *testing.T) {
	const damaged = `{"version":1,"accounts":[{"name":`
	e := newAcctEnv(t, withConfig(configSignedOut, 0o600), withAccountsFile(damaged))
	tm := e.program()
	waitShown(t, tm, "is damaged")
	send(tm, enter) // Add an account
	waitShown(t, tm, "Step 1 of 5")
	toValidationFromStack(tm, "my-team", goodToken)
	waitShown(t, tm, "Token accepted")
	send(tm, enter)
	waitShown(t, tm, "5 projects")
	send(tm, enter)
	waitShown(t, tm, "Ready to save")
	send(tm, enter)
	waitShown(t, tm, "could not be recorded")
	send(tm, runes("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))

	e.requireConfig(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
	if string(e.accountsContent()) != damaged {
		t.Fatalf("damaged accounts file rewritten:\n%s", e.accountsContent())
	}
	r := requireResult(t, e, ActionLogin, "")
	if !r.Saved || r.RecordErr == nil || !configstore.IsAccountsError(r.RecordErr) {
		t.Fatalf("result %+v", r)
	}
	requireNoToken(t, e.m.View())
}

// TestAccountsCtrlCOnEveryScreen leaves from each new screen: the program
// quits and both files are byte for byte what they were.
func TestAccountsCtrlCOnEveryScreen(t *testing.T) {
	screens := []struct {
		name  string
		build func(e *acctEnv)
	}{
		{"home", func(e *acctEnv) {}},
		{"home_help", func(e *acctEnv) { e.send(runes("?")) }},
		{"review", func(e *acctEnv) { e.send(runes("r")) }},
		{"review_validating", func(e *acctEnv) { e.send(runes("r")); e.sendNoRun(runes("v")) }},
		{"review_error", func(e *acctEnv) { e.api.errs = []error{timeoutErr}; e.send(runes("v")) }},
		{"switch", func(e *acctEnv) { e.send(runes("s")) }},
		{"switch_filter", func(e *acctEnv) { e.send(runes("s"), runes("/"), runes("q")) }},
		{"switch_checking", func(e *acctEnv) { e.send(runes("s")); e.sendNoRun(enter) }},
		{"switch_refused", func(e *acctEnv) { e.send(runes("s"), down, down, enter) }},
		{"switch_timeout", func(e *acctEnv) { e.api.errs = []error{timeoutErr}; e.send(runes("s"), enter) }},
		{"reset", func(e *acctEnv) { e.send(runes("x")) }},
		{"confirm_sign_out", func(e *acctEnv) { e.send(runes("x"), enter, down) }},
		{"forget_pick", func(e *acctEnv) { e.send(runes("x"), down, enter) }},
		{"confirm_forget", func(e *acctEnv) { e.send(runes("x"), down, enter, enter, down) }},
		{"confirm_forget_all", func(e *acctEnv) { e.send(runes("x"), down, down, enter, down) }},
		{"confirm_forget_all_sure", func(e *acctEnv) { e.send(runes("x"), down, down, enter, down, enter, down) }},
		{"add", func(e *acctEnv) { e.send(runes("a")); e.typeText("my-team") }},
	}
	for _, s := range screens {
		t.Run(s.name, func(t *testing.T) {
			e := newAcctEnv(t, withConfig(configWithLogin, 0o644), withAccounts(seedAccounts()...))
			e.init()
			s.build(e)
			if e.quit {
				t.Fatal("quit before Ctrl+C")
			}
			e.send(ctrlC)
			if !e.quit {
				t.Fatalf("did not quit at %s", e.m.step)
			}
			e.requireFilesUntouched()
			if info, _ := os.Stat(e.path); info.Mode().Perm() != 0o644 {
				t.Fatal("file mode changed")
			}
			if r := e.m.Result(); r.Action != ActionNone {
				t.Fatalf("result %+v", r)
			}
			e.requireNoTokenSeen()
		})
	}
}

// TestAccountsCtrlCDuringWriteWaits: a sign-out under way is finished, not
// abandoned, and Result says it happened.
func TestAccountsCtrlCDuringWriteWaits(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	e.init()
	e.send(runes("x"), enter, down)
	write := e.sendNoRun(enter)
	if cmd := e.sendNoRun(ctrlC); cmd != nil {
		t.Fatal("Ctrl+C during the write quit at once")
	}
	e.send(runCmd(write)...)
	if !e.quit {
		t.Fatal("did not quit after the write")
	}
	e.requireConfig(configstore.Credentials{})
	requireResult(t, e, ActionSignOut, "my-team-personal")
}

// TestAccountsEscDuringSwitchIgnoresLateReply: a check cancelled with Esc
// writes nothing when its success arrives afterwards.
func TestAccountsEscDuringSwitchIgnoresLateReply(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	e.init()
	e.send(runes("s"))
	pending := e.sendNoRun(enter)
	e.requireStep(stepSwitching)
	e.send(esc)
	e.requireStep(stepSwitch)
	e.send(runCmd(pending)...)
	e.requireStep(stepSwitch)
	e.requireFilesUntouched()
}

// TestAccountsFilterTakesLetters: q, ? and s typed in the switch filter are
// text, not keys; Esc empties the filter, Esc closes it, ? opens the help, Esc closes it, and
// the next Esc goes home.
func TestAccountsFilterTakesLetters(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	e.init()
	e.send(runes("s"), runes("/"))
	e.typeText("q?s")
	if e.quit || e.m.help.ShowAll || e.m.acc.list.filter.Value() != "q?s" {
		t.Fatalf("filter %q, quit %v, help %v", e.m.acc.list.filter.Value(), e.quit, e.m.help.ShowAll)
	}
	if len(e.m.acc.list.shown) != 0 {
		t.Fatalf("%d accounts match q?s", len(e.m.acc.list.shown))
	}
	e.send(esc)
	e.requireStep(stepSwitch)
	if !e.m.acc.list.filtering || e.m.acc.list.filter.Value() != "" || len(e.m.acc.list.shown) != 3 {
		t.Fatal("Esc did not empty the filter field")
	}
	e.send(esc)
	if e.m.acc.list.filtering || e.m.acc.list.term != "" {
		t.Fatal("filter not closed")
	}
	e.send(runes("?"))
	if !e.m.help.ShowAll {
		t.Fatal("? outside the field does not open the help")
	}
	e.send(esc)
	e.requireStep(stepSwitch)
	if e.m.help.ShowAll {
		t.Fatal("Esc does not close the help")
	}
	e.send(esc)
	e.requireStep(stepHome)
	e.requireFilesUntouched()
}

// TestNewOpensWizardWithoutLogins: no token and no account means first-time setup.
func TestNewOpensWizardWithoutLogins(t *testing.T) {
	e := newAcctEnv(t)
	e.init()
	e.requireStep(stepWelcome)
	e.send(enter, esc)
	e.requireStep(stepWelcome) // Esc on the first step goes to the welcome screen, not home
}

// TestReviewShowsWhatK6Uses: the saved account says "stack default" but k6's
// config names project 103; review shows 103, with the name looked up.
func TestReviewShowsWhatK6Uses(t *testing.T) {
	cfg := strings.Replace(configWithLogin, `"defaultProjectID":100`, `"defaultProjectID":100,"projectID":103`, 1)
	e := newAcctEnv(t, withConfig(cfg, 0o600), withAccounts(seedAccounts()...))
	e.init()
	e.send(runes("r"))
	if v := e.m.View(); !strings.Contains(v, "103 (Project 0003)") {
		t.Fatalf("review:\n%s", v)
	}
	e.requireFilesUntouched()
}

// A login only k6's config holds can be kept as an account from home; k6's
// config stays byte for byte as it was, and the menu item goes away.
func TestAccountsFlowKeepUnsaved(t *testing.T) {
	e := newAcctEnv(t, withConfig(configWithLogin, 0o600))
	tm := e.program()
	waitShown(t, tm, "Keep this login")
	send(tm, down, enter)
	waitShown(t, tm, "Saved as the account my-team")
	send(tm, runes("q"))
	finalA(t, e, tm)

	if string(e.fileContent()) != string(e.original) {
		t.Fatalf("k6's config changed:\n%s", e.fileContent())
	}
	if !bytes.Contains(e.accountsContent(), []byte(`"name": "my-team"`)) || !bytes.Contains(e.accountsContent(), []byte(goodToken)) {
		t.Fatalf("the login was not kept:\n%s", e.accountsContent())
	}
	for _, it := range e.m.acc.accts.HomeItems() {
		if it == flow.HomeKeep {
			t.Error("Keep is still offered for a saved login")
		}
	}
	r := requireResult(t, e, ActionKeep, "my-team")
	if !strings.Contains(r.Summary(), "as the account my-team") {
		t.Errorf("Summary = %q", r.Summary())
	}
}

// "/ci" typed faster than the terminal sends keys arrives as one message; it
// still opens the filter with "ci" in it. A paste of "/ci" is only text.
func TestFilterOpensFromABurstOfKeys(t *testing.T) {
	e := newAcctEnv(t, standard()...)
	e.init()
	e.send(runes("s"), runes("/ci"))
	if !e.m.acc.list.filtering || e.m.acc.list.filter.Value() != "ci" || len(e.m.acc.list.shown) != 1 {
		t.Fatalf("filtering %v, filter %q, %d shown", e.m.acc.list.filtering, e.m.acc.list.filter.Value(), len(e.m.acc.list.shown))
	}
	e.send(esc, esc, esc) // empty the field, close it, go home
	e.requireStep(stepHome)
	e.send(runes("s"), paste("/ci"))
	if e.m.acc.list.filtering {
		t.Fatal("a paste opened the filter")
	}
	e.requireFilesUntouched()
}

// TestHomeWithDamagedAccountsOffersNoKeep: keeping the login as an account
// writes the accounts file, which cannot be read: home does not offer it.
func TestHomeWithDamagedAccountsOffersNoKeep(t *testing.T) {
	e := newAcctEnv(t, withConfig(configWithLogin, 0o600), withAccountsFile(`{"version":1,"accounts":[{"name":`))
	e.init()
	e.requireStep(stepHome)
	view := e.m.View()
	if strings.Contains(view, "Keep this login") || !strings.Contains(view, "damaged") {
		t.Fatalf("home with a damaged accounts file:\n%s", view)
	}
	e.send(runes("r"))
	e.requireStep(stepAccount)
}
