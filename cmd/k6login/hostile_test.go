package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/k6login/k6login/authclient/fakeapi"
)

const hostileStackURL = "https://hostile.grafana.net"

// assertTerminalSafe fails when text output holds anything that could drive a
// terminal: ESC, BEL and other controls (tab and newline aside), DEL, C1
// controls, bidi and other format characters (U+FFFD, the stand-in, is fine).
func assertTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("%s holds %U: %q", what, r, s)
			return
		}
	}
}

func hostileAPI() *fakeapi.Server {
	return fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: personalToken, Kind: fakeapi.Personal, Stacks: []string{hostileStackURL}}},
		Stacks:   []fakeapi.Stack{{URL: hostileStackURL, ID: 77, Projects: fakeapi.HostileProjects(700)}},
	})
}

// Project names from the API reach the text outputs only as visible, harmless
// text, and the --json outputs exactly; the same after they were stored in
// accounts.json (accounts, switch, remove).
func TestHostileProjectNamesThroughCLI(t *testing.T) {
	api := hostileAPI()
	base, stop := api.Start()
	defer stop()
	for i, name := range fakeapi.HostileNames {
		id := strconv.Itoa(700 + i)
		t.Run(id, func(t *testing.T) {
			h := newHarness(t, base)
			code, out, errOut := h.run(personalToken, "--stack", "hostile", "--token-stdin", "--project-id", id)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			assertTerminalSafe(t, "login summary", out+errOut)
			if !strings.Contains(out, "Logged in") {
				t.Fatalf("no summary: %s", out)
			}

			code, out, errOut = h.run(personalToken, "--stack", "hostile", "--token-stdin", "--project-id", id, "--json")
			var summary struct {
				ProjectName string `json:"projectName"`
				Account     string `json:"account"`
			}
			if code != exitOK || json.Unmarshal([]byte(out), &summary) != nil || summary.ProjectName != name {
				t.Fatalf("--json: exit %d, projectName %q, want %q exactly: %s %s", code, summary.ProjectName, name, out, errOut)
			}

			_, out, errOut = h.run("", "accounts")
			assertTerminalSafe(t, "accounts", out+errOut)
			code, out, errOut = h.run("", "accounts", "--json")
			var list []struct {
				ProjectName string `json:"projectName"`
			}
			if code != exitOK || json.Unmarshal([]byte(out), &list) != nil || len(list) == 0 || list[0].ProjectName != name {
				t.Errorf("accounts --json does not keep the name exactly: %s %s", out, errOut)
			}
			code, out, errOut = h.run("", "switch", summary.Account)
			if code != exitOK {
				t.Errorf("switch: exit %d: %s", code, errOut)
			}
			assertTerminalSafe(t, "switch", out+errOut)
			code, out, errOut = h.run("", "remove", summary.Account)
			if code != exitOK {
				t.Errorf("remove: exit %d: %s", code, errOut)
			}
			assertTerminalSafe(t, "remove", out+errOut)
		})
	}
}

// Values read from k6's config and accounts.json (a stackURL, projectName,
// tokenMode, the visible ends of a token) are printed harmlessly by every
// text output, and kept exact in JSON.
func TestHostileFileValuesThroughCLI(t *testing.T) {
	const evil = "\x1b]0;pwned\x07\x1b[2J\u202e"
	token := "ab\x1b]" + strings.Repeat("x", 20) + "\x1b[2J"
	h := newHarness(t, "http://127.0.0.1:9")
	cfg, _ := json.Marshal(map[string]any{"collectors": map[string]any{"cloud": map[string]any{
		"token": token, "stackURL": "https://x.grafana.net" + evil, "stackID": 5, "defaultProjectID": 6,
	}}})
	h.writeConfig(string(cfg))
	accounts, _ := json.Marshal(map[string]any{"version": 1, "accounts": []map[string]any{{
		"name": "evil" + evil, "token": token, "stackURL": "https://y.grafana.net" + evil, "stackID": 8,
		"defaultProjectID": 9, "projectID": 10, "projectName": "p" + evil, "tokenMode": "personal" + evil,
	}}})
	path := h.env["K6LOGIN_ACCOUNTS"]
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, accounts, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--show"}, {"accounts"}, {"switch", "evil" + evil, "--force"}, {"--reset"}, {"remove", "evil" + evil},
		{"switch", "evil" + evil}, {"remove", "nobody" + evil},
	} {
		_, out, errOut := h.run("", args...)
		assertTerminalSafe(t, strings.Join(args, " "), out+errOut)
	}
	h.writeConfig(string(cfg))
	code, out, _ := h.run("", "--show", "--json")
	var r showReport
	if code != exitOK || json.Unmarshal([]byte(out), &r) != nil || r.StackURL != "https://x.grafana.net"+evil {
		t.Errorf("--show --json does not keep the stack URL exactly: %s", out)
	}
}

// A path of k6's config (from -c, K6_CONFIG or the home folder) is text from
// outside too: status, --show, the unsafe-folder warnings, accounts and the
// notes of env and exec print it only as harmless text.
func TestHostileConfigPathThroughCLI(t *testing.T) {
	api := hostileAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	dir := filepath.Join(t.TempDir(), "x\x1b]0;PWNED\ay\u202e")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	// World-writable, so the folder warnings name it.
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	h.configPath = filepath.Join(dir, "config.json")
	h.env["K6LOGIN_ACCOUNTS"] = filepath.Join(dir, "accounts.json")

	_, out, errOut := h.run("", "status")
	assertTerminalSafe(t, "status with no login", out+errOut)
	code, out, errOut := h.run(personalToken, "--stack", "hostile", "--token-stdin", "--project-id", "700")
	if code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	assertTerminalSafe(t, "login", out+errOut)
	if !strings.Contains(errOut, "Warning: the folder") {
		t.Errorf("login names no unsafe folder: %s", errOut)
	}
	for _, args := range [][]string{{"status"}, {"--show"}, {"accounts"}, {"env", "hostile-personal", "--shell", "bash"}} {
		_, out, errOut := h.run("", args...)
		assertTerminalSafe(t, strings.Join(args, " "), errOut)
		if args[0] != "env" {
			assertTerminalSafe(t, strings.Join(args, " "), out)
		}
	}
}
