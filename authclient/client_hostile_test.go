package authclient

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Hostile and broken servers beyond client_test.go: a reply cut off in the
// middle of its body, and a fuzz target for the error-body parser.

// hijackAfter writes the status line, headers promising more than is sent and
// part of a body, then drops the connection: with a reset when rst is set, with
// a plain close otherwise.
func hijackAfter(status int, partial string, rst bool) func(http.ResponseWriter, *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return true
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n" +
			"Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n" + partial)
		_ = buf.Flush()
		if tc, ok := conn.(*net.TCPConn); ok && rst {
			_ = tc.SetLinger(0) // close sends RST instead of FIN
		}
		return true
	}
}

func TestReplyCutOffMidBody(t *testing.T) {
	cases := []struct {
		name   string
		status int
		rst    bool
		detail string
	}{
		{"200 closed", http.StatusOK, false, "closed before a full reply"},
		{"200 reset", http.StatusOK, true, ""},
		{"503 closed", http.StatusServiceUnavailable, false, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, base := startFake(t, hijackAfter(tc.status, `{"stack_id": 12`, tc.rst))
			_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
			var e *Error
			if tc.status == http.StatusOK {
				e = asError(t, err, KindNetwork, personal)
				if tc.detail != "" && !strings.Contains(e.Error(), tc.detail) {
					t.Errorf("Error() = %q, want it to mention %q", e.Error(), tc.detail)
				}
				if !strings.Contains(e.Error(), "connection") {
					t.Errorf("Error() = %q does not name the connection", e.Error())
				}
			} else {
				// The status arrived; the body did not. It is a server error all the same.
				e = asError(t, err, KindServer, personal)
			}
			// Transient: retried, but bounded.
			if n := srv.Requests(); n != DefaultMaxAttempts || e.Attempts != DefaultMaxAttempts {
				t.Errorf("%d requests, %d attempts; want %d of each", n, e.Attempts, DefaultMaxAttempts)
			}
		})
	}
}

// FuzzErrorBody feeds the error-reply path arbitrary bodies, statuses and
// content types: it must never panic, and what it produces for the screen must
// be sanitised (no control, format or invalid characters), capped, and free
// of the token even when the body echoes it.
func FuzzErrorBody(f *testing.F) {
	for _, s := range []struct {
		body   string
		status int
		ctype  string
	}{
		{`{"error":{"code":"error","message":"Invalid token"}}`, 401, "application/json"},
		{`{"error":{"code":"error","message":"Stack not found or you don't have access: 'https://x.grafana.net'"}}`, 403, "application/json"},
		{"<html><body><h1>502 Bad Gateway</h1></body></html>", 502, "text/html"},
		{"", 500, ""},
		{`{"error":{"message":"\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u202egnp.exe"}}`, 400, "application/json"},
		{`{"error":{"message":"echo glc_fuzz_SECRET_token_0123456789 back"}}`, 401, "application/json"},
		{`{"error":null}`, 429, "application/json"},
		{`{"error":{"message":12}}`, 404, "application/json"},
		{"\xff\xfe\x00garbage", 418, "application/octet-stream"},
	} {
		f.Add([]byte(s.body), s.status, s.ctype)
	}
	const token = "glc_fuzz_SECRET_token_0123456789"
	cl := &call{c: New(Options{BaseURL: "https://api.example.test"}), token: token, stack: "https://x.grafana.net", projectID: 7}
	f.Fuzz(func(t *testing.T, body []byte, status int, ctype string) {
		if status < 0 {
			status = -(status + 1)
		}
		status = 400 + status%200 // only non-2xx replies take this path
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {ctype}}}
		e := cl.statusError(resp, body)
		if e == nil {
			t.Fatal("no error for a non-2xx reply")
		}
		checkScreenSafe(t, "ServerMessage", e.ServerMessage, maxServerTextRunes+1)
		checkScreenSafe(t, "Error()", e.Error(), 1000)
		checkScreenSafe(t, "Hint()", e.Hint(), 1000)
		for _, s := range []string{e.ServerMessage, e.Error(), e.Hint()} {
			if strings.Contains(s, token) {
				t.Fatalf("the token reached the message: %q", s)
			}
		}
	})
}

// checkScreenSafe insists s is valid UTF-8 without control or format
// characters (escape sequences, bidi overrides, zero-width marks) and at most
// maxRunes long.
func checkScreenSafe(t *testing.T, what, s string, maxRunes int) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", what, s)
	}
	if n := utf8.RuneCountInString(s); n > maxRunes {
		t.Fatalf("%s is %d runes long, more than %d", what, n, maxRunes)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			t.Fatalf("%s holds %U: %q", what, r, s)
		}
	}
}

// A client built directly (not through ResolveEndpoint) refuses plain http
// to another host too, and sends nothing.
func TestClientRefusesPlainHTTPElsewhere(t *testing.T) {
	c := New(Options{BaseURL: "http://api.example.invalid"})
	_, err := c.Validate(context.Background(), "glc_abcdefghijklmnop", "demo")
	if err == nil || !strings.Contains(err.Error(), "unencrypted") || strings.Contains(err.Error(), "glc_") {
		t.Fatalf("err = %v", err)
	}
}
