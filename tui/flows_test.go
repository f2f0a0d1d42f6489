package tui

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// program runs the wizard in a real Bubble Tea program, with real commands
// against the fake API and a real config file.
func (e *env) program() *teatest.TestModel {
	e.t.Helper()
	return teatest.NewTestModel(e.t, e.m, teatest.WithInitialTermSize(80, 24))
}

// waitFor blocks until text shows in what the program drew since the last wait.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

// final waits for the program to exit and checks the last screen against its golden file.
func final(t *testing.T, e *env, tm *teatest.TestModel) {
	t.Helper()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	if fm.(*Model) != e.m {
		t.Fatal("the program returned another model")
	}
	view := e.m.View()
	requireNoToken(t, view)
	golden.RequireEqual(t, []byte(view))
}

func send(tm *teatest.TestModel, msgs ...tea.Msg) {
	for _, m := range msgs {
		tm.Send(m)
	}
}

// toStackAndToken types the stack and pastes the token, then asks for the check.
// saveFromReview saves on the review screen and leaves the saved screen.
func saveFromReview(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	waitFor(t, tm, "Ready to save")
	send(tm, enter)
	waitFor(t, tm, "Saved to")
	send(tm, enter)
}

// personalDefaultAndSave answers the rest of the wizard after the token was
// accepted: a personal token, the stack's default project, save.
func personalDefaultAndSave(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	send(tm, enter)
	waitFor(t, tm, "5 projects")
	send(tm, enter)
	saveFromReview(t, tm)
}

func toValidation(tm *teatest.TestModel, stack, token string) {
	send(tm, enter)
	tm.Type(stack)
	send(tm, enter, paste(token), enter)
}

func TestFlowPersonalTokenDefaultProject(t *testing.T) {
	e := newEnv(t, withExistingFile(`{"collectors":{"cloud":{"name":"keep me"}},"vus":3}`))
	tm := e.program()
	toValidation(tm, "my-team", goodToken)
	waitFor(t, tm, "Token accepted")
	send(tm, enter) // personal
	waitFor(t, tm, "5 projects")
	send(tm, enter) // the stack's default, preselected
	saveFromReview(t, tm)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
	if r := e.m.Result(); r.TokenMode != TokenPersonal {
		t.Fatalf("token mode %s", r.TokenMode)
	}
	if !bytes.Contains(e.fileContent(), []byte(`"keep me"`)) || !bytes.Contains(e.fileContent(), []byte(`"vus"`)) {
		t.Fatalf("other settings lost:\n%s", e.fileContent())
	}
}

func TestFlowStackTokenPicksProjectFromList(t *testing.T) {
	e := newEnv(t)
	tm := e.program()
	toValidation(tm, "https://My-Team.grafana.net/", goodToken)
	waitFor(t, tm, "Token accepted")
	send(tm, runes("2"))
	waitFor(t, tm, "5 projects") // no "use the default" line for a stack token
	send(tm, down, down, enter)  // the default is preselected; two down is Project 0002
	waitFor(t, tm, "Ready to save")
	send(tm, enter)
	waitFor(t, tm, "Saved to")
	send(tm, runes("q"))
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID, ProjectID: 102})
	if r := e.m.Result(); r.TokenMode != TokenStack {
		t.Fatalf("token mode %s", r.TokenMode)
	}
}

func TestFlowTypedProjectIDAfterA404(t *testing.T) {
	e := newEnv(t)
	tm := e.program()
	toValidation(tm, "my-team", goodToken)
	waitFor(t, tm, "Token accepted")
	send(tm, enter)
	waitFor(t, tm, "5 projects")
	send(tm, runes("i"))
	tm.Type("999")
	send(tm, enter)
	waitFor(t, tm, "There is no project 999 in this stack.")
	send(tm, keyType(tea.KeyCtrlU)) // clear the field
	tm.Type("103")
	send(tm, enter)
	saveFromReview(t, tm)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID, ProjectID: 103})
	calls := e.api.Calls()
	if !slices.Contains(calls, "project 999") || !slices.Contains(calls, "project 103") {
		t.Fatalf("calls %v", calls)
	}
}

func TestFlowRefusedTokenThenCorrected(t *testing.T) {
	e := newEnv(t)
	tm := e.program()
	toValidation(tm, "my-team", otherToken)
	waitFor(t, tm, "Token refused")
	send(tm, enter)
	waitFor(t, tm, "was refused; paste another one")
	send(tm, paste(goodToken), enter)
	waitFor(t, tm, "Token accepted")
	personalDefaultAndSave(t, tm)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
}

