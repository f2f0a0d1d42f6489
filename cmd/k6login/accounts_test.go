package main

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
)

// Two logins, then switching between them, as a user with two stacks would.
func TestAccountsSwitchRemove(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)

	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("first login: %s", e)
	}
	if code, _, e := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != 0 {
		t.Fatalf("second login: %s", e)
	}
	// The credentials k6 v1.8.1 had in the file were kept as an account too.
	code, out, errOut := h.run("", "accounts")
	if code != 0 {
		t.Fatalf("accounts: %s", errOut)
	}
	for _, want := range []string{"* my-team-stack", "  other-personal", "  old", "502 checkout", "default (900)"} {
		if !strings.Contains(out, want) {
			t.Errorf("accounts lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, personalToken) || strings.Contains(out, stackToken) {
		t.Errorf("accounts shows a token:\n%s", out)
	}

	var views []accountView
	_, out, _ = h.run("", "accounts", "--json")
	if err := json.Unmarshal([]byte(out), &views); err != nil || len(views) != 3 {
		t.Fatalf("accounts --json: %v\n%s", err, out)
	}

	api.ResetCounts()
	code, out, errOut = h.run("", "switch", "other-personal")
	if code != 0 || !strings.Contains(out, "k6 now uses other-personal") {
		t.Fatalf("switch: %d %s %s", code, out, errOut)
	}
	if api.RequestsTo("/cloud/v6/auth") != 1 {
		t.Errorf("switch sent %d validations, want 1", api.RequestsTo("/cloud/v6/auth"))
	}
	saved := h.readConfig()
	cloud := cloudKeys(t, saved)
	if jsonText(cloud["token"]) != personalToken || jsonText(cloud["stackID"]) != "42" || cloud["projectID"] != nil {
		t.Errorf("after switch collectors.cloud = %v", cloud)
	}
	if withoutLoginKeys(t, saved) != withoutLoginKeys(t, k6File) {
		t.Errorf("switch changed other keys:\n%s", saved)
	}

	// Unknown name: exit 2, names listed, nothing written.
	code, _, errOut = h.run("", "switch", "nope")
	if code != exitInput || !strings.Contains(errOut, "other-personal") || h.readConfig() != saved {
		t.Errorf("switch nope: %d %s", code, errOut)
	}

	// Removing the active account signs k6 out of it.
	code, out, _ = h.run("", "remove", "other-personal")
	if code != 0 || !strings.Contains(out, "removed from") || !strings.Contains(out, "k6login switch") {
		t.Errorf("remove: %d %s", code, out)
	}
	cloud = cloudKeys(t, h.readConfig())
	if _, ok := cloud["token"]; ok {
		t.Error("the token of a forgotten active account is still in k6's config")
	}
	_, out, _ = h.run("", "accounts")
	if strings.Contains(out, "other-personal") || strings.Contains(out, "\n* ") {
		t.Errorf("after remove:\n%s", out)
	}
}

func TestSwitchRefusedTokenNeedsForce(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := h.run(personalToken, "--stack", "my-team", "--token-stdin"); code != 0 {
		t.Fatal(e)
	}
	before := h.readConfig()
	api.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(401)
		w.Write([]byte(`{"error":{"code":"error","message":"Invalid token"}}`))
		return true
	})
	code, out, errOut := h.run("", "switch", "other-personal")
	if code != exitAuthRefused || !strings.Contains(errOut, "was not switched") || !strings.Contains(errOut, "--force") {
		t.Errorf("refused switch: %d %s %s", code, out, errOut)
	}
	if h.readConfig() != before {
		t.Error("a refused switch changed k6's config")
	}
	code, out, errOut = h.run("", "switch", "--force", "other-personal")
	if code != 0 || !strings.Contains(errOut, "switching anyway") || !strings.Contains(out, "not validated") {
		t.Errorf("forced switch: %d %s %s", code, out, errOut)
	}
	if jsonText(cloudKeys(t, h.readConfig())["stackURL"]) != otherURL {
		t.Error("forced switch did not write the account")
	}
}

func TestResetKeepsAccountAndDamagedStoreStillResets(t *testing.T) {
	h := newHarness(t, "")
	h.writeConfig(k6File)
	code, out, _ := h.run("", "--reset")
	if code != 0 || !strings.Contains(out, "stay saved as the account old") {
		t.Errorf("reset: %d %s", code, out)
	}
	_, out, _ = h.run("", "accounts")
	if !strings.Contains(out, "  old") || strings.Contains(out, "\n* ") || !strings.Contains(out, "k6 is signed out") {
		t.Errorf("after reset, accounts:\n%s", out)
	}

	// A damaged accounts file is never overwritten, and --reset still does what k6's does.
	h.writeConfig(k6File)
	damaged := "{not json"
	if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], []byte(damaged), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := h.run("", "--reset")
	if code != 0 || !strings.Contains(errOut, "could not be kept") {
		t.Errorf("reset with damaged store: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"]); string(b) != damaged {
		t.Error("the damaged accounts file was overwritten")
	}
	code, _, errOut = h.run("", "accounts")
	if code != exitError || !strings.Contains(errOut, h.env["K6LOGIN_ACCOUNTS"]) {
		t.Errorf("accounts with damaged store: %d %s", code, errOut)
	}
}

func TestSubcommandArgs(t *testing.T) {
	h := newHarness(t, "")
	for _, args := range [][]string{{"switch"}, {"switch", "a", "b"}, {"remove"}, {"accounts", "x"}} {
		code, _, errOut := h.run("", args...)
		if code != exitInput {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
}

func TestCompletionListsAccountNames(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatal(e)
	}
	code, out, errOut := h.run("", "__complete", "switch", "oth")
	if code != 0 || !strings.Contains(out, "other-personal\thttps://other.grafana.net") {
		t.Errorf("completion: %d %q %s", code, out, errOut)
	}
	code, out, _ = h.run("", "completion", "bash")
	if code != 0 || !strings.Contains(out, "bash completion") {
		t.Errorf("completion bash: %d %.100s", code, out)
	}
}

func TestAccountsKeep(t *testing.T) {
	h := newHarness(t, "")
	h.writeConfig(k6File)
	code, out, errOut := h.run("", "accounts", "--keep")
	if code != 0 || !strings.Contains(errOut, "as the account old") || !strings.Contains(out, "* old") || strings.Contains(out, "not saved") {
		t.Fatalf("accounts --keep: %d\n%s%s", code, out, errOut)
	}
	if h.readConfig() != k6File {
		t.Error("keeping changed k6's config")
	}
	_, _, errOut = h.run("", "accounts", "--keep")
	if !strings.Contains(errOut, "already saved as old") {
		t.Errorf("second --keep: %s", errOut)
	}
}
