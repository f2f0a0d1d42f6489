package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/k6login/k6login/authclient/fakeapi"
)

// Faults and hostile input end to end through the command line: a server that
// misbehaves, input that makes no sense, files that are odd. Each must give the
// documented exit code, a clear message, and leave k6's config and the saved
// accounts as they were. TestLoginFailuresLeaveFileUntouched and
// TestInputErrorsNeedNoRequest in main_test.go hold the first cases; these add
// the rest.

// faultyAPI starts testAPI with a fault on loopback.
func faultyAPI(t *testing.T, fault func(w http.ResponseWriter, r *http.Request) bool) (*fakeapi.Server, string) {
	t.Helper()
	s := testAPI()
	s.SetFault(fault)
	base, stop := s.Start()
	t.Cleanup(stop)
	return s, base
}

func reply(status int, ctype, body string) func(w http.ResponseWriter, r *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
		return true
	}
}

// requireTerminalSafe fails when s holds an escape, a control character other
// than a line break, or a bidi or zero-width character.
func requireTerminalSafe(t *testing.T, what, s string) {
	t.Helper()
	for _, r := range s {
		if r == '\n' {
			continue
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("%s holds %U: %q", what, r, s)
			return
		}
	}
}

// accountsFile reads the saved-accounts file, "" when it does not exist.
func (h *harness) accountsFile() string {
	b, err := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"])
	if err != nil && !os.IsNotExist(err) {
		h.t.Fatal(err)
	}
	return string(b)
}

const evilMessage = "\x1b[2J\x1b[31mpwned\x1b[0m \x1b]0;owned title\x07\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \u202eexe.txt\u200b\x00\x7f"

