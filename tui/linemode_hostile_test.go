package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient"
)

// hostile is outside text that would act on a terminal printed raw: a title
// change, a screen clear, an OSC 8 link, an OSC 52 clipboard write, a bidi
// override and a bell.
const hostile = "\x1b]0;owned\a\x1b[2J\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\\x1b]52;c;ZXZpbA==\a\u202Eevil"

// requireInert fails when out holds anything that acts on a terminal.
func requireInert(t *testing.T, out string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\a", "\u202E", "\r"} {
		if strings.Contains(out, bad) {
			t.Fatalf("%q reached the line mode's output:\n%q", bad, out)
		}
	}
}

// TestLineModeHostileProjectNames: names from the API are shown made safe, and
// saved as they are.
func TestLineModeHostileProjectNames(t *testing.T) {
	e := newEnv(t)
	e.api.projects[1].Name = "Load " + hostile
	res, out, err := runAccessible(t, e, "my-team\n2\n2\n\n", goodToken)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	requireInert(t, out)
	if !strings.Contains(out, "Load ␛]0;owned") {
		t.Fatalf("the name is not shown made visible:\n%s", out)
	}
	if res.ProjectName != "Load "+hostile || res.Credentials.ProjectID != 101 {
		t.Fatalf("result %+v", res)
	}
}

// TestLineModeHostileFiles: what accounts.json and k6's config hold is shown
// made safe on every screen of the menu.
func TestLineModeHostileFiles(t *testing.T) {
	q := jsonQuote
	accounts := `{"version":1,"accounts":[` +
		`{"name":"a","token":"` + goodToken + `","stackURL":` + q(stackURL+hostile) + `,"stackID":4321,"defaultProjectID":100,"projectID":102,"projectName":` + q(hostile) + `,"tokenMode":` + q("personal"+hostile) + `},` +
		`{"name":"b","token":"` + ciToken + `","stackURL":` + q(stackURL) + `,"stackID":4321,"defaultProjectID":100,"tokenMode":"stack"}]}`
	config := `{"collectors":{"cloud":{"token":"` + goodToken + `","stackID":4321,"stackURL":` + q(stackURL+hostile) + `,"defaultProjectID":100,"projectID":102}},"vus":3}`
	e := newAcctEnv(t, withConfig(config, 0o600), withAccountsFile(accounts))
	// review, switch (list, then back), reset (list, forget one: list, pick a, no), quit
	_, out, _, err := runMenu(t, e, []string{"1", "2", "3", "5", "2", "1", "n", "3", "4", "7"})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	requireInert(t, out)
	requireLines(t, out, "Stack URL: https://my-team.grafana.net␛]0;owned", "Project: 102 (␛]0;owned")
	e.requireFilesUntouched()
}

func jsonQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString("\\" + string(r))
		case r < 0x20:
			b.WriteString("\\u00" + "0123456789abcdef"[r>>4:r>>4+1] + "0123456789abcdef"[r&15:r&15+1])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// TestLineModeHostileServerMessage: a refusal's message is shown made safe.
func TestLineModeHostileServerMessage(t *testing.T) {
	e := newEnv(t)
	e.api.errs = []error{&authclient.Error{Kind: authclient.KindUnexpectedReply, Status: 418, ServerMessage: hostile, Host: "api.k6.io"}}
	_, out, _ := runAccessible(t, e, "my-team\n", goodToken)
	requireInert(t, out)
}

// TestLineModeDemoAndEndpoint: demo mode says DEMO at every question, and an
// API address that is not the default is named, with where it was set,
// before the token is asked for.
func TestLineModeDemoAndEndpoint(t *testing.T) {
	e := newEnv(t)
	deps := Deps{API: e.api, Store: e.fixed, Demo: true,
		Endpoint: authclient.Endpoint{BaseURL: "https://proxy.example", BaseURLSource: authclient.SourceEnvHostV6}}
	var b strings.Builder
	res, err := RunAccessible(context.Background(), deps, strings.NewReader("my-team\n\n\n\n"), &b, secrets(goodToken))
	out := b.String()
	if err != nil || !res.Saved {
		t.Fatalf("res %+v err %v\n%s", res, err, out)
	}
	note := strings.Index(out, "The k6 API address is https://proxy.example (set by the environment variable K6_CLOUD_HOST_V6)")
	if note < 0 || note > strings.Index(out, "Token (typing is hidden)") {
		t.Fatalf("the address is not named before the token is asked for:\n%s", out)
	}
	questions := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "? [") || strings.Contains(line, "]: ") || strings.Contains(line, "hidden): ") || strings.Contains(line, "my-team: ") {
			questions++
			if !strings.HasPrefix(line, "DEMO: ") {
				t.Errorf("a question without DEMO: %q", line)
			}
		}
	}
	if questions < 5 {
		t.Fatalf("%d questions found:\n%s", questions, out)
	}
	// The menu says it too.
	a := newAcctEnv(t, standard()...)
	mdeps := a.m.deps
	mdeps.Demo, mdeps.Endpoint = true, deps.Endpoint
	b.Reset()
	if _, err := RunAccessible(context.Background(), mdeps, strings.NewReader("7\n"), &b, nil); err != nil {
		t.Fatal(err)
	}
	requireLines(t, b.String(), "DEMO: "+"nothing real is touched", "The k6 API address is https://proxy.example", "DEMO: What next?")
}

// TestLineModeTokenInStackQuestion: a token typed as the stack is neither
// repeated nor sent; it can be kept as the token, asked for after the stack.
func TestLineModeTokenInStackQuestion(t *testing.T) {
	for _, tc := range []struct {
		name, input string
		secrets     []string
	}{
		{"kept", goodToken + "\ny\nmy-team\n\n\n\n", []string{""}},
		{"not_kept", goodToken + "\n\nmy-team\n\n\n\n", []string{goodToken}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			res, out, err := runAccessible(t, e, tc.input, tc.secrets...)
			if err != nil || !res.Saved || res.Credentials.Token != goodToken {
				t.Fatalf("res %+v err %v\n%s", res, err, out)
			}
			requireLines(t, out, "This looks like an API token, not a stack, so it is not repeated.\nUse it as the token? [y/N]: ")
			if tc.name == "kept" {
				requireLines(t, out, "Kept as the token: 48 characters, ends in …1234. Now the stack.", "empty keeps the one ending in …1234")
			}
			if calls := e.api.Calls(); len(calls) == 0 || calls[0] != "validate "+stackURL {
				t.Fatalf("requests %v", calls)
			}
		})
	}
}
