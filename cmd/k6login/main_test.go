package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

const (
	personalToken = "glc_personal_0123456789abcdef"
	stackToken    = "glc_stacktok_fedcba9876543210"
	teamURL       = "https://my-team.grafana.net"
	otherURL      = "https://other.grafana.net"
)

// k6File is a config as k6 v1.8.1 writes it, with a key k6 does not know, so tests
// can check that nothing outside the login keys changes.
const k6File = `{
  "collectors": {
    "cloud": {
      "token": "oldtoken_0000000000",
      "stackID": 7,
      "stackURL": "https://old.grafana.net",
      "defaultProjectID": 70,
      "timeout": null,
      "name": "keep me"
    },
    "influxdb": null
  },
  "ext": {"loadimpact": {"name": "x"}},
  "unknownKeyOfOurs": [1, 2.50, "three"]
}
`

func testAPI() *fakeapi.Server {
	return fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{
			{Token: personalToken, Kind: fakeapi.Personal, Stacks: []string{teamURL, otherURL}},
			{Token: stackToken, Kind: fakeapi.StackToken, Stacks: []string{teamURL}},
		},
		Stacks: []fakeapi.Stack{
			{URL: teamURL, ID: 6000000001, Projects: []fakeapi.Project{
				{ID: 501, Name: "Default project", IsDefault: true}, {ID: 502, Name: "checkout"},
			}},
			{URL: otherURL, ID: 42, Projects: []fakeapi.Project{{ID: 900, Name: "Default project", IsDefault: true}}},
		},
	})
}

// TestMain points the user's config folder at a throwaway one, so that no test
// can touch the real k6 config or saved accounts of whoever runs it.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "k6login-cmd-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	// The real program, run by some tests, must not save tokens in the
	// keyring of whoever runs the tests.
	os.Setenv("K6LOGIN_INSECURE_STORAGE", "1")
	os.Setenv("HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

type harness struct {
	t          *testing.T
	configPath string
	env        map[string]string
	terminal   bool
	wizardRan  bool
	// watches counts the runs that listened for Ctrl+C.
	watches int
	// defaultPath leaves out -c, so the platform's path is used.
	defaultPath bool
	// wizard, when set, is what the stand-in wizard returns.
	wizard func() error
	// stdout, when set, replaces the buffer stdout is written to.
	stdout io.Writer
	// secrets is the keyring the runs use; nil keeps tokens in the accounts file.
	secrets func() configstore.SecretStore
	// screen, when set, drives a full-screen program (run with teatest at
	// 80x24); unset, a full-screen program fails the test.
	screen func(tm *teatest.TestModel)
}

func newHarness(t *testing.T, baseURL string) *harness {
	t.Helper()
	dir := t.TempDir()
	return &harness{
		t:          t,
		configPath: filepath.Join(dir, "k6", "config.json"),
		env: map[string]string{
			"K6_CLOUD_HOST_V6": baseURL,
			"XDG_CONFIG_HOME":  dir,
			"K6LOGIN_ACCOUNTS": filepath.Join(dir, "k6login", "accounts.json"),
		},
	}
}

func (h *harness) writeConfig(content string) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(h.configPath), 0o700); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(h.configPath, []byte(content), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) readConfig() string {
	h.t.Helper()
	b, err := os.ReadFile(h.configPath)
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

func (h *harness) runCtx(ctx context.Context, stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	var stdout io.Writer = &out
	if h.stdout != nil {
		stdout = h.stdout
	}
	a := newApp(strings.NewReader(stdin), stdout, &errOut, func(k string) string { return h.env[k] })
	a.stdinIsTerminal = func() bool { return h.terminal }
	a.newSecrets = h.secrets
	a.environ = func() []string {
		var env []string
		for k, v := range h.env {
			env = append(env, k+"="+v)
		}
		return env
	}
	a.newAPI = func(ep authclient.Endpoint) authclient.API {
		return authclient.New(authclient.Options{
			BaseURL: ep.BaseURL, BaseURLSource: ep.BaseURLSource, Timeout: ep.Timeout,
			Backoff: func(int) time.Duration { return time.Millisecond },
		})
	}
	a.runWizard = func(context.Context, *options, *runEnv, authclient.API) error {
		h.wizardRan = true
		if h.wizard != nil {
			return h.wizard()
		}
		return nil
	}
	a.runScreen = func(_ context.Context, m tea.Model, _ io.Writer) error {
		if h.screen == nil {
			h.t.Fatal("a full-screen program ran")
		}
		tm := teatest.NewTestModel(h.t, m, teatest.WithInitialTermSize(80, 24))
		h.screen(tm)
		tm.WaitFinished(h.t, teatest.WithFinalTimeout(10*time.Second))
		return nil
	}
	a.watchInterrupt = func(context.CancelCauseFunc) func() {
		h.watches++
		return func() {}
	}
	if !h.defaultPath {
		args = append([]string{"-c", h.configPath}, args...)
	}
	code := a.run(ctx, args)
	return code, out.String(), errOut.String()
}

func (h *harness) run(stdin string, args ...string) (int, string, string) {
	return h.runCtx(context.Background(), stdin, args...)
}

// cloudKeys decodes collectors.cloud of the saved file.
func cloudKeys(t *testing.T, content string) map[string]any {
	t.Helper()
	var doc struct {
		Collectors struct {
			Cloud map[string]any `json:"cloud"`
		} `json:"collectors"`
	}
	dec := json.NewDecoder(strings.NewReader(content))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("saved file is not valid JSON: %v\n%s", err, content)
	}
	return doc.Collectors.Cloud
}