func TestServerFaultsThroughCLI(t *testing.T) {
	evilJSON, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "error", "message": evilMessage}})
	echoJSON, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "error", "message": "token " + personalToken + " is revoked"}})

	var leaked atomic.Int32
	elsewhere := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
		fmt.Fprint(w, `{"stack_id":1,"default_project_id":1}`)
	})}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = elsewhere.Serve(l) }()
	t.Cleanup(func() { elsewhere.Close() })
	// Another port is another host for the redirect policy, as for browsers.
	elsewhereURL := "http://" + l.Addr().String()

	huge := func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusInternalServerError)
		chunk := []byte(strings.Repeat("<p>error</p>", 8<<10))
		for range 400 { // about 38 MB unless the client hangs up first
			if _, err := w.Write(chunk); err != nil {
				break
			}
		}
		return true
	}
	cutOff := func(w http.ResponseWriter, r *http.Request) bool {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return true
		}
		_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"stack_id\": 6000")
		_ = buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok {
			_ = tc.SetLinger(0) // a reset, not a clean close
		}
		conn.Close()
		return true
	}

	cases := []struct {
		name     string
		fault    func(w http.ResponseWriter, r *http.Request) bool
		code     int
		message  string
		hint     string
		requests int // to /cloud/v6/auth; 0 means do not check
	}{
		{"empty 200", reply(200, "application/json", ""), exitNetwork, "the body is empty", "K6_CLOUD_HOST_V6", 1},
		{"200 lacking default_project_id", reply(200, "application/json", `{"stack_id": 5}`), exitNetwork, "no default_project_id", "K6_CLOUD_HOST_V6", 1},
		{"200 with IDs as strings", reply(200, "application/json", `{"stack_id": "5", "default_project_id": "6"}`), exitNetwork, "wrong type", "K6_CLOUD_HOST_V6", 1},
		{"200 JSON array", reply(200, "application/json", `[{"stack_id": 5}]`), exitNetwork, "not a JSON object", "K6_CLOUD_HOST_V6", 1},
		{"proxy HTML 403", reply(403, "text/html", "<html><body>Forbidden by proxy</body></html>"), exitAuthRefused, "refused access", "Check the stack URL", 1},
		{"error body of many megabytes", huge, exitNetwork, "server error", "try again", 1},
		{"escape sequences in a 401", reply(401, "application/json", string(evilJSON)), exitAuthRefused, "token was refused", "Testing & synthetics", 1},
		{"escape sequences in a 500", reply(500, "application/json", string(evilJSON)), exitNetwork, "server error", "try again", 1},
		{"escape sequences in a 400", reply(400, "application/json", string(evilJSON)), exitNetwork, "unexpected reply", "report it", 1},
		{"token echoed by the server", reply(401, "application/json", string(echoJSON)), exitAuthRefused, "[token] is revoked", "Testing & synthetics", 1},
		{"redirect to another host", func(w http.ResponseWriter, r *http.Request) bool {
			http.Redirect(w, r, elsewhereURL+r.URL.Path, http.StatusTemporaryRedirect)
			return true
		}, exitNetwork, "redirected the request", "K6_CLOUD_HOST_V6", 1},
		{"503 every time", reply(503, "application/json", `{"error":{"code":"error","message":"down"}}`), exitNetwork, "after 3 attempts", "try again", 3},
		{"429 every time", func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Retry-After", "0")
			fakeapi.WriteError(w, http.StatusTooManyRequests, "slow down")
			return true
		}, exitNetwork, "limiting the rate", "Wait", 3},
		{"connection reset mid-body", cutOff, exitNetwork, "connection", "network", 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, base := faultyAPI(t, tc.fault)
			h := newHarness(t, base)
			h.writeConfig(k6File)
			start := time.Now()
			code, out, errOut := h.run(personalToken+"\n", "--stack", "my-team", "--token-stdin")
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			if !strings.Contains(errOut, tc.message) || !strings.Contains(errOut, tc.hint) {
				t.Errorf("stderr lacks %q or %q:\n%s", tc.message, tc.hint, errOut)
			}
			if out != "" {
				t.Errorf("stdout on failure: %q", out)
			}
			requireTerminalSafe(t, "stderr", errOut)
			for _, bad := range []string{"owned title", "evil.example", personalToken} {
				if strings.Contains(errOut, bad) {
					t.Errorf("stderr holds %q:\n%s", bad, errOut)
				}
			}
			if got := h.readConfig(); got != k6File {
				t.Errorf("config changed:\n%s", got)
			}
			if got := h.accountsFile(); got != "" {
				t.Errorf("accounts file written on a failed login:\n%s", got)
			}
			if n := srv.RequestsTo("/cloud/v6/auth"); tc.requests != 0 && n != tc.requests {
				t.Errorf("%d requests to /auth, want %d", n, tc.requests)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	if n := leaked.Load(); n != 0 {
		t.Errorf("the other host got %d requests: the redirect was followed", n)
	}
}

// A server that recovers: retried, bounded, and the login goes through.
func TestServerRecoversThroughCLI(t *testing.T) {
	cases := []struct {
		name    string
		status  int
		retryAt string
		minWait time.Duration
	}{
		{"503 then 200", http.StatusServiceUnavailable, "", 0},
		{"429 with Retry-After then 200", http.StatusTooManyRequests, "1", 900 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv, base := faultyAPI(t, func(w http.ResponseWriter, r *http.Request) bool {
				if n.Add(1) > 1 {
					return false
				}
				if tc.retryAt != "" {
					w.Header().Set("Retry-After", tc.retryAt)
				}
				fakeapi.WriteError(w, tc.status, "try later")
				return true
			})
			h := newHarness(t, base)
			h.writeConfig(k6File)
			start := time.Now()
			code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if d := time.Since(start); d < tc.minWait {
				t.Errorf("took %v: Retry-After was not honoured", d)
			}
			if got := srv.RequestsTo("/cloud/v6/auth"); got != 2 {
				t.Errorf("%d requests to /auth, want 2", got)
			}
			if c := cloudKeys(t, h.readConfig()); jsonText(c["token"]) != personalToken {
				t.Errorf("not saved: %v", c)
			}
		})
	}
}