func TestFlowNoAccessToStack(t *testing.T) {
	e := newEnv(t)
	tm := e.program()
	toValidation(tm, "other-team", goodToken)
	waitFor(t, tm, "No access to this stack")
	send(tm, enter) // back to the stack step, the token kept
	waitFor(t, tm, "Step 1 of 5")
	send(tm, keyType(tea.KeyCtrlU))
	tm.Type("my-team")
	send(tm, enter, enter) // the token step still holds the token: check it again
	waitFor(t, tm, "Token accepted")
	send(tm, runes("1"))
	waitFor(t, tm, "5 projects")
	send(tm, enter)
	saveFromReview(t, tm)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
	if want := []string{"validate https://other-team.grafana.net", "validate " + stackURL}; !slices.Equal(e.api.Calls()[:2], want) {
		t.Fatalf("calls %v", e.api.Calls())
	}
}

func TestFlowTimeoutThenRetry(t *testing.T) {
	e := newEnv(t)
	e.api.errs = []error{timeoutErr}
	tm := e.program()
	toValidation(tm, "my-team", goodToken)
	waitFor(t, tm, "No reply in time")
	send(tm, runes("r"))
	waitFor(t, tm, "Token accepted")
	personalDefaultAndSave(t, tm)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
}

// TestFlowEscDuringValidation cancels a check, starts another, and lets both
// replies arrive: the first is a refusal that must be ignored.
func TestFlowEscDuringValidation(t *testing.T) {
	e := newEnv(t)
	e.api.gate = make(chan struct{})
	e.api.errs = []error{&authclient.Error{Kind: authclient.KindInvalidToken, Status: 401, Host: "api.k6.io"}}
	tm := e.program()
	toValidation(tm, "my-team", goodToken)
	waitFor(t, tm, "Checking the token")
	send(tm, esc)
	waitFor(t, tm, "Paste an API token")
	send(tm, enter)
	waitFor(t, tm, "Checking the token")
	close(e.api.gate)
	waitFor(t, tm, "Token accepted")
	send(tm, ctrlC)
	final(t, e, tm)
	if e.m.step != stepTokenMode || e.m.login.Err != nil {
		t.Fatalf("step %s, error %v", e.m.step, e.m.login.Err)
	}
	e.requireUntouched()
}

func TestEscDuringValidationIgnoresLateReply(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.send(enter)
	e.typeText("my-team")
	e.send(enter, paste(goodToken))
	pending := e.sendNoRun(enter)
	e.requireStep(stepValidating)
	e.send(esc)
	e.requireStep(stepToken)
	e.send(runCmd(pending)...) // the reply, a success, arrives after Esc
	e.requireStep(stepToken)
	if e.m.login.Auth != (authclient.AuthInfo{}) || slices.Contains(e.api.Calls(), "projects") {
		t.Fatalf("late reply was used: auth %+v, calls %v", e.m.login.Auth, e.api.Calls())
	}
	if e.m.tokenInput.Value() != goodToken {
		t.Fatal("the token field lost what was typed")
	}
}

func TestLateProjectCheckIgnored(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(enter, runes("i"))
	e.typeText("103")
	pending := e.sendNoRun(enter)
	e.send(esc) // cancel the check: the field stays open
	e.send(runCmd(pending)...)
	e.requireStep(stepProject)
	if !e.m.idOpen || e.m.login.Choice.Set {
		t.Fatalf("late check used: open %v, choice %+v", e.m.idOpen, e.m.login.Choice)
	}
}

// TestCtrlCAtEveryStep leaves from each screen: the program quits and the
// file is byte for byte what it was.
func TestCtrlCAtEveryStep(t *testing.T) {
	const existing = `{"collectors":{"cloud":{"token":"glc_old_old_old_old","stackURL":"https://old.grafana.net"}},"x":1}`
	steps := []struct {
		name  string
		build func(e *env)
	}{
		{"welcome", func(e *env) {}},
		{"stack", func(e *env) { e.send(enter); e.typeText("my-team") }},
		{"token", func(e *env) { e.send(enter, enter, paste(goodToken)) }},
		{"validating", func(e *env) { e.send(enter, enter, paste(goodToken)); e.sendNoRun(enter) }},
		{"error", func(e *env) { e.send(enter, enter, paste(otherToken), enter) }},
		{"token_mode", func(e *env) { e.send(enter, enter, paste(goodToken), enter) }},
		{"project", func(e *env) { e.send(enter, enter, paste(goodToken), enter, enter) }},
		{"project_filter", func(e *env) { e.send(enter, enter, paste(goodToken), enter, enter, runes("/"), runes("q")) }},
		{"project_id", func(e *env) { e.send(enter, enter, paste(goodToken), enter, enter, runes("4")) }},
		{"review", func(e *env) { e.send(enter, enter, paste(goodToken), enter, enter, enter) }},
		{"review_save_failed", func(e *env) {
			e.fixed.saveErr = errTest
			e.send(enter, enter, paste(goodToken), enter, enter, enter, enter)
		}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			e := newEnv(t, withExistingFile(existing))
			e.init()
			s.build(e)
			e.send(ctrlC)
			if !e.quit {
				t.Fatalf("did not quit at %s", e.m.step)
			}
			e.requireUntouched()
		})
	}
}