// withoutLoginKeys is the file with the login keys removed, for comparing the rest.
func withoutLoginKeys(t *testing.T, content string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(content), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if c, ok := doc["collectors"].(map[string]any); ok {
		if cloud, ok := c["cloud"].(map[string]any); ok {
			for _, k := range []string{"token", "stackID", "stackURL", "defaultProjectID", "projectID"} {
				delete(cloud, k)
			}
		}
	}
	b, _ := json.Marshal(doc)
	return string(b)
}

func TestLoginPersonalTokenDefaultProject(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)

	code, out, errOut := h.run(personalToken+"\n", "--stack", "My-Team.grafana.net/a/k6-app", "--token-stdin")
	if code != exitOK {
		t.Fatalf("exit %d, stderr: %s", code, errOut)
	}
	saved := h.readConfig()
	cloud := cloudKeys(t, saved)
	want := map[string]string{"token": personalToken, "stackID": "6000000001", "stackURL": teamURL, "defaultProjectID": "501"}
	for k, v := range want {
		if got := strings.TrimSpace(jsonText(cloud[k])); got != v {
			t.Errorf("collectors.cloud.%s = %q, want %q", k, got, v)
		}
	}
	if _, ok := cloud["projectID"]; ok {
		t.Errorf("projectID saved for a personal token on the default project: %v", cloud["projectID"])
	}
	if withoutLoginKeys(t, saved) != withoutLoginKeys(t, k6File) {
		t.Errorf("keys outside the login keys changed:\n%s", saved)
	}
	if strings.Contains(out+errOut, personalToken) {
		t.Errorf("the token was printed:\n%s%s", out, errOut)
	}
	for _, s := range []string{"Logged in to " + teamURL, "glc_********cdef", "default project (501)", h.configPath, "k6 cloud run"} {
		if !strings.Contains(out, s) {
			t.Errorf("summary lacks %q:\n%s", s, out)
		}
	}
	if n := api.RequestsTo("/cloud/v6/auth"); n != 1 {
		t.Errorf("%d validation requests, want 1", n)
	}
	fi, err := os.Stat(h.configPath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode = %v, %v; want 0600", fi.Mode(), err)
	}
}

func jsonText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	default:
		b, _ := json.Marshal(x)
		return string(b)
	}
}

