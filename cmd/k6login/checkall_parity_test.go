package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatusAndCheckAllAgree: `status` and the menu's "Check all accounts"
// (the line mode, through the command) give every login the same verdict,
// in the same words, against the same fake API; neither writes anything.
func TestStatusAndCheckAllAgree(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(`{"collectors":{"cloud":{"token":"` + personalToken + `","stackID":6000000001,"stackURL":"` + teamURL + `","defaultProjectID":501}}}`)
	accounts := `{"version": 1, "accounts": [
	  {"name": "my-team-personal", "token": "` + personalToken + `", "stackURL": "` + teamURL + `", "stackID": 6000000001, "defaultProjectID": 501, "tokenMode": "personal"},
	  {"name": "ci", "token": "` + stackToken + `", "stackURL": "` + teamURL + `", "stackID": 6000000001, "defaultProjectID": 501, "projectID": 502, "tokenMode": "stack"},
	  {"name": "revoked", "token": "glc_REVOKEDREVOKEDREVOKEDREVOKEDREVOKED_r001", "stackURL": "` + teamURL + `", "stackID": 6000000001, "defaultProjectID": 501},
	  {"name": "gone", "token": "` + personalToken + `", "stackURL": "https://gone.grafana.net", "stackID": 9, "defaultProjectID": 90}]}`
	if err := os.MkdirAll(filepath.Dir(h.env["K6LOGIN_ACCOUNTS"]), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], []byte(accounts), 0o600); err != nil {
		t.Fatal(err)
	}
	configBefore := h.readConfig()

	_, out, errOut := h.run("", "status", "--json")
	var report statusReport
	if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Accounts) != 4 {
		t.Fatalf("status --json: %v\n%s%s", err, out, errOut)
	}

	// The menu has seven entries here; the sixth checks all, the seventh quits.
	var lineOut, lineErr bytes.Buffer
	a := newApp(strings.NewReader("6\n7\n"), &lineOut, &lineErr, func(k string) string { return h.env[k] })
	a.stdinIsTerminal = func() bool { return true }
	if code := a.run(t.Context(), []string{"-c", h.configPath, "--accessible"}); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, lineOut.String(), lineErr.String())
	}
	said := lineOut.String() + lineErr.String()
	statuses := map[string]bool{}
	for _, e := range report.Accounts {
		statuses[e.Status] = true
		line := e.statusLine()
		if !strings.Contains(said, "  "+e.Name) || !strings.Contains(said, ": "+line+"\n") {
			t.Errorf("%s: status says %q, the line mode:\n%s", e.Name, line, said)
		}
	}
	for _, s := range []string{"valid", "refused", "no-access"} {
		if !statuses[s] {
			t.Errorf("no login is %s: %+v", s, report.Accounts)
		}
	}
	if strings.Contains(said, personalToken) || strings.Contains(said, stackToken) {
		t.Error("a token was shown")
	}
	if after, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"]); h.readConfig() != configBefore || string(after) != accounts {
		t.Error("k6's config or the accounts file changed")
	}
}
