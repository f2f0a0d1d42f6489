package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/k6login/k6login/configstore"
)

func keyringHarness(t *testing.T, base string) *harness {
	h := newHarness(t, base)
	h.secrets = func() configstore.SecretStore { return configstore.NewKeyring(0) }
	return h
}

// accountsFileTokens reads the saved-accounts file: each account's token (if
// the file holds it) and keyring reference.
func accountsFileTokens(t *testing.T, h *harness) (tokens, refs map[string]string) {
	t.Helper()
	var f struct {
		Accounts []struct{ Name, Token, TokenRef string }
	}
	data, err := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	tokens, refs = map[string]string{}, map[string]string{}
	for _, a := range f.Accounts {
		tokens[a.Name], refs[a.Name] = a.Token, a.TokenRef
	}
	return tokens, refs
}

// Every command with the tokens of saved accounts in the keyring (go-keyring's
// mock here; the real Secret Service in configstore's TestRealKeyring).
func TestCommandsWithTokensInKeyring(t *testing.T) {
	keyring.MockInit()
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := keyringHarness(t, base)
	h.writeConfig(k6File)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("first login: %s", e)
	}
	code, _, errOut := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502")
	if code != 0 || strings.Contains(errOut, "Note: tokens") {
		t.Fatalf("second login: %d %s", code, errOut)
	}
	tokens, refs := accountsFileTokens(t, h)
	if len(refs) != 3 || refs["old"] == "" || refs["other-personal"] == "" || refs["my-team-stack"] == "" {
		t.Fatalf("references: %v", refs)
	}
	for name, tok := range tokens {
		if tok != "" {
			t.Errorf("the accounts file holds the token of %s", name)
		}
	}
	if got, _ := keyring.Get(configstore.KeyringService, refs["other-personal"]); got != personalToken {
		t.Errorf("keyring entry of other-personal = %q", got)
	}
	// k6 reads the active token from its own config: it stays there.
	if tok := jsonText(cloudKeys(t, h.readConfig())["token"]); tok != stackToken {
		t.Errorf("k6's config token = %q", tok)
	}

	_, out, _ := h.run("", "accounts", "--json")
	var views []accountView
	if err := json.Unmarshal([]byte(out), &views); err != nil || len(views) != 3 {
		t.Fatalf("accounts --json: %v\n%s", err, out)
	}
	for _, v := range views {
		if v.TokenStorage != "keyring" || !strings.HasPrefix(v.Token, "glc_****") && v.Name != "old" {
			t.Errorf("%s: token %q storage %q", v.Name, v.Token, v.TokenStorage)
		}
	}
	if code, out, e := h.run("", "status"); code != 0 || strings.Count(out, "valid: stack") != 2 {
		t.Errorf("status: %d\n%s%s", code, out, e)
	}
	h.env[childVar] = "env"
	if _, out, _ := h.run("", append([]string{"exec", "other-personal", "--"}, selfCommand()...)...); childOutput(out)[envToken] != personalToken {
		t.Errorf("exec from the keyring:\n%s", out)
	}
	if _, out, _ := h.run("", "env", "other-personal"); !strings.Contains(out, personalToken) {
		t.Errorf("env from the keyring:\n%s", out)
	}
	if code, _, e := h.run("", "switch", "other-personal"); code != 0 {
		t.Fatalf("switch: %s", e)
	}
	if tok := jsonText(cloudKeys(t, h.readConfig())["token"]); tok != personalToken {
		t.Errorf("after switch k6's config token = %q", tok)
	}

	// remove deletes the keyring entry; forget all (reset of everything) too.
	if code, _, e := h.run("", "remove", "my-team-stack"); code != 0 {
		t.Fatalf("remove: %s", e)
	}
	if _, err := keyring.Get(configstore.KeyringService, refs["my-team-stack"]); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("my-team-stack's entry after remove: %v", err)
	}

	// --insecure-storage: this login's token goes to the file on purpose.
	if code, _, e := h.run(stackToken, "--insecure-storage", "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != 0 || strings.Contains(e, "Note: tokens") {
		t.Fatalf("insecure login: %d %s", code, e)
	}
	tokens, refs = accountsFileTokens(t, h)
	if tokens["my-team-stack"] != stackToken || refs["my-team-stack"] != "" || refs["other-personal"] == "" {
		t.Errorf("after --insecure-storage: tokens in file %v, refs %v", len(tokens), refs)
	}
}