func TestLoginStackTokenWithProject(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)

	code, out, errOut := h.run("", "--stack", "my-team", "-t", stackToken, "--stack-token", "--project-id", "502", "--json")
	if code != exitOK {
		t.Fatalf("exit %d, stderr: %s", code, errOut)
	}
	cloud := cloudKeys(t, h.readConfig())
	if jsonText(cloud["projectID"]) != "502" || jsonText(cloud["token"]) != stackToken {
		t.Errorf("saved %v", cloud)
	}
	var summary loginSummary
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out)
	}
	if summary.ProjectID != 502 || summary.ProjectName != "checkout" || summary.TokenMode != "stack" || summary.StackID != 6000000001 {
		t.Errorf("summary = %+v", summary)
	}
	if strings.Contains(out, stackToken) {
		t.Errorf("JSON output holds the token: %s", out)
	}
	// A new file in a new folder, as k6 itself cannot do at a new -c path.
	fi, err := os.Stat(filepath.Dir(h.configPath))
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("folder mode = %v, %v; want 0700", fi.Mode(), err)
	}
}

// Every failure leaves the file byte-identical, exits with its documented code and
// says what happened and what to do.
func TestLoginFailuresLeaveFileUntouched(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()

	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	refusedURL := "http://" + closed.Addr().String()
	closed.Close()

	tlsBase, _, stopTLS := testAPI().StartTLS()
	defer stopTLS()

	faulty := func(f func(w http.ResponseWriter, r *http.Request) bool) string {
		s := testAPI()
		s.SetFault(f)
		u, stop := s.Start()
		t.Cleanup(stop)
		return u
	}
	status := func(code int, body, ctype string) string {
		return faulty(func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", ctype)
			w.WriteHeader(code)
			w.Write([]byte(body))
			return true
		})
	}
	slow := faulty(func(w http.ResponseWriter, r *http.Request) bool {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
		return true
	})

	cases := []struct {
		name    string
		base    string
		env     map[string]string
		args    []string
		code    int
		message string
		hint    string
	}{
		{"invalid token", base, nil, []string{"--stack", "my-team", "-t", "glc_wrong_token_123456"}, exitAuthRefused, "token was refused", "Testing & synthetics"},
		{"no access to stack", base, nil, []string{"--stack", "nowhere", "-t", personalToken}, exitAuthRefused, "refused access to the stack https://nowhere.grafana.net", "Check the stack URL"},
		{"stack token of another stack", base, nil, []string{"--stack", "other", "-t", stackToken, "--stack-token", "--project-id", "900"}, exitAuthRefused, "refused access", "stack token only for the stack"},
		{"project not in stack", base, nil, []string{"--stack", "my-team", "-t", personalToken, "--project-id", "900"}, exitInput, "project 900 was not found", "Pick a project"},
		{"rate limited", status(429, `{"error":{"code":"error","message":"Too many requests"}}`, "application/json"), nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "limiting the rate", "Wait"},
		{"server error", status(500, `{"error":{"code":"error","message":"Internal error"}}`, "application/json"), nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "server error", "try again"},
		{"HTML from a proxy", status(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"), nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "502", "try again"},
		{"200 that is not JSON", status(200, "<html>welcome</html>", "text/html"), nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "unexpected reply", "K6_CLOUD_HOST_V6"},
		{"200 without IDs", status(200, `{}`, "application/json"), nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "unexpected reply", "K6_CLOUD_HOST_V6"},
		{"DNS failure", "https://k6login-test.invalid", nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "could not be found", "DNS"},
		{"connection refused", refusedURL, nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "refused the connection", "K6_CLOUD_HOST_V6"},
		{"TLS failure", tlsBase, nil, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "secure connection", "certificates"},
		{"timeout", slow, map[string]string{"K6_CLOUD_TIMEOUT": "300ms"}, []string{"--stack", "my-team", "-t", personalToken}, exitNetwork, "did not reply in time", "K6_CLOUD_TIMEOUT"},
		{"bad stack input", base, nil, []string{"--stack", "ftp://x.grafana.net", "-t", personalToken}, exitInput, "invalid stack", "--stack"},
		{"bad timeout variable", base, map[string]string{"K6_CLOUD_TIMEOUT": "soon"}, []string{"--stack", "my-team", "-t", personalToken}, exitInput, "K6_CLOUD_TIMEOUT", "unset"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.base)
			for k, v := range tc.env {
				h.env[k] = v
			}
			h.writeConfig(k6File)
			code, out, errOut := h.run("", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.message) || !strings.Contains(errOut, tc.hint) {
				t.Errorf("stderr lacks %q and %q:\n%s", tc.message, tc.hint, errOut)
			}
			if out != "" {
				t.Errorf("stdout on failure: %q", out)
			}
			if got := h.readConfig(); got != k6File {
				t.Errorf("config changed:\n%s", got)
			}
			for _, tok := range []string{personalToken, stackToken} {
				if strings.Contains(out+errOut, tok) {
					t.Errorf("the token was printed: %s", errOut)
				}
			}
		})
	}
	_ = api
}

