package authclient

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient/fakeapi"
)

func TestRedact(t *testing.T) {
	const token = "glc_eyJvIjoiMTIzNDUiLCJuIjoidGVzdCJ9"
	cases := []struct{ name, in, want string }{
		{"no token", "Invalid token", "Invalid token"},
		{"whole token", "bad " + token + " here", "bad [token] here"},
		{"twice", token + "," + token, "[token],[token]"},
		{"start cut", "x " + token[:12], "x [token]"},
		{"end cut", token[20:] + " y", "[token] y"},
		{"middle piece", "a" + token[5:13] + "b", "a[token]b"},
		{"seven chars stay", "a" + token[5:12] + "b", "a" + token[5:12] + "b"},
		{"two pieces glued", token[:10] + token[25:], "[token]"},
		{"prefix alone stays", "glc_ is the prefix", "glc_ is the prefix"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Redact(c.in, token); got != c.want {
				t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	if got := Redact("abc", ""); got != "abc" {
		t.Errorf("empty token changed the text: %q", got)
	}
	if got := Redact("key=abcdef!", "abcdef"); got != "key=[token]!" {
		t.Errorf("short token: %q", got)
	}
}

// A token that holds the stand-in itself must not make Redact leave a run
// that a second pass would find.
func TestRedactTokenHoldingTheStandIn(t *testing.T) {
	token := "q[token]ABCDEFGH"
	got := Redact("qABCDEFGH", token)
	if Redact(got, token) != got || hasLeakRun(got, token) {
		t.Fatalf("Redact left %q", got)
	}
}

// hasLeakRun reports whether s holds minLeakRun consecutive bytes of token.
func hasLeakRun(s, token string) bool {
	if len(token) < minLeakRun {
		return len(token) >= 4 && strings.Contains(s, token)
	}
	for i := 0; i+minLeakRun <= len(token); i++ {
		if strings.Contains(s, token[i:i+minLeakRun]) {
			return true
		}
	}
	return false
}

func FuzzRedact(f *testing.F) {
	for _, seed := range []struct{ s, token string }{
		{"Invalid token glc_abcdefghijklmnop", "glc_abcdefghijklmnop"},
		{"prefix " + strings.Repeat("x", 300) + " glc_abcdefghijklmnop", "glc_abcdefghijklmnop"},
		{"ghijklmnXXabcdefgh", "abcdefghijklmnop"},
		{"qABCDEFGH", "q[token]ABCDEFGH"},
		{"aaaaaaaaaaaaaaaa", "aaaaaaaaa"},
		{"", "glc_x"},
		{"short abcd", "abcd"},
		{"日本語日本語日本語", "日本語日本語"},
	} {
		f.Add(seed.s, seed.token)
	}
	f.Fuzz(func(t *testing.T, s, token string) {
		if len(s) > 4096 || len(token) > 512 {
			return // the scan is quadratic; callers bound both
		}
		out := Redact(s, token)
		if hasLeakRun(out, token) {
			t.Fatalf("Redact(%q, %q) = %q still holds a run of the token", s, token, out)
		}
		if again := Redact(out, token); again != out {
			t.Fatalf("Redact is not idempotent: %q then %q", out, again)
		}
		if !hasLeakRun(s, token) && out != s {
			t.Fatalf("Redact changed %q, which holds no run of the token, to %q", s, out)
		}
	})
}

// A server that quotes the token after a long preamble: the old code cut the
// message to 200 characters first and redacted after, so the cut token no
// longer matched and its first part was shown.
func TestTokenEchoedAfterLongPreambleShowsNoPart(t *testing.T) {
	token := "glc_" + strings.Repeat("Zq9", 20)
	preamble := strings.Repeat("p", 300)
	for _, at := range []int{0, 150, 190, 193, 196, 197, 200, 300} {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			fakeapi.WriteError(w, http.StatusUnauthorized, preamble[:at]+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")+" is not valid")
			return true
		})
		_, err := newTestClient(base).Validate(context.Background(), token, "demo")
		e := asError(t, err, KindInvalidToken, token)
		for _, s := range []string{e.ServerMessage, e.Error()} {
			// Not even the start of it, where the cap cuts: the whole token
			// is redacted before the message is shortened.
			if hasLeakRun(s, token) || strings.Contains(s, token[:3]) {
				t.Errorf("token quoted at %d: part of it is shown: %q", at, s)
			}
		}
	}
}
