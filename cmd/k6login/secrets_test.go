package main

import (
	"encoding/json"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient/fakeapi"
)

// canary is a recognisable token: TestTokenNeverPrinted runs every command
// and every failure with it and looks for it, and for any long piece of it, in
// everything k6login printed.
const canary = "SECRET-TOKEN-canary-7f3a9c"

// secretPieces are canary and every 8-byte piece of it: a masked token shows
// 4 characters at each end, never 8 in a row.
func secretPieces(secret string) []string { return pieces(secret, 8) }

// pieces are secret and every n-byte piece of it.
func pieces(secret string, n int) []string {
	out := []string{secret}
	for i := 0; i+n <= len(secret); i++ {
		out = append(out, secret[i:i+n])
	}
	return out
}

func requireNoCanary(t *testing.T, what, s string) {
	t.Helper()
	for _, p := range secretPieces(canary) {
		if strings.Contains(s, p) {
			t.Errorf("%s holds %q, a piece of the token:\n%s", what, p, s)
			return
		}
	}
}

func canaryAPI() *fakeapi.Server {
	return fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: canary, Stacks: []string{teamURL, otherURL}}},
		Stacks: []fakeapi.Stack{
			{URL: teamURL, ID: 6000000001, Projects: []fakeapi.Project{{ID: 501, Name: "Default project", IsDefault: true}, {ID: 502, Name: "checkout"}}},
			{URL: otherURL, ID: 42, Projects: []fakeapi.Project{{ID: 900, Name: "Default project", IsDefault: true}}},
		},
	})
}

// echoing replies with the token and the stack it was sent, in the message and
// in headers, as a careless proxy or a verbose server might.
func echoing(status int) func(w http.ResponseWriter, r *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		msg := "bad " + r.Header.Get("Authorization") + " for " + r.Header.Get("X-Stack-Url") + " token=" + canary
		b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "error", "message": msg, "target": canary}})
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("WWW-Authenticate", "Bearer "+canary)
		w.WriteHeader(status)
		_, _ = w.Write(b)
		return true
	}
}