func TestInterruptLeavesFileUntouched(t *testing.T) {
	s := testAPI()
	started := make(chan struct{}, 1)
	s.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		started <- struct{}{}
		<-r.Context().Done()
		return true
	})
	base, stop := s.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-started; cancel() }()
	code, _, errOut := h.runCtx(ctx, "", "--stack", "my-team", "-t", personalToken)
	if code != exitInterrupted || !strings.Contains(errOut, "nothing was changed") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if h.readConfig() != k6File {
		t.Error("config changed")
	}
}

func TestInputErrorsNeedNoRequest(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	cases := []struct {
		name  string
		stdin string
		args  []string
		env   map[string]string
		want  string
	}{
		{"no stack", "", []string{"-t", personalToken}, nil, "--stack is missing"},
		{"no token", "", []string{"--stack", "my-team"}, nil, "no token given"},
		{"env token is not copied", "", []string{"--stack", "my-team"}, map[string]string{"K6_CLOUD_TOKEN": personalToken}, "never copies a token from the environment"},
		{"empty stdin", "\n", []string{"--stack", "my-team", "--token-stdin"}, nil, "it is empty"},
		{"token with inner space", "glc_abc def\n", []string{"--stack", "my-team", "--token-stdin"}, nil, "space or line break"},
		{"both token flags", "x", []string{"--stack", "my-team", "--token-stdin", "-t", "abc"}, nil, "both give the token"},
		{"empty --token", "", []string{"--stack", "my-team", "--token="}, nil, "--token is empty"},
		{"stack token without project", "", []string{"--stack", "my-team", "-t", stackToken, "--stack-token"}, nil, "needs a project"},
		{"project zero", "", []string{"--stack", "my-team", "-t", personalToken, "--project-id", "0"}, nil, "not valid"},
		{"project negative", "", []string{"--stack", "my-team", "-t", personalToken, "--project-id", "-4"}, nil, "not valid"},
		{"project not a number", "", []string{"--stack", "my-team", "-t", personalToken, "--project-id", "abc"}, nil, "not a number"},
		{"project beyond int64", "", []string{"--stack", "my-team", "-t", personalToken, "--project-id", "99999999999999999999"}, nil, "too large"},
		{"slug with port", "", []string{"--stack", "my-team:443", "-t", personalToken}, nil, "invalid stack"},
		{"unknown flag", "", []string{"--tokn", "x"}, nil, "unknown flag"},
		{"argument", "", []string{"login"}, nil, "unexpected argument: login"},
		{"show with login flags", "", []string{"--show", "--stack", "x"}, nil, "does not take login flags"},
		{"json alone", "", []string{"--json"}, nil, "--json goes with"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api.ResetCounts()
			h := newHarness(t, base)
			for k, v := range tc.env {
				h.env[k] = v
			}
			h.writeConfig(k6File)
			code, _, errOut := h.run(tc.stdin, tc.args...)
			if code != exitInput {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitInput, errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr lacks %q:\n%s", tc.want, errOut)
			}
			if n := api.Requests(); n != 0 {
				t.Errorf("%d requests sent for bad input", n)
			}
			if h.readConfig() != k6File {
				t.Error("config changed")
			}
			if strings.Contains(errOut, personalToken) {
				t.Error("token printed")
			}
		})
	}
}