// IDs beyond 32 bits, and beyond the 53 bits a float64 holds exactly, travel
// from the API into both files and back out of --show and accounts unchanged.
func TestIDsBeyond32BitsEndToEnd(t *testing.T) {
	const (
		bigStack   = int64(9007199254740993)    // 2^53 + 1: a float64 would round it
		bigDefault = int64(9223372036854775807) // the largest int64
		bigProject = int64(4294967297)          // 2^32 + 1
		bigURL     = "https://big.grafana.net"
	)
	srv := fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: personalToken, Stacks: []string{bigURL}}},
		Stacks: []fakeapi.Stack{{URL: bigURL, ID: bigStack, Projects: []fakeapi.Project{
			{ID: bigDefault, Name: "Default project", IsDefault: true}, {ID: bigProject, Name: "wide"},
		}}},
	})
	base, stop := srv.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)

	code, out, errOut := h.run(personalToken, "--stack", "big", "--token-stdin", "--project-id", strconv.FormatInt(bigProject, 10), "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var summary loginSummary
	if err := json.Unmarshal([]byte(out), &summary); err != nil || summary.StackID != bigStack ||
		summary.DefaultProjectID != bigDefault || summary.ProjectID != bigProject {
		t.Errorf("summary %+v, %v", summary, err)
	}
	saved := h.readConfig()
	for _, want := range []string{`"stackID": 9007199254740993`, `"defaultProjectID": 9223372036854775807`, `"projectID": 4294967297`} {
		if !strings.Contains(saved, want) {
			t.Errorf("config lacks %s:\n%s", want, saved)
		}
	}
	accounts := h.accountsFile()
	for _, want := range []string{"9007199254740993", "9223372036854775807", "4294967297"} {
		if !strings.Contains(accounts, want) {
			t.Errorf("accounts file lacks %s:\n%s", want, accounts)
		}
	}

	_, out, _ = h.run("", "--show", "--json")
	var r showReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.StackID != bigStack {
		t.Errorf("--show --json: %v\n%s", err, out)
	}
	for _, want := range []string{"9007199254740993", "9223372036854775807", "4294967297"} {
		if !strings.Contains(out, want) {
			t.Errorf("--show --json lacks %s:\n%s", want, out)
		}
	}
	_, out, _ = h.run("", "accounts", "--json")
	var views []accountView
	if err := json.Unmarshal([]byte(out), &views); err != nil {
		t.Fatalf("accounts --json: %v\n%s", err, out)
	}
	found := false
	for _, v := range views {
		if v.Active {
			found = v.StackID == bigStack && v.DefaultProjectID == bigDefault && v.ProjectID == bigProject
		}
	}
	if !found {
		t.Errorf("accounts --json lost the IDs: %+v", views)
	}
	// Switching away and back writes the IDs from the accounts file into k6's config.
	if code, _, e := h.run("", "switch", "old", "--force"); code != exitOK {
		t.Fatalf("switch old: %s", e)
	}
	if code, _, e := h.run("", "switch", "big-personal"); code != exitOK {
		t.Fatalf("switch back: %s", e)
	}
	if got := h.readConfig(); got != saved {
		t.Errorf("after switching back the file differs:\n%s\nwant\n%s", got, saved)
	}
}

// Tokens no one means to send: each is refused before any request, with the
// documented exit code, without being echoed, on both ways in.
func TestHostileTokensNeedNoRequest(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	long := "glc_" + strings.Repeat("A1b2C3d4E5", 1024) // 10 KB
	cases := []struct{ name, token, want string }{
		{"inner space", "glc_SECRETabc defghij", "space or line break"},
		{"inner newline", "glc_SECRETabc\ndefghij", "space or line break"},
		{"inner CRLF", "glc_SECRETabc\r\ndefghij", "space or line break"},
		{"inner tab", "glc_SECRETabc\tdefghij", "space or line break"},
		{"escape sequence", "glc_SECRETabc\x1b[31mdefghij", "control character"},
		{"NUL", "glc_SECRETabc\x00defghij", "control character"},
		{"DEL", "glc_SECRETabc\x7fdefghij", "control character"},
		{"bidi override", "glc_SECRETabc\u202edefghij", "non-ASCII"},
		{"zero-width space", "glc_SECRETabc\u200bdefghij", "non-ASCII"},
		{"non-ASCII letter", "glc_SECRETäbcdefghij", "non-ASCII"},
		{"invalid UTF-8", "glc_SECRETabc\xffdefghij", "control character"},
		{"10 KB", long, "more than any API token"},
		{"only spaces", " \t \r\n ", "it is empty"},
	}
	for _, tc := range cases {
		for _, via := range []string{"stdin", "flag"} {
			if via == "flag" && strings.ContainsRune(tc.token, 0) {
				continue // no argv can carry a NUL
			}
			t.Run(tc.name+" via "+via, func(t *testing.T) {
				api.ResetCounts()
				h := newHarness(t, base)
				h.writeConfig(k6File)
				var code int
				var out, errOut string
				if via == "stdin" {
					code, out, errOut = h.run(tc.token, "--stack", "my-team", "--token-stdin")
				} else {
					code, out, errOut = h.run("", "--stack", "my-team", "--token", tc.token)
				}
				if via == "flag" && strings.TrimSpace(tc.token) == "" {
					tc.want = "--token is empty"
				}
				if code != exitInput || !strings.Contains(errOut, tc.want) {
					t.Errorf("exit %d, want %d with %q; stderr:\n%s", code, exitInput, tc.want, errOut)
				}
				if n := api.Requests(); n != 0 {
					t.Errorf("%d requests for a token that cannot be valid", n)
				}
				requireTerminalSafe(t, "stderr", errOut)
				requireNoSecret(t, "output", out+errOut, tc.token)
				if h.readConfig() != k6File || h.accountsFile() != "" {
					t.Error("a file changed")
				}
			})
		}
	}

	// What surrounds a token is trimmed, on stdin and in --token alike.
	for _, raw := range []string{"  " + personalToken + "\r\n", "\t" + personalToken + "\n\n"} {
		h := newHarness(t, base)
		if code, _, e := h.run(raw, "--stack", "my-team", "--token-stdin"); code != exitOK {
			t.Errorf("stdin %q: exit %d: %s", raw, code, e)
		}
		h = newHarness(t, base)
		if code, _, e := h.run("", "--stack", "my-team", "--token", raw); code != exitOK {
			t.Errorf("--token %q: exit %d: %s", raw, code, e)
		}
	}
}