var errTest = &configstore.FileError{Op: "write", Path: shownPath, Err: os.ErrPermission}

// TestCtrlCWhileSavingWaits: a save under way is not abandoned half-way; the
// wizard quits when it is done and says that it saved.
func TestCtrlCWhileSavingWaits(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(enter, enter)
	save := e.sendNoRun(enter)
	if cmd := e.sendNoRun(ctrlC); cmd != nil {
		t.Fatal("Ctrl+C during the save quit at once")
	}
	e.send(runCmd(save)...)
	if !e.quit || !e.m.Result().Saved {
		t.Fatalf("quit %v, result %+v", e.quit, e.m.Result())
	}
}

func TestFlowCtrlCInProgram(t *testing.T) {
	e := newEnv(t)
	tm := e.program()
	toValidation(tm, "my-team", goodToken)
	waitFor(t, tm, "Token accepted")
	send(tm, enter)
	waitFor(t, tm, "5 projects")
	send(tm, runes("/"), runes("q"), runes("?"), ctrlC)
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	e.requireUntouched()
	if got := e.m.projList.filter.Value(); got != "q?" {
		t.Fatalf("filter field got %q: letters were taken as shortcuts", got)
	}
}

// TestLettersGoIntoFields: q, r, ? and / typed in a field are text, not keys.
func TestLettersGoIntoFields(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.send(enter)
	e.typeText("q?r/i1")
	if e.quit || e.m.stackInput.Value() != "q?r/i1" || e.m.help.ShowAll {
		t.Fatalf("stack field %q, quit %v, help %v", e.m.stackInput.Value(), e.quit, e.m.help.ShowAll)
	}
	e.send(keyType(tea.KeyCtrlU))
	e.typeText("my-team")
	e.send(enter)
	e.typeText("q?r/")
	if e.quit || e.m.tokenInput.Value() != "q?r/" {
		t.Fatalf("token field %q, quit %v", e.m.tokenInput.Value(), e.quit)
	}
}

func TestLongPasteKeptWhole(t *testing.T) {
	e := newEnv(t)
	e.init()
	long := strings.Repeat("abcdefghij", 200) // 2,000 characters
	e.api.tokens[long] = true
	var wrapped strings.Builder
	for i := 0; i < len(long); i += 80 {
		wrapped.WriteString(long[i:min(i+80, len(long))] + "\r\n")
	}
	e.send(enter)
	e.typeText("my-team")
	e.send(enter, paste("  \n"+wrapped.String()+"\t "))
	if got := e.m.tokenInput.Value(); got != long {
		t.Fatalf("field holds %d characters, want the 2,000 pasted", len(got))
	}
	view := e.m.View()
	if strings.Contains(view, long[:40]) || strings.Count(view, "•") > 80 {
		t.Fatalf("the field draws too much:\n%s", view)
	}
	if !strings.Contains(view, "2000 characters, ends in …ghij") {
		t.Fatalf("no length shown:\n%s", view)
	}
	e.send(enter)
	e.requireStep(stepTokenMode)
	if e.api.lastToken != long {
		t.Fatalf("API got %d characters", len(e.api.lastToken))
	}
}

// TestTokenNeverShown walks every screen with a recognisable token and reads
// every golden file.
func TestTokenNeverShown(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(runes("?"), runes("?"), runes("2"), runes("?"), down, enter, esc, enter, enter)
	e.requireStep(stepSaved)
	for _, v := range e.views {
		requireNoToken(t, v)
	}
	files, err := filepathGlob("testdata")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, f := range files {
		requireNoToken(t, readFile(t, f))
	}
}