func TestShowMasksAndReportsOverrides(t *testing.T) {
	h := newHarness(t, "http://127.0.0.1:1")
	h.writeConfig(k6File)
	h.env["K6_CLOUD_TOKEN"] = "envtoken_abcdefghijkl"
	h.env["K6_CLOUD_PROJECT_ID"] = "77"
	code, out, errOut := h.run("", "--show")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, s := range []string{h.configPath, "mode 0600", "oldt********0000", "https://old.grafana.net", "stackID", "7", "k6 uses the stack's default project, 70", "K6_CLOUD_TOKEN=envt********ijkl (k6 uses it instead of token in the config file)", "K6_CLOUD_PROJECT_ID=77"} {
		if !strings.Contains(out, s) {
			t.Errorf("--show lacks %q:\n%s", s, out)
		}
	}
	if strings.Contains(out, "oldtoken_0000000000") || strings.Contains(out, "envtoken_abcdefghijkl") {
		t.Errorf("a token in clear:\n%s", out)
	}

	code, out, _ = h.run("", "--show", "--json")
	var r showReport
	if code != exitOK || json.Unmarshal([]byte(out), &r) != nil {
		t.Fatalf("exit %d, output %s", code, out)
	}
	if !r.LoggedIn || r.StackID != 7 || r.Token != "oldt********0000" || r.Mode != "0600" || len(r.Overrides) != 3 || r.PathSource != "--config" {
		t.Errorf("--show --json = %+v", r)
	}
	if h.readConfig() != k6File {
		t.Error("--show changed the file")
	}
}

func TestShowWithoutFileAndLooseMode(t *testing.T) {
	h := newHarness(t, "")
	code, out, _ := h.run("", "--show")
	if code != exitOK || !strings.Contains(out, "does not exist yet") || !strings.Contains(out, "Run k6login to log in") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(h.configPath); !os.IsNotExist(err) {
		t.Error("--show created the file")
	}
	h.writeConfig(k6File)
	os.Chmod(h.configPath, 0o644)
	_, out, _ = h.run("", "--show")
	if !strings.Contains(out, "others may read this file (mode 0644)") {
		t.Errorf("no warning for mode 0644:\n%s", out)
	}
}

func TestResetKeepsOtherKeys(t *testing.T) {
	h := newHarness(t, "")
	h.writeConfig(k6File)
	h.env["K6_CLOUD_TOKEN"] = "x"
	code, out, errOut := h.run("", "--reset")
	if code != exitOK || !strings.Contains(out, "Removed the k6 cloud credentials") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "K6_CLOUD_TOKEN is still set") {
		t.Errorf("no warning about K6_CLOUD_TOKEN: %s", errOut)
	}
	saved := h.readConfig()
	cloud := cloudKeys(t, saved)
	for _, k := range []string{"token", "stackID", "stackURL", "defaultProjectID", "projectID"} {
		if _, ok := cloud[k]; ok {
			t.Errorf("%s still in the file after --reset", k)
		}
	}
	if withoutLoginKeys(t, saved) != withoutLoginKeys(t, k6File) {
		t.Errorf("other keys changed:\n%s", saved)
	}
	// Again: nothing to remove, and the file stays as it is.
	code, out, _ = h.run("", "--reset", "--json")
	if code != exitOK || !strings.Contains(out, `"removed": false`) || h.readConfig() != saved {
		t.Errorf("second reset: exit %d, %s", code, out)
	}
	// Reset wins over show, as in k6.
	code, out, _ = h.run("", "--reset", "--show")
	if code != exitOK || !strings.Contains(out, "nothing changed") {
		t.Errorf("--reset --show: exit %d, %s", code, out)
	}
}

