package tui

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// The wizard against a hostile server (with the real HTTP client over
// loopback) and hostile typing: what the server says never reaches the screen
// raw, odd input is refused before any request, and the config file is never
// touched by a failure.

// canaryToken is recognisable, so that secrets_test.go can look for it anywhere.
const canaryToken = "SECRET-TOKEN-canary-7f3a9c"

// hostileEnv is a wizard over the real client and a fakeapi server on loopback
// that knows canaryToken for stackURL.
func hostileEnv(t *testing.T, opts ...envOpt) (*env, *fakeapi.Server) {
	t.Helper()
	srv := fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: canaryToken, Stacks: []string{stackURL}}},
		Stacks: []fakeapi.Stack{{URL: stackURL, ID: 9007199254740993, Projects: []fakeapi.Project{
			{ID: 4294967297, Name: "Default project", IsDefault: true}, {ID: 4294967298, Name: "wide"},
		}}},
	})
	base, stop := srv.Start()
	t.Cleanup(stop)
	e := newEnv(t, opts...)
	e.m.deps.API = authclient.New(authclient.Options{BaseURL: base, Timeout: 2 * time.Second,
		Backoff: func(int) time.Duration { return time.Millisecond }})
	return e, srv
}

// requireScreenSafe fails when a drawn screen holds an escape or other
// control character (the colour profile is plain ASCII in these tests, so the
// wizard itself draws none), a bidi or zero-width character, or the token.
func requireScreenSafe(t *testing.T, views []string) {
	t.Helper()
	for _, v := range views {
		for _, r := range v {
			if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("a screen holds %U:\n%q", r, v)
			}
		}
		for _, bad := range []string{"owned title", "evil.example", canaryToken, "canary-7f3a9c"} {
			if strings.Contains(v, bad) {
				t.Fatalf("a screen holds %q:\n%s", bad, v)
			}
		}
	}
}

const evilServerText = "\x1b[2J\x1b[31mpwned\x1b[0m \x1b]0;owned title\x07\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ \u202eexe.txt\u200b\x00"

func TestWizardServerFaults(t *testing.T) {
	evil, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "error", "message": evilServerText}})
	echo, _ := json.Marshal(map[string]any{"error": map[string]any{"code": "error", "message": "token " + canaryToken + " revoked"}})
	status := func(code int, ctype, body string) func(http.ResponseWriter, *http.Request) bool {
		return func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("Content-Type", ctype)
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
			return true
		}
	}
	cases := []struct {
		name  string
		fault func(http.ResponseWriter, *http.Request) bool
		shows string
	}{
		{"escapes in a 401", status(401, "application/json", string(evil)), "pwned"},
		{"escapes in a 500", status(500, "application/json", string(evil)), "pwned"},
		{"escapes in a 400", status(400, "application/json", string(evil)), "pwned"},
		{"token echoed in a 401", status(401, "application/json", string(echo)), "[token] revoked"},
		{"HTML from a proxy", status(502, "text/html", "<html><h1>\x1b[31m502</h1></html>"), "HTML page"},
		{"empty 200", status(200, "application/json", ""), "empty"},
		{"200 not JSON", status(200, "text/plain", "\x1b]0;owned title\x07hello"), "unexpected reply"},
		{"200 lacking IDs", status(200, "application/json", `{"stack_id": 0}`), "stack_id"},
		{"reset mid-body", func(w http.ResponseWriter, r *http.Request) bool {
			conn, buf, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{")
				_ = buf.Flush()
				conn.Close()
			}
			return true
		}, "connection"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, srv := hostileEnv(t, withExistingFile(`{"collectors":{"cloud":{"token":"glc_old_old_old"}},"x":1}`))
			srv.SetFault(tc.fault)
			e.init()
			e.send(enter)
			e.typeText("my-team")
			e.send(enter, paste(canaryToken), enter)
			e.requireStep(stepValidateError)
			view := e.m.View()
			if !strings.Contains(view, tc.shows) {
				t.Errorf("the error screen lacks %q:\n%s", tc.shows, view)
			}
			requireScreenSafe(t, e.views)
			e.send(ctrlC)
			e.requireUntouched()
		})
	}
}

