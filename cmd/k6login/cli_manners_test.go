package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// jsonFailureOf decodes the --json failure object, failing unless stdout is
// exactly one.
func jsonFailureOf(t *testing.T, out string) jsonFailureDetail {
	t.Helper()
	var f map[string]jsonFailureDetail
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("stdout is not a JSON error object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON value:\n%s", out)
	}
	e, ok := f["error"]
	if !ok || e.Code == "" || e.Message == "" || len(f) != 1 {
		t.Fatalf("not {\"error\":{\"code\",\"message\"}}:\n%s", out)
	}
	return e
}

// loggedIn saves a login as the account "my-team-personal" and returns the harness.
func loggedIn(t *testing.T) (*harness, func()) {
	api := testAPI()
	base, stop := api.Start()
	h := newHarness(t, base)
	if code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin"); code != exitOK {
		stop()
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	return h, stop
}

// Item 9: a token given where an account name goes is never repeated, in any
// shape, and neither is any name that no account has.
func TestSwitchAndRemoveNeverRepeatAnUnknownName(t *testing.T) {
	h, stop := loggedIn(t)
	defer stop()
	for _, name := range []string{
		"glc_eyJvIjoiMTIzNDU2IiwibiI6InRva2VuIiwiayI6IngifQ==",
		"glsa_AbCdEf0123456789_deadbeef",
		"0123456789abcdef0123456789abcdef",
		"c2VjcmV0LXRva2VuLXdpdGhvdXQtcHJlZml4",
		"typo-of-a-name",
	} {
		for _, cmd := range []string{"switch", "remove"} {
			for _, json := range []bool{false, true} {
				args := []string{cmd, name}
				if json {
					args = append(args, "--json")
				}
				code, out, errOut := h.run("", args...)
				if code != exitInput {
					t.Errorf("%v: exit %d, want %d", args, code, exitInput)
				}
				if strings.Contains(out+errOut, name) || strings.Contains(out+errOut, name[:8]) {
					t.Errorf("%v repeated the name:\n%s%s", args, out, errOut)
				}
				if !strings.Contains(errOut, "no saved account has that name") || !strings.Contains(errOut, "my-team-personal") {
					t.Errorf("%v: the message does not say what to do:\n%s", args, errOut)
				}
				if json {
					if e := jsonFailureOf(t, out); e.Code != "no-such-account" {
						t.Errorf("%v: code %q", args, e.Code)
					}
				}
			}
		}
	}
}

// failingWriter refuses every write, as a closed pipe or a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// Item 11: when the report cannot be written after a successful save, the
// exit status and the message say so, not that the config was not written.
func TestJSONReportThatCannotBeWrittenAfterASave(t *testing.T) {
	h, stop := loggedIn(t)
	defer stop()
	h.stdout = failingWriter{}
	code, _, errOut := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502", "--json")
	if code != exitReport {
		t.Errorf("exit %d, want %d: %s", code, exitReport, errOut)
	}
	if !strings.Contains(errOut, "k6 is logged in") || !strings.Contains(errOut, "report could not be written") {
		t.Errorf("the message does not say the login was saved and the report was not written:\n%s", errOut)
	}
	if c := cloudKeys(t, h.readConfig()); c["token"] != stackToken {
		t.Errorf("the login was not saved: %v", c)
	}
	code, _, errOut = h.run("", "switch", "my-team-personal", "--json")
	if code != exitReport || !strings.Contains(errOut, "k6 now uses my-team-personal") {
		t.Errorf("switch: exit %d: %s", code, errOut)
	}
	code, _, errOut = h.run("", "--reset", "--json")
	if code != exitReport || !strings.Contains(errOut, "were removed") {
		t.Errorf("--reset: exit %d: %s", code, errOut)
	}
}