func TestLoginShowResetRoundTripKeepsUnknownKeys(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin", "--project-id", "900"); code != 0 {
		t.Fatalf("login: %s", e)
	}
	if code, _, e := h.run("", "--show"); code != 0 {
		t.Fatalf("show: %s", e)
	}
	if code, _, e := h.run("", "--reset"); code != 0 {
		t.Fatalf("reset: %s", e)
	}
	if withoutLoginKeys(t, h.readConfig()) != withoutLoginKeys(t, k6File) {
		t.Errorf("keys lost:\n%s", h.readConfig())
	}
	if !strings.Contains(h.readConfig(), `"name": "keep me"`) || !strings.Contains(h.readConfig(), `2.50`) {
		t.Errorf("untouched values were rewritten:\n%s", h.readConfig())
	}
}

func TestInvalidConfigIsNeverOverwritten(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	broken := "{\n  \"collectors\": {\n    \"cloud\": {\"token\": \"x\",}\n  }\n}\n"
	h.writeConfig(broken)
	for _, args := range [][]string{{"--stack", "my-team", "-t", personalToken}, {"--reset"}, {"--show"}} {
		code, _, errOut := h.run("", args...)
		if code != exitError || !strings.Contains(errOut, h.configPath) || !strings.Contains(errOut, "line 3") {
			t.Errorf("%v: exit %d, stderr %s", args, code, errOut)
		}
		if h.readConfig() != broken {
			t.Errorf("%v changed the broken file", args)
		}
	}
	if n := api.Requests(); n != 0 {
		t.Errorf("%d requests sent although the file cannot be saved", n)
	}
}

func TestNoTerminalNoFlagsFailsFast(t *testing.T) {
	h := newHarness(t, "")
	code, _, errOut := h.run("")
	if code != exitInput || !strings.Contains(errOut, "no terminal") || !strings.Contains(errOut, "--token-stdin") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	if h.wizardRan {
		t.Error("the wizard ran without a terminal")
	}
	h.terminal = true
	if code, _, errOut := h.run(""); code != exitOK || !h.wizardRan {
		t.Errorf("on a terminal: exit %d, wizard ran %v: %s", code, h.wizardRan, errOut)
	}
}

func TestVersionAndHelp(t *testing.T) {
	h := newHarness(t, "")
	code, out, _ := h.run("", "--version")
	if code != 0 || !strings.HasPrefix(out, "k6login ") {
		t.Errorf("--version: %d %q", code, out)
	}
	code, out, _ = h.run("", "--help")
	if code != 0 || !strings.Contains(out, "Exit codes:") || !strings.Contains(out, "--token-stdin") {
		t.Errorf("--help: %d\n%s", code, out)
	}
}

func TestDemoLoginNeverTouchesRealConfig(t *testing.T) {
	h := newHarness(t, "")
	h.writeConfig(k6File)
	var out, errOut bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errOut, func(k string) string { return h.env[k] })
	code := a.run(context.Background(), []string{"--demo", "--stack", "demo", "-t", fakeapi.DemoPersonalToken})
	if code != 0 || !strings.Contains(out.String(), "DEMO") || !strings.Contains(out.String(), "stack 101") {
		t.Fatalf("exit %d: %s %s", code, out.String(), errOut.String())
	}
	if h.readConfig() != k6File {
		t.Error("demo changed a real config")
	}
}

func TestShowSaysWhereAPICallsGo(t *testing.T) {
	h := newHarness(t, "http://127.0.0.1:9")
	h.writeConfig(`{"collectors":{"cloud":{"token":"abcdefghijklmnop","timeout":"30s"}}}`)
	_, out, _ := h.run("", "--show")
	if !strings.Contains(out, "API          http://127.0.0.1:9 (K6_CLOUD_HOST_V6), timeout 30s (collectors.cloud.timeout in "+h.configPath+")") {
		t.Errorf("--show does not say where API calls go:\n%s", out)
	}
	h.env["K6_CLOUD_TIMEOUT"] = "soon"
	code, out, _ := h.run("", "--show", "--json")
	var r showReport
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.API != nil || !strings.Contains(r.APIError, "K6_CLOUD_TIMEOUT") {
		t.Errorf("bad K6_CLOUD_TIMEOUT in --show --json: %d %s", code, out)
	}
}