// requireNoSecret fails when s holds secret or any 12-byte piece of its
// non-space part.
func requireNoSecret(t *testing.T, what, s, secret string) {
	t.Helper()
	for _, part := range strings.FieldsFunc(secret, func(r rune) bool { return r <= ' ' || r == 0x7f || r > unicode.MaxASCII }) {
		for i := 0; i+12 <= len(part); i++ {
			if strings.Contains(s, part[i:i+12]) {
				t.Errorf("%s holds %q, a piece of the token:\n%s", what, part[i:i+12], s)
				return
			}
		}
	}
}

// Flags and paths combined in odd ways: each gets a clear answer, most of
// them before any request.
func TestOddFlagsAndPaths(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	dir := t.TempDir()
	aFile := filepath.Join(dir, "a-file")
	if err := os.WriteFile(aFile, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		config string // "" for the harness's path
		stdin  string
		args   []string
		code   int
		want   string
	}{
		{"--show --reset --json: reset wins", "", "", []string{"--show", "--reset", "--json"}, exitOK, `"removed": true`},
		{"--token-stdin with an empty stdin", "", "", []string{"--stack", "my-team", "--token-stdin"}, exitInput, "it is empty"},
		{"--stack twice", "", personalToken, []string{"--stack", "my-team", "--stack", "other", "--token-stdin"}, exitInput, `given twice ("my-team" and "other")`},
		{"--project-id twice", "", personalToken, []string{"--stack", "my-team", "--project-id", "501", "--project-id", "502", "--token-stdin"}, exitInput, "given twice"},
		{"--token twice", "", "", []string{"--stack", "my-team", "-t", personalToken, "--token", stackToken}, exitInput, "--token is given twice"},
		{"-c twice", "", "", []string{"-c", aFile, "--show"}, exitInput, "given twice"},
		{"project ID with an exponent", "", personalToken, []string{"--stack", "my-team", "--token-stdin", "--project-id", "1e3"}, exitInput, "not a number"},
		{"project ID in hex", "", personalToken, []string{"--stack", "my-team", "--token-stdin", "--project-id", "0x10"}, exitInput, "not a number"},
		{"project ID in full-width digits", "", personalToken, []string{"--stack", "my-team", "--token-stdin", "--project-id", "１２"}, exitInput, "not a number"},
		{"project ID of minus zero", "", personalToken, []string{"--stack", "my-team", "--token-stdin", "--project-id", "-0"}, exitInput, "not valid"},
		{"project ID beyond int64 by one", "", personalToken, []string{"--stack", "my-team", "--token-stdin", "--project-id", "9223372036854775808"}, exitInput, "too large"},
		{"a token pasted into --stack", "", personalToken, []string{"--stack", "glc_SECRETSECRETSECRETSECRET", "--token-stdin"}, exitInput, "invalid stack"},
		{"-c a folder", dir, personalToken, []string{"--stack", "my-team", "--token-stdin"}, exitError, "is a folder"},
		{"-c /dev/null: login", os.DevNull, personalToken, []string{"--stack", "my-team", "--token-stdin"}, exitError, "not a regular file"},
		{"-c /dev/null: reset", os.DevNull, "", []string{"--reset"}, exitError, "not a regular file"},
		{"-c /dev/null: show", os.DevNull, "", []string{"--show"}, exitError, "not a regular file"},
		// Running as root, a read-only file or folder stops nothing; a path
		// under a regular file fails for everyone.
		{"-c under a regular file", filepath.Join(aFile, "k6", "config.json"), personalToken, []string{"--stack", "my-team", "--token-stdin"}, exitError, "not a directory"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api.ResetCounts()
			h := newHarness(t, base)
			if tc.config != "" {
				h.configPath = tc.config
			} else {
				h.writeConfig(k6File)
			}
			code, out, errOut := h.run(tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(out+errOut, tc.want) {
				t.Errorf("exit %d, want %d with %q; stdout:\n%s\nstderr:\n%s", code, tc.code, tc.want, out, errOut)
			}
			if tc.code != exitOK {
				if n := api.Requests(); n != 0 {
					t.Errorf("%d requests sent", n)
				}
				if tc.config == "" && h.readConfig() != k6File {
					t.Error("config changed")
				}
				if h.accountsFile() != "" {
					t.Error("accounts file written")
				}
			}
			if tc.code == exitError && tc.config != "" && !strings.Contains(errOut, tc.config) {
				t.Errorf("the message does not name %s:\n%s", tc.config, errOut)
			}
			requireNoSecret(t, "output", out+errOut, personalToken)
			requireNoSecret(t, "output", out+errOut, stackToken)
		})
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Errorf("%s is no longer a device: %v", os.DevNull, err)
	}
	if b, _ := os.ReadFile(aFile); string(b) != "x" {
		t.Error("the regular file in the path changed")
	}
}