func TestBackKeepsWhatWasTyped(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.toTokenMode(goodToken)
	e.send(runes("2"), down, enter) // review with project 101
	e.send(esc)
	e.requireStep(stepProject)
	if it, _ := e.m.selectedProject(); it.ID != 101 {
		t.Fatalf("selection lost: %+v", it)
	}
	e.send(esc)
	e.requireStep(stepTokenMode)
	if e.m.modeCursor != 1 {
		t.Fatal("token type lost")
	}
	e.send(esc)
	e.requireStep(stepToken)
	e.send(esc)
	e.requireStep(stepStack)
	if e.m.stackInput.Value() != "my-team" || e.m.tokenInput.Value() != goodToken {
		t.Fatal("typed values lost")
	}
	e.send(esc)
	e.requireStep(stepWelcome)
}

// The field runs no clipboard tool: Ctrl+V arriving as a key means the
// terminal did not paste, and the screen says how to.
func TestCtrlVExplainsHowToPaste(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.send(enter)
	e.typeText("my-team")
	e.send(enter)
	e.requireStep(stepToken)
	e.send(keyType(tea.KeyCtrlV))
	if v := e.m.View(); !strings.Contains(v, "Ctrl+Shift+V") || e.m.tokenInput.Value() != "" {
		t.Fatalf("after Ctrl+V, value %q, screen:\n%s", e.m.tokenInput.Value(), v)
	}
	e.send(paste(goodToken))
	if v := e.m.View(); strings.Contains(v, "Ctrl+Shift+V") || e.m.tokenInput.Value() != goodToken {
		t.Fatalf("the paste did not replace the hint: value %q, screen:\n%s", e.m.tokenInput.Value(), v)
	}
}

// TestProjectLoadSecondFailureShown: after a first project-load failure, going
// back and checking the token again fails differently; the project step says
// the second failure, not the first.
func TestProjectLoadSecondFailureShown(t *testing.T) {
	e := newEnv(t)
	e.init()
	e.api.projectsErr = &authclient.Error{Kind: authclient.KindServer, Status: 500, Host: "api.k6.io", Attempts: 3}
	e.toTokenMode(goodToken)
	e.send(enter)
	e.requireStep(stepProject)
	if v := e.m.View(); !strings.Contains(v, "server error") {
		t.Fatalf("first failure not shown:\n%s", v)
	}
	e.send(esc, esc) // token type, token
	e.requireStep(stepToken)
	e.api.projectsErr = timeoutErr
	e.send(enter, enter)
	e.requireStep(stepProject)
	v := e.m.View()
	if strings.Contains(v, "server error") || !strings.Contains(v, "did not reply") {
		t.Fatalf("the screen does not show the second failure:\n%s", v)
	}
}

// TestTokenInStackField: a token pasted into the stack field is masked at once
// (k6login's token prefix, a legacy hex token, a long base64 one), nothing on
// screen quotes it, Enter sends nothing, and Ctrl+T makes it the token, which
// is then checked and saved.
func TestTokenInStackField(t *testing.T) {
	for _, tok := range []string{goodToken, strings.Repeat("0123456789abcdef", 4), "AbCdEfGh0123456789+/ijklmnopQRSTUVwxyz=="} {
		if !flow.LooksLikeToken(tok) {
			t.Errorf("%q is not taken for a token", tok)
		}
	}
	for _, stack := range []string{"my-team", "https://my-team.grafana.net", "a-very-long-stack-name-that-goes-on-and-on-2024", "localhost:8080"} {
		if flow.LooksLikeToken(stack) {
			t.Errorf("the stack %q is taken for a token", stack)
		}
	}

	e := newEnv(t)
	e.init()
	e.send(enter, paste(goodToken))
	e.requireStep(stepStack)
	e.send(enter)
	e.requireStep(stepStack)
	if len(e.api.Calls()) != 0 {
		t.Fatalf("requests sent: %v", e.api.Calls())
	}
	for _, v := range e.views {
		if strings.Contains(v, "glc_") || strings.Contains(v, "tail1234") {
			t.Fatalf("the token shows:\n%s", v)
		}
	}
	e.send(keyType(tea.KeyCtrlT))
	if e.m.stackInput.Value() != "" || e.m.tokenInput.Value() != goodToken {
		t.Fatalf("stack %q, token field %d characters", e.m.stackInput.Value(), len(e.m.tokenInput.Value()))
	}
	e.typeText("my-team")
	e.send(enter)
	e.requireStep(stepToken)
	e.send(enter) // the token moved from the stack field
	e.requireStep(stepTokenMode)
	e.send(enter, enter, enter)
	e.requireSaved(configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID})
}