// A reply that never comes: Esc abandons the request (the server sees it
// cancelled), the wizard goes back to the token, and the file is untouched;
// Ctrl+C quits the same way.
func TestWizardReplyThatNeverComes(t *testing.T) {
	for _, key := range []string{"esc", "ctrl+c"} {
		t.Run(key, func(t *testing.T) {
			e, srv := hostileEnv(t, withExistingFile(`{"x":1}`))
			arrived := make(chan struct{}, 1)
			var cancelled atomic.Bool
			srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
				arrived <- struct{}{}
				<-r.Context().Done()
				cancelled.Store(true)
				return true
			})
			tm := e.program()
			toValidation(tm, "my-team", canaryToken)
			waitFor(t, tm, "Checking the token")
			select {
			case <-arrived:
			case <-time.After(5 * time.Second):
				t.Fatal("the request never reached the server")
			}
			if key == "esc" {
				send(tm, esc)
				waitFor(t, tm, "Paste an API token")
				send(tm, ctrlC)
			} else {
				send(tm, ctrlC)
			}
			tm.WaitFinished(t)
			deadline := time.Now().Add(2 * time.Second)
			for !cancelled.Load() && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if !cancelled.Load() {
				t.Error("the request was left running on the server")
			}
			requireScreenSafe(t, []string{e.m.View()})
			e.requireUntouched()
		})
	}
}

// Hostile tokens in the wizard's token field: each is refused with a reason
// before any request; the field's echo never shows the text. Control
// characters can only arrive in a paste (a terminal turns an ESC or a NUL
// typed into a key of its own), so those are pasted only.
func TestWizardHostileTokens(t *testing.T) {
	cases := []struct{ name, token string }{
		{"inner space", "glc_SECRETabc defghij"},
		{"inner tab", "glc_SECRETabc\tdefghij"},
		{"escape sequence", "glc_SECRETabc\x1b[31mdefghij"},
		{"NUL", "glc_SECRETabc\x00defghij"},
		{"non-ASCII", "glc_SECRETäbcdefghij"},
		{"bidi override", "glc_SECRETabc\u202edefghij"},
		{"10 KB", "glc_" + strings.Repeat("A1b2C3d4E5", 1024)},
	}
	for _, tc := range cases {
		for _, how := range []string{"paste", "typed"} {
			if how == "typed" && (strings.ContainsFunc(tc.token, unicode.IsControl) || len(tc.token) > 1000) {
				continue // 10 KB one key at a time takes seconds: pasted only
			}
			t.Run(tc.name+" "+how, func(t *testing.T) {
				e, srv := hostileEnv(t)
				e.init()
				e.send(enter)
				e.typeText("my-team")
				e.send(enter)
				if how == "paste" {
					e.send(paste(tc.token))
				} else {
					for _, r := range tc.token {
						e.m.Update(runes(string(r)))
					}
				}
				e.send(enter)
				if srv.Requests() != 0 {
					t.Fatalf("%d requests for a token that cannot be valid", srv.Requests())
				}
				e.requireStep(stepToken)
				view := e.m.View()
				if !strings.Contains(view, "✗") {
					t.Errorf("no reason shown:\n%s", view)
				}
				requireScreenSafe(t, e.views)
				for i := 0; i+12 <= len(tc.token); i += 4 {
					if piece := tc.token[i : i+12]; strings.Contains(view, piece) {
						t.Fatalf("the screen shows %q of the token:\n%s", piece, view)
					}
				}
				e.requireUntouched()
			})
		}
	}
}

// Project IDs no project has: refused in the field, without a request.
func TestWizardHostileProjectIDs(t *testing.T) {
	for _, id := range []string{"0", "-1", "abc", "1e3", "0x10", "99999999999999999999", "１２", " ", "4294967297x"} {
		t.Run(id, func(t *testing.T) {
			e, srv := hostileEnv(t)
			e.init()
			e.toTokenMode(canaryToken)
			e.send(enter, runes("i"))
			e.requireStep(stepProject)
			e.send(paste(id))
			srv.ResetCounts()
			e.send(enter)
			if n := srv.RequestsTo("/cloud/v6/projects/" + strings.TrimSpace(id)); n != 0 || srv.Requests() != 0 {
				t.Fatalf("%d requests for project ID %q", srv.Requests(), id)
			}
			if view := e.m.View(); !strings.Contains(view, "whole number") {
				t.Errorf("no reason for %q:\n%s", id, view)
			}
			requireScreenSafe(t, e.views)
			e.requireUntouched()
		})
	}
	// A real ID beyond 32 bits goes through and into the file whole.
	e, _ := hostileEnv(t)
	e.init()
	e.toTokenMode(canaryToken)
	e.send(enter, runes("i"), paste("4294967298"), enter)
	e.send(enter, enter)
	e.requireSaved(configstore.Credentials{Token: canaryToken, StackID: 9007199254740993, StackURL: stackURL,
		DefaultProjectID: 4294967297, ProjectID: 4294967298})
	requireScreenSafe(t, e.views)
}
