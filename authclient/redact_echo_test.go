package authclient_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient"
)

// TestTokenEchoedManyTimesIsRedactedEverywhere: a server (or a proxy) that
// echoes the token in its error message, more than once, gets every copy
// redacted before the message reaches an error a screen shows.
func TestTokenEchoedManyTimesIsRedactedEverywhere(t *testing.T) {
	const token = "glc_ECHOECHOECHOECHOECHOECHO_0123456789"
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusBadRequest} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			w.Write([]byte(`{"error":{"code":"error","message":"token ` + token + ` refused; you sent ` + token + `, not ` + token + `"}}`))
		}))
		cl := authclient.New(authclient.Options{BaseURL: srv.URL, MaxAttempts: 1})
		_, err := cl.Validate(context.Background(), token, "https://x.grafana.net")
		srv.Close()
		var ae *authclient.Error
		if !errors.As(err, &ae) {
			t.Fatalf("%d: err = %v", status, err)
		}
		for what, s := range map[string]string{"Error()": err.Error(), "ServerMessage": ae.ServerMessage, "Hint()": ae.Hint()} {
			if strings.Contains(s, token) {
				t.Errorf("%d: %s holds the token: %q", status, what, s)
			}
		}
		if n := strings.Count(ae.ServerMessage, "[token]"); n != 3 {
			t.Errorf("%d: ServerMessage = %q; want the token redacted 3 times", status, ae.ServerMessage)
		}
	}
}