// Config files k6login cannot use: refused before any request, named in the
// message, and left byte for byte as they were, by login, --reset and --show.
func TestOddConfigFilesThroughCLI(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	cases := []struct{ name, content, want string }{
		{"not JSON", "collectors = cloud\n", "not valid JSON"},
		{"truncated", `{"collectors": {"cloud": {"token": "x"`, "not valid JSON"},
		{"a JSON array", `[{"collectors": {}}]`, "the top level is an array"},
		{"a JSON string", `"collectors"`, "the top level is a string"},
		{"collectors a string", `{"collectors": "cloud"}`, `key "collectors" is a string`},
		{"collectors an array", `{"collectors": [1]}`, `key "collectors" is an array`},
		{"collectors.cloud a number", `{"collectors": {"cloud": 5}}`, `key "collectors.cloud" is a number`},
		{"collectors.cloud an array", `{"collectors": {"cloud": []}}`, `key "collectors.cloud" is an array`},
		{"50 MB", `{"pad": "` + strings.Repeat("k6", 25<<20) + `"}`, "larger than"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			for _, args := range [][]string{{"--stack", "my-team", "--token-stdin"}, {"--reset"}, {"--show"}, {"accounts"}} {
				api.ResetCounts()
				h := newHarness(t, base)
				h.writeConfig(tc.content)
				code, _, errOut := h.run(personalToken, args...)
				if code != exitError || !strings.Contains(errOut, tc.want) || !strings.Contains(errOut, h.configPath) {
					t.Errorf("%v: exit %d, want %d with %q and the path; stderr:\n%.500s", args, code, exitError, tc.want, errOut)
				}
				if api.Requests() != 0 {
					t.Errorf("%v: %d requests", args, api.Requests())
				}
				if h.readConfig() != tc.content {
					t.Errorf("%v changed the file", args)
				}
				if h.accountsFile() != "" {
					t.Errorf("%v wrote the accounts file", args)
				}
			}
		})
	}
}

