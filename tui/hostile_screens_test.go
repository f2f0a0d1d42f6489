package tui

import (
	"encoding/json"
	"testing"
	"time"
	"unicode"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Outside text on every full-screen screen: project names from the API, and
// account names, stack URLs, token modes, project names and the ends of a
// token read from the two files, each holding the sequences a hostile server
// or a planted file would use. The goldens show them as visible stand-ins
// (␛ for ESC, � for a bidi override); requireNoControls checks that no screen
// drawn on the way holds a control or format character.

// hostileNames are what a terminal would obey if printed raw: a window title,
// clear screen, a hyperlink, a clipboard write, and a right-to-left override.
var hostileNames = []string{
	"\x1b]0;owned title\x07Prod",
	"\x1b[2Jwipe",
	"\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
	"\x1b]52;c;ZXZpbA==\x07clip",
	"\u202egnp.exe",
}

// hostileProjects is a stack whose projects have hostile names.
func hostileProjects(e *env) {
	e.api.projects = []authclient.Project{{ID: defaultPID, Name: "Default project", IsDefault: true}}
	for i, n := range hostileNames {
		e.api.projects = append(e.api.projects, authclient.Project{ID: defaultPID + 1 + int64(i), Name: n})
	}
}

func TestHostileProjectNames(t *testing.T) {
	for _, sc := range []struct {
		name  string
		build func(e *env)
	}{
		{"list", func(e *env) { e.toTokenMode(goodToken); e.send(runes("2")) }},
		{"review", func(e *env) { e.toTokenMode(goodToken); e.send(runes("2"), down, enter) }},
		{"saved", func(e *env) { e.toTokenMode(goodToken); e.send(runes("2"), down, down, enter, enter) }},
	} {
		t.Run(sc.name, func(t *testing.T) {
			e := newEnv(t)
			hostileProjects(e)
			e.init()
			sc.build(e)
			requireNoControls(t, e.views)
			requireScreen(t, e)
		})
	}
}

// hostileToken is a token whose visible ends (what a masked token shows) are
// escape sequences, as a planted config file could hold.
const hostileToken = "\x1b[2J" + "glc_SECRETSECRETSECRETSECRETSECRET" + "\x1b]0;"

// hostileConfig is k6's config with the hostile token and stack URL.
func hostileConfig() string {
	c, _ := json.Marshal(map[string]any{"collectors": map[string]any{"cloud": map[string]any{
		"token": hostileToken, "stackID": 4321, "stackURL": "https://my-team.grafana.net/\x1b]0;owned title\x07",
		"defaultProjectID": 100, "projectID": 102}}})
	return string(c)
}

// hostileAccountsFile is an accounts file with hostile URLs, token modes,
// project names and token ends, written as a planted file would be (not
// through k6login). Account names are checked when the file is read, so they
// are plain here.
func hostileAccountsFile() string {
	type acct struct {
		Name          string `json:"name"`
		Token         string `json:"token"`
		StackURL      string `json:"stackURL"`
		StackID       int64  `json:"stackID"`
		Default       int64  `json:"defaultProjectID"`
		ProjectID     int64  `json:"projectID,omitempty"`
		ProjectName   string `json:"projectName,omitempty"`
		TokenMode     string `json:"tokenMode,omitempty"`
		LastValidated string `json:"lastValidated,omitempty"`
	}
	accts := []acct{
		{Name: "team", Token: hostileToken, StackURL: "https://my-team.grafana.net/\x1b]0;owned title\x07",
			StackID: 4321, Default: 100, ProjectID: 102, ProjectName: "\x1b]52;c;ZXZpbA==\x07clip", TokenMode: "\x1b[2Jpersonal",
			LastValidated: clock.Add(-time.Hour).Format(time.RFC3339)},
		{Name: "ci", Token: ciToken, StackURL: "https://\u202egnp.exe.grafana.net", StackID: 4321, Default: 100,
			TokenMode: string(configstore.TokenModeStack)},
	}
	b, _ := json.Marshal(map[string]any{"version": 1, "accounts": accts})
	return string(b)
}

func TestHostileAccountScreens(t *testing.T) {
	for _, sc := range []struct {
		name  string
		build func(e *acctEnv)
	}{
		{"home", func(e *acctEnv) {}},
		{"review", func(e *acctEnv) { e.send(runes("r")) }},
		{"switch", func(e *acctEnv) { e.send(runes("s")) }},
		{"switch_checking", func(e *acctEnv) { e.send(runes("s")); e.sendNoRun(enter) }},
		{"reset", func(e *acctEnv) { e.send(runes("x")) }},
		{"confirm_forget", func(e *acctEnv) { e.send(runes("x"), down, enter, enter) }},
		{"forgot", func(e *acctEnv) { e.send(runes("x"), down, enter, enter, down, enter) }},
	} {
		t.Run(sc.name, func(t *testing.T) {
			e := newAcctEnv(t, withConfig(hostileConfig(), 0o600), withAccountsFile(hostileAccountsFile()))
			e.init()
			sc.build(e)
			requireNoControls(t, e.views)
			requireScreen(t, e.env)
		})
	}
}

// requireNoControls fails when a drawn screen holds an escape or other control
// character (the colour profile is plain ASCII in these tests, so k6login
// itself draws none) or a bidi or zero-width character.
func requireNoControls(t *testing.T, views []string) {
	t.Helper()
	for _, v := range views {
		for _, r := range v {
			if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("a screen holds %U:\n%q", r, v)
			}
		}
	}
}

// TestSummaryIsSafe: the line printed after the program exits shows a hostile
// stack URL from a file as visible text.
func TestSummaryIsSafe(t *testing.T) {
	r := Result{Action: ActionSwitch, Account: "team", Credentials: configstore.Credentials{StackURL: "https://x.grafana.net/\x1b]0;owned\x07"}}
	if got := r.Summary(); got != "k6 now uses team (https://x.grafana.net/␛]0;owned␇)." {
		t.Fatalf("Summary = %q", got)
	}
}
