package tui

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// requireNoCanary fails when s holds canaryToken or any 8-byte piece of it (a
// masked token shows 4 characters at each end, never 8 in a row).
func requireNoCanary(t *testing.T, what, s string) {
	t.Helper()
	for i := 0; i+8 <= len(canaryToken); i++ {
		if piece := canaryToken[i : i+8]; strings.Contains(s, piece) {
			t.Fatalf("%s holds %q, a piece of the token:\n%s", what, piece, s)
		}
	}
}

// TestCanaryNeverOnScreen walks the wizard with the canary token through every
// screen it can reach, over the real client: a refusal echoed by the server,
// help, the token type, the project list and its filter, the ID field, review,
// save; then the line-by-line form. No screen and no error holds the token.
func TestCanaryNeverOnScreen(t *testing.T) {
	e, srv := hostileEnv(t, withExistingFile(`{"collectors":{"cloud":{"token":"`+canaryToken+`"}}}`))
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		srv.SetFault(nil)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":{"code":"error","message":"Invalid token ` + canaryToken + `"}}`))
		return true
	})
	e.init()
	e.send(enter)
	e.typeText("my-team")
	e.send(enter, paste(canaryToken), enter)
	e.requireStep(stepValidateError)
	requireNoCanary(t, "the error", e.m.login.Err.Error())
	e.send(enter)
	e.requireStep(stepToken)
	if e.m.tokenInput.Value() == "" {
		e.send(paste(canaryToken))
	}
	e.send(enter)
	e.requireStep(stepTokenMode)
	e.send(runes("?"), runes("?"), down, enter) // help, then a stack token
	e.send(runes("/"), runes("w"), esc, esc)
	e.send(runes("i"), paste("4294967298"), enter)
	e.send(runes("?"), runes("?"))
	for range 3 {
		if e.m.step == stepSaved {
			break
		}
		e.send(enter)
	}
	e.requireStep(stepSaved)
	for i, v := range e.views {
		requireNoCanary(t, fmt.Sprintf("screen %d", i), v)
	}

	var out strings.Builder
	res, err := RunAccessible(context.Background(), Deps{API: e.m.deps.API, Store: e.fixed, Getenv: func(string) string { return "" }},
		strings.NewReader("my-team\n\n\n\n"), &out, secrets(canaryToken+" x", canaryToken))
	if err != nil || !res.Saved {
		t.Fatalf("accessible: %v, %+v\n%s", err, res, out.String())
	}
	requireNoCanary(t, "the accessible form's output", out.String())
}