// Issue 12: remove asks on a terminal; --yes skips; without a terminal it
// never asks; "no" (or the end of input) cancels with exit 130.
func TestRemoveAsksOnATerminal(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		stdin    string
		args     []string
		code     int
		asked    bool
	}{
		{"no", true, "n\n", nil, exitInterrupted, true},
		{"empty answer", true, "\n", nil, exitInterrupted, true},
		{"end of input", true, "", nil, exitInterrupted, true},
		{"yes", true, "y\n", nil, exitOK, true},
		{"--yes", true, "", []string{"--yes"}, exitOK, false},
		{"no terminal", false, "", nil, exitOK, false},
		{"json on a terminal, no", true, "no\n", []string{"--json"}, exitInterrupted, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, stop := loggedIn(t)
			defer stop()
			before := h.readConfig()
			h.terminal = tc.terminal
			code, out, errOut := h.run(tc.stdin, append([]string{"remove", "my-team-personal"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			if asked := strings.Contains(errOut, "Forget the account my-team-personal"); asked != tc.asked {
				t.Errorf("asked %v, want %v: %s", asked, tc.asked, errOut)
			}
			h.terminal = false
			_, list, _ := h.run("", "accounts")
			kept := strings.Contains(list, "my-team-personal")
			if tc.code == exitInterrupted {
				if !strings.Contains(errOut, "Cancelled; nothing was changed.") || strings.Contains(errOut, "Error") {
					t.Errorf("a cancel does not say so plainly: %s", errOut)
				}
				if !kept || h.readConfig() != before {
					t.Error("a cancelled remove changed something")
				}
				if strings.Contains(strings.Join(tc.args, " "), "--json") {
					if e := jsonFailureOf(t, out); e.Code != "cancelled" {
						t.Errorf("code %q", e.Code)
					}
				}
			} else if kept {
				t.Errorf("the account is still there:\n%s", list)
			}
		})
	}
}

// Issue 12: a cancel prints "Cancelled; nothing was changed." and exits 130,
// never "Error: cancelled".
func TestCancellingSaysNothingWasChanged(t *testing.T) {
	h := newHarness(t, "http://127.0.0.1:9")
	h.terminal = true
	h.wizard = func() error { return errCancelled }
	code, _, errOut := h.run("")
	if code != exitInterrupted || strings.TrimSpace(errOut) != "Cancelled; nothing was changed." {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&signalCause{sig: 15})
	h.wizard = func() error { return context.Cause(ctx) }
	code, _, errOut = h.runCtx(ctx, "")
	if code != exitTerminated || !strings.Contains(errOut, "Cancelled; nothing was changed.") || strings.Contains(errOut, "Error") {
		t.Errorf("SIGTERM: exit %d, stderr %q", code, errOut)
	}
}

// Issue 12: every --json command prints one JSON error object on stdout when
// it fails, with a documented code, and the usual message on stderr.
func TestEveryJSONCommandFailsInJSON(t *testing.T) {
	h, stop := loggedIn(t)
	defer stop()
	for _, tc := range []struct {
		name  string
		setup func()
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"refused token", nil, "glc_not_a_known_token_at_all", []string{"--stack", "my-team", "--token-stdin", "--json"}, exitAuthRefused, "invalid-token"},
		{"no access to stack", nil, stackToken, []string{"--stack", "other", "--token-stdin", "--stack-token", "--project-id", "1", "--json"}, exitAuthRefused, "stack-access"},
		{"bad stack", nil, personalToken, []string{"--stack", "no spaces", "--token-stdin", "--json"}, exitInput, "invalid-input"},
		{"bad flag", nil, "", []string{"--show", "--json", "--nope"}, exitInput, "invalid-input"},
		{"login flags with --show", nil, "", []string{"--show", "--json", "--stack", "x"}, exitInput, "invalid-input"},
		{"plain http elsewhere", func() { h.env["K6_CLOUD_HOST_V6"] = "http://api.example.com" }, personalToken,
			[]string{"--stack", "my-team", "--token-stdin", "--json"}, exitInput, "invalid-setting"},
		{"damaged config", func() { h.writeConfig("{not json") }, "", []string{"--show", "--json"}, exitError, "config-invalid"},
		{"reset of damaged config", nil, "", []string{"--reset", "--json"}, exitError, "config-invalid"},
		{"switch to nobody", nil, "", []string{"switch", "nobody", "--json"}, exitInput, "no-such-account"},
		{"accounts with a damaged file", func() { h.writeConfig("{}"); writeFile(t, h.env["K6LOGIN_ACCOUNTS"], "[") }, "",
			[]string{"accounts", "--json"}, exitError, "accounts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup()
			}
			code, out, errOut := h.run(tc.stdin, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, errOut)
			}
			e := jsonFailureOf(t, out)
			if e.Code != tc.want {
				t.Errorf("code %q, want %q (%s)", e.Code, tc.want, e.Message)
			}
			if !strings.Contains(errOut, e.Message) {
				t.Errorf("stderr does not carry the same message:\n%s", errOut)
			}
			if !strings.Contains(jsonErrorCodes, e.Code) {
				t.Errorf("code %q is not documented", e.Code)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Issue 12: switch without a name, with --accessible on a terminal, lists the
// accounts and asks; without a terminal it still wants the name.
func TestSwitchWithoutANameAsksOnATerminal(t *testing.T) {
	h, stop := loggedIn(t)
	defer stop()
	if code, _, errOut := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != exitOK {
		t.Fatalf("second login: %s", errOut)
	}
	if code, _, errOut := h.run("", "switch"); code != exitInput || !strings.Contains(errOut, "takes one account name") {
		t.Errorf("no terminal: exit %d: %s", code, errOut)
	}
	h.terminal = true
	for _, tc := range []struct {
		answer string
		code   int
		active string
	}{
		{"\n", exitInterrupted, "my-team-stack"},
		{"", exitInterrupted, "my-team-stack"},
		{"9\n", exitInput, "my-team-stack"},
		{"my-team-personal\n", exitOK, "my-team-personal"},
		{"nobody\n", exitInput, "my-team-personal"},
	} {
		code, _, errOut := h.run(tc.answer, "switch", "--accessible")
		if code != tc.code || !strings.Contains(errOut, "Switch to which account?") || !strings.Contains(errOut, "2. my-team-stack") {
			t.Errorf("answer %q: exit %d, want %d:\n%s", tc.answer, code, tc.code, errOut)
		}
		if tc.code == exitInterrupted && !strings.Contains(errOut, "Cancelled; nothing was changed.") {
			t.Errorf("answer %q: %s", tc.answer, errOut)
		}
		_, list, _ := h.run("", "accounts")
		if !strings.Contains(list, "* "+tc.active) {
			t.Errorf("answer %q: want %s active:\n%s", tc.answer, tc.active, list)
		}
	}
	// By number: the list is sorted by name, so 2 is my-team-stack.
	h.env["TERM"] = "dumb"
	if code, out, errOut := h.run("2\n", "switch"); code != exitOK || !strings.Contains(out, "k6 now uses my-team-stack") {
		t.Errorf("by number, TERM=dumb: exit %d: %s%s", code, out, errOut)
	}
}

// Issue 12: switch without a name on a terminal opens the switch picker of
// the screens; Esc or q there changes nothing and is a cancel (exit 130).
func TestSwitchWithoutANameOpensThePicker(t *testing.T) {
	h, stop := loggedIn(t)
	defer stop()
	if code, _, errOut := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != exitOK {
		t.Fatalf("second login: %s", errOut)
	}
	before := h.readConfig()
	h.terminal = true
	for _, quit := range []tea.KeyMsg{{Type: tea.KeyEsc}, {Type: tea.KeyRunes, Runes: []rune("q")}} {
		h.screen = func(tm *teatest.TestModel) {
			waitOn(t, tm, "2 accounts")
			tm.Send(quit)
		}
		code, out, errOut := h.run("", "switch")
		if code != exitInterrupted || out != "" || !strings.Contains(errOut, "Cancelled; nothing was changed.") {
			t.Errorf("%s: exit %d: %s%s", quit, code, out, errOut)
		}
		if h.readConfig() != before {
			t.Errorf("%s changed k6's config", quit)
		}
	}
	// The cursor starts on the first account not in use: my-team-personal.
	h.screen = func(tm *teatest.TestModel) {
		waitOn(t, tm, "2 accounts")
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	}
	code, out, errOut := h.run("", "switch")
	if code != exitOK || out != "k6 now uses my-team-personal: https://my-team.grafana.net (stack 6000000001), project the stack's default project (501).\n" {
		t.Errorf("switch: exit %d: %q %s", code, out, errOut)
	}
	if cloudKeys(t, h.readConfig())["token"] != personalToken {
		t.Errorf("k6's config was not switched:\n%s", h.readConfig())
	}
	h.screen = func(tm *teatest.TestModel) {
		waitOn(t, tm, "2 accounts")
		tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	}
	code, out, _ = h.run("", "switch", "--json")
	var r switchReport
	if code != exitOK || json.Unmarshal([]byte(out), &r) != nil || r.Name != "my-team-stack" || !r.Validated || r.ProjectID != 502 {
		t.Errorf("switch --json: exit %d: %s", code, out)
	}
}

// waitOn waits for text on a teatest screen.
func waitOn(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}