// IDs stored as strings (by hand, or by another tool) are not k6's types:
// --show says so naming the file, and a login, which rewrites exactly these
// keys, repairs them and keeps every other key.
func TestIDsStoredAsStrings(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	const content = `{"collectors": {"cloud": {"stackID": "123", "defaultProjectID": "9", "name": "keep"}}, "vus": 2}`
	h.writeConfig(content)
	code, out, errOut := h.run("", "--show")
	if code == exitOK {
		if !strings.Contains(out, "123") && !strings.Contains(out+errOut, "stackID") {
			t.Errorf("--show hides the odd value:\n%s%s", out, errOut)
		}
	} else if code != exitError || !strings.Contains(errOut, h.configPath) || !strings.Contains(errOut, "stackID") {
		t.Errorf("--show: exit %d:\n%s", code, errOut)
	}
	if h.readConfig() != content {
		t.Error("--show changed the file")
	}
	code, _, errOut = h.run(personalToken, "--stack", "my-team", "--token-stdin")
	if code != exitOK {
		if code != exitError || !strings.Contains(errOut, h.configPath) || h.readConfig() != content {
			t.Fatalf("login: exit %d, file changed %v:\n%s", code, h.readConfig() != content, errOut)
		}
		return
	}
	c := cloudKeys(t, h.readConfig())
	if jsonText(c["stackID"]) != "6000000001" || jsonText(c["name"]) != "keep" {
		t.Errorf("after login: %v", c)
	}
}

// A symlinked config stays a symlink and its target gets the login; a path
// whose folders do not exist yet gets them, owner-only.
func TestSymlinkAndMissingFoldersThroughCLI(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	target := h.configPath
	link := filepath.Join(t.TempDir(), "dotfiles-link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	h.configPath = link
	if code, _, e := h.run(personalToken, "--stack", "my-team", "--token-stdin"); code != exitOK {
		t.Fatalf("login through a symlink: %s", e)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symlink was replaced: %v", err)
	}
	b, _ := os.ReadFile(target)
	if jsonText(cloudKeys(t, string(b))["token"]) != personalToken {
		t.Errorf("the target did not get the login:\n%s", b)
	}

	h2 := newHarness(t, base)
	h2.configPath = filepath.Join(t.TempDir(), "a", "b", "c", "config.json")
	if code, _, e := h2.run(personalToken, "--stack", "my-team", "--token-stdin"); code != exitOK {
		t.Fatalf("login to a new path: %s", e)
	}
	for p := filepath.Dir(h2.configPath); filepath.Base(p) != filepath.Base(filepath.Dir(filepath.Dir(filepath.Dir(filepath.Dir(h2.configPath))))); p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, %v; want 0700", p, fi.Mode(), err)
		}
	}
	if fi, err := os.Stat(h2.configPath); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %v, %v", fi.Mode(), err)
	}
}

// A damaged accounts file is never overwritten. A login that would replace
// credentials only k6's config holds stops with nothing written, since they
// could not be kept; with no login in k6's config, the login goes ahead and
// says the account was not saved, naming the file.
func TestDamagedAccountsStoreThroughCLI(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	for _, damaged := range []string{"{not json", `[]`, `{"version": 99, "accounts": []}`, ""} {
		for _, config := range []string{k6File, `{"collectors":{"cloud":{"name":"no login here"}}}`} {
			h := newHarness(t, base)
			h.writeConfig(config)
			p := h.env["K6LOGIN_ACCOUNTS"]
			if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(damaged), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin")
			holdsLogin := config == k6File
			switch {
			case damaged == "":
				// An empty file holds no accounts; it is not damage.
				if code != exitOK {
					t.Errorf("empty accounts file: exit %d: %s", code, errOut)
				}
				continue
			case holdsLogin:
				if code != exitError || !strings.Contains(errOut, "nothing was saved") || !strings.Contains(errOut, p) {
					t.Errorf("%q over a login: exit %d:\n%s", damaged, code, errOut)
				}
				if h.readConfig() != config {
					t.Errorf("%q: k6's config changed although its login could not be kept", damaged)
				}
			default:
				if code != exitOK || !strings.Contains(errOut, "not saved") || !strings.Contains(errOut, p) {
					t.Errorf("%q: exit %d:\n%s", damaged, code, errOut)
				}
				if jsonText(cloudKeys(t, h.readConfig())["token"]) != personalToken {
					t.Errorf("%q: k6's config did not get the login", damaged)
				}
			}
			if got := h.accountsFile(); got != damaged {
				t.Errorf("%q: the damaged accounts file was changed to %q", damaged, got)
			}
		}
	}
}