// No keyring answers: one notice, tokens in the file; accounts whose tokens
// are in the keyring are listed, and the commands that need them say why not.
func TestCommandsWithoutKeyring(t *testing.T) {
	keyring.MockInit()
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := keyringHarness(t, base)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("login: %s", e)
	}
	keyring.MockInitWithError(errors.New("Cannot autolaunch D-Bus without X11 $DISPLAY"))
	code, _, errOut := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502")
	if code != 0 || strings.Count(errOut, "Note: tokens") != 1 || !strings.Contains(errOut, "X11 $DISPLAY") || !strings.Contains(errOut, "--insecure-storage") {
		t.Fatalf("login without keyring: %d, want one notice line:\n%s", code, errOut)
	}
	tokens, refs := accountsFileTokens(t, h)
	if tokens["my-team-stack"] != stackToken || refs["other-personal"] == "" {
		t.Errorf("tokens %v refs %v", tokens, refs)
	}

	code, out, _ := h.run("", "accounts")
	if code != 0 || !strings.Contains(out, "other-personal") || !strings.Contains(out, "unreadable now") {
		t.Errorf("accounts: %d\n%s", code, out)
	}
	for _, args := range [][]string{{"switch", "other-personal"}, {"env", "other-personal"}, append([]string{"exec", "other-personal", "--"}, selfCommand()...)} {
		code, out, errOut := h.run("", args...)
		if code != exitError || out != "" || !strings.Contains(errOut, "kept in the system keyring") || !strings.Contains(errOut, "X11 $DISPLAY") {
			t.Errorf("%v: %d\n%s%s", args[:2], code, out, errOut)
		}
	}
	code, out, _ = h.run("", "status")
	if code != 0 || !strings.Contains(out, "not checked: the token of other-personal is kept in the system keyring") {
		t.Errorf("status: %d\n%s", code, out)
	}
	if strings.Contains(out, personalToken) {
		t.Error("status printed a token")
	}
}

// TestRealKeyringCommands is TestCommandsWithTokensInKeyring's core against
// the real Secret Service, read back with secret-tool. It runs only with
// K6LOGIN_TEST_REAL_KEYRING=1 (see .ci/run), and alone: once a test has
// called keyring.MockInit, go-keyring stays on the mock for the process,
// which the secret-tool lookups would catch.
func TestRealKeyringCommands(t *testing.T) {
	if os.Getenv("K6LOGIN_TEST_REAL_KEYRING") != "1" {
		t.Skip("set K6LOGIN_TEST_REAL_KEYRING=1 to use the real system keyring (see .ci/run)")
	}
	secretTool, err := exec.LookPath("secret-tool")
	if err != nil {
		t.Fatal("secret-tool (libsecret-tools) is needed to read the entries back")
	}
	lookup := func(ref string) string {
		out, _ := exec.Command(secretTool, "lookup", "service", configstore.KeyringService, "username", ref).Output()
		return strings.TrimSuffix(string(out), "\n")
	}
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := keyringHarness(t, base)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("first login: %s", e)
	}
	if code, _, e := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != 0 || strings.Contains(e, "Note: tokens") {
		t.Fatalf("second login: %d %s", code, e)
	}
	tokens, refs := accountsFileTokens(t, h)
	if tokens["other-personal"] != "" || tokens["my-team-stack"] != "" {
		t.Fatalf("the accounts file holds tokens: %v", tokens)
	}
	if lookup(refs["other-personal"]) != personalToken || lookup(refs["my-team-stack"]) != stackToken {
		t.Fatalf("the Secret Service does not hold the tokens under %v", refs)
	}
	h.env[childVar] = "env"
	if _, out, e := h.run("", append([]string{"exec", "other-personal", "--"}, selfCommand()...)...); childOutput(out)[envToken] != personalToken {
		t.Errorf("exec: %s%s", out, e)
	}
	if code, out, e := h.run("", "status"); code != 0 || strings.Count(out, "valid: stack") != 2 {
		t.Errorf("status: %d\n%s%s", code, out, e)
	}
	if code, _, e := h.run("", "switch", "other-personal"); code != 0 {
		t.Fatalf("switch: %s", e)
	}
	if code, _, e := h.run("", "remove", "my-team-stack"); code != 0 {
		t.Fatalf("remove: %s", e)
	}
	if got := lookup(refs["my-team-stack"]); got != "" {
		t.Error("remove left the token in the Secret Service")
	}
	if code, _, e := h.run("", "--reset"); code != 0 {
		t.Fatalf("reset: %s", e)
	}
	if code, _, e := h.run("", "remove", "other-personal"); code != 0 {
		t.Fatalf("remove: %s", e)
	}
	if got := lookup(refs["other-personal"]); got != "" {
		t.Error("remove left the token in the Secret Service")
	}
}