func TestTokenNeverPrinted(t *testing.T) {
	api := canaryAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	var everything strings.Builder
	run := func(stdin string, args ...string) int {
		t.Helper()
		code, out, errOut := h.run(stdin, args...)
		requireNoCanary(t, strings.Join(args, " "), out+errOut)
		everything.WriteString(out + errOut)
		return code
	}

	// Every successful flow.
	for _, step := range []struct {
		stdin string
		args  []string
	}{
		{canary + "\n", []string{"--stack", "my-team", "--token-stdin"}},
		{"", []string{"--stack", "other", "-t", canary, "--json"}},
		{canary, []string{"--stack", "my-team", "--token-stdin", "--project-id", "502", "--json"}},
		{canary, []string{"--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"}},
		{"", []string{"--show"}},
		{"", []string{"--show", "--json"}},
		{"", []string{"accounts"}},
		{"", []string{"accounts", "--json"}},
		{"", []string{"__complete", "switch", ""}},
		{"", []string{"switch", "other-personal"}},
		{"", []string{"switch", "--force", "old"}},
		{"", []string{"switch", "my-team-personal"}},
		{"", []string{"status"}},
		{"", []string{"status", "--json"}},
		{"", []string{"--reset"}},
		{"", []string{"--reset", "--json"}},
		{"", []string{"switch", "my-team-personal"}},
		{"", []string{"remove", "other-personal"}},
		{"", []string{"remove", "my-team-personal"}},
	} {
		if code := run(step.stdin, step.args...); code != exitOK {
			t.Errorf("%v: exit %d", step.args, code)
		}
	}
	// The environment's token is named, masked.
	h.env["K6_CLOUD_TOKEN"] = canary
	run("", "--show")
	run("", "--show", "--json")
	run(canary, "--stack", "my-team", "--token-stdin")
	delete(h.env, "K6_CLOUD_TOKEN")

	// Every failure, with a server that echoes the token back.
	faulty := func(fault func(w http.ResponseWriter, r *http.Request) bool) string {
		s := canaryAPI()
		s.SetFault(fault)
		u, stop := s.Start()
		t.Cleanup(stop)
		return u
	}
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	refused := "http://" + closed.Addr().String()
	closed.Close()
	tlsBase, _, stopTLS := canaryAPI().StartTLS()
	defer stopTLS()
	bases := map[string]string{
		"401 echo": faulty(echoing(401)), "403 echo": faulty(echoing(403)), "404 echo": faulty(echoing(404)),
		"400 echo": faulty(echoing(400)), "429 echo": faulty(echoing(429)), "500 echo": faulty(echoing(500)),
		"redirect with the token": faulty(func(w http.ResponseWriter, r *http.Request) bool {
			http.Redirect(w, r, "http://"+canary+".invalid/x?token="+canary, http.StatusFound)
			return true
		}),
		"200 echo": faulty(func(w http.ResponseWriter, r *http.Request) bool {
			_, _ = w.Write([]byte(`{"stack_id": "` + canary + `"}`))
			return true
		}),
		"slow":    faulty(func(w http.ResponseWriter, r *http.Request) bool { <-r.Context().Done(); return true }),
		"refused": refused, "dns": "http://k6login-secrets.invalid", "tls": tlsBase,
	}
	for name, b := range bases {
		h.env["K6_CLOUD_HOST_V6"] = b
		h.env["K6_CLOUD_TIMEOUT"] = "200ms"
		before := h.readConfig()
		if code := run(canary, "--stack", "my-team", "--token-stdin", "--project-id", "501"); code == exitOK {
			t.Errorf("%s: exit 0", name)
		}
		if code := run("", "switch", "my-team-personal"); code == exitOK && name != "refused" {
			t.Logf("%s: switch went through", name)
		}
		if h.readConfig() != before {
			t.Errorf("%s: the config changed on a failure", name)
		}
	}
	h.env["K6_CLOUD_HOST_V6"] = base
	delete(h.env, "K6_CLOUD_TIMEOUT")

	// Input with the token in the wrong place or mangled. A token typed where a
	// stack, a project ID, an account name or nothing at all was expected is
	// recognised by its glc_ prefix (a bare word like the canary could be a
	// stack slug or an account name, and those are echoed).
	tok := "glc_" + canary
	for _, step := range []struct {
		stdin string
		args  []string
	}{
		{canary + " x", []string{"--stack", "my-team", "--token-stdin"}},
		{canary + "\x1b[0m", []string{"--stack", "my-team", "--token-stdin"}},
		{"", []string{"--stack", "my-team", "-t", canary + "\u00e9"}},
		{"", []string{"--stack", tok, "-t", canary}},
		{"", []string{"--stack", "my-team", "-t", canary, "--project-id", tok}},
		{"", []string{"--stack", "my-team", "-t", canary, "-t", canary + "x"}},
		{"", []string{"-t", canary}},
		{"", []string{"--show", "-t", canary}},
		{"", []string{"--token=" + canary, "--reset"}},
		{"", []string{"--stack", "my-team", "--token-stdin", "-t", canary}},
		{"", []string{tok}},
		{"", []string{"--stack", "my-team", tok}},
		{"", []string{"switch", tok}},
		{"", []string{"remove", tok}},
		{"", []string{"--tokn", canary}},
	} {
		if code := run(step.stdin, step.args...); code == exitOK {
			t.Errorf("%q: exit 0", step.args)
		}
	}
	if t.Failed() {
		return
	}
	if everything.Len() < 2000 {
		t.Errorf("only %d bytes captured: the flows did not run", everything.Len())
	}
}

// TestGoldenFilesHoldNoToken reads every golden file of the module for the
// canary and for the tokens the tests use.
func TestGoldenFilesHoldNoToken(t *testing.T) {
	// The canary in pieces of 8; the other test tokens, which hold plain words
	// ("personal"), in pieces of 12.
	var all []string
	all = append(all, secretPieces(canary)...)
	for _, tok := range []string{personalToken, stackToken, "glc_SECRETSECRETSECRETSECRETSECRETSECRETtail1234",
		"glc_WRONGWRONGWRONGWRONGWRONGWRONGWRONGdead9876", "glsa_CISECRETCISECRETCISECRETCISECRET_ab12"} {
		all = append(all, pieces(tok, 12)...)
	}
	n := 0
	err := filepath.WalkDir(filepath.Join("..", ".."), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".golden") || !strings.Contains(filepath.ToSlash(p), "/testdata/") {
			return nil
		}
		n++
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, piece := range all {
			if strings.Contains(string(b), piece) {
				t.Errorf("%s holds %q", p, piece)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("only %d golden files found: the walk missed them", n)
	}
}
