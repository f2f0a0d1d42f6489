package authclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/k6login/k6login/authclient/fakeapi"
)

const (
	personal = fakeapi.DemoPersonalToken
	stackTok = fakeapi.DemoStackToken
)

func fastBackoff(int) time.Duration { return time.Millisecond }

// startFake runs the demo preset without its slow stack's delay.
func startFake(t testing.TB, fault func(http.ResponseWriter, *http.Request) bool) (*fakeapi.Server, string) {
	t.Helper()
	cfg := fakeapi.Demo()
	for i := range cfg.Stacks {
		cfg.Stacks[i].Delay = 0
	}
	cfg.Fault = fault
	srv := fakeapi.New(cfg)
	base, stop := srv.Start()
	t.Cleanup(stop)
	return srv, base
}

func newTestClient(base string, opts ...func(*Options)) *Client {
	o := Options{BaseURL: base, Backoff: fastBackoff, Timeout: 5 * time.Second, UserAgent: "k6login/test"}
	for _, f := range opts {
		f(&o)
	}
	return New(o)
}

// asError insists on an *Error of the wanted Kind, whose texts never hold the token.
func asError(t *testing.T, err error, want Kind, token string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Kind != want {
		t.Fatalf("Kind = %v, want %v; error: %v", e.Kind, want, err)
	}
	if token != "" && (strings.Contains(e.Error(), token) || strings.Contains(e.Hint(), token)) {
		t.Fatalf("message or hint holds the token: %q / %q", e.Error(), e.Hint())
	}
	if e.Hint() == "" {
		t.Fatalf("no hint for %v", want)
	}
	return e
}

func TestValidateSendsDocumentedRequest(t *testing.T) {
	srv, base := startFake(t, nil)
	c := newTestClient(base)
	info, err := c.Validate(context.Background(), personal, fakeapi.DemoStackURL)
	if err != nil {
		t.Fatal(err)
	}
	if info != (AuthInfo{StackID: 101, DefaultProjectID: 1001}) {
		t.Errorf("info = %+v", info)
	}
	if n := srv.Requests(); n != 1 {
		t.Errorf("%d requests for one Validate, want 1", n)
	}
	req, _ := srv.LastRequest()
	want := map[string]string{
		"Authorization": "Bearer " + personal,
		"X-Stack-Url":   "https://demo.grafana.net",
		"Accept":        "application/json",
		"User-Agent":    "k6login/test",
	}
	for k, v := range want {
		if got := req.Header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if req.Method != http.MethodGet || req.Path != "/cloud/v6/auth" {
		t.Errorf("request %s %s", req.Method, req.Path)
	}
}

func TestValidateNormalisesStackAndDefaultUserAgent(t *testing.T) {
	srv, base := startFake(t, nil)
	c := New(Options{BaseURL: base + "/"})
	if _, err := c.Validate(context.Background(), personal, " Demo "); err != nil {
		t.Fatal(err)
	}
	req, _ := srv.LastRequest()
	if got := req.Header.Get("X-Stack-Url"); got != "https://demo.grafana.net" {
		t.Errorf("X-Stack-Url = %q", got)
	}
	if got := req.Header.Get("User-Agent"); got != DefaultUserAgent {
		t.Errorf("User-Agent = %q", got)
	}
	_, err := c.Validate(context.Background(), personal, "ftp://x")
	var se *StackInputError
	if !errors.As(err, &se) {
		t.Errorf("bad stack: %v", err)
	}
	if srv.Requests() != 1 {
		t.Errorf("a bad stack was sent")
	}
}

func TestValidateLargeIDs(t *testing.T) {
	_, base := startFake(t, nil)
	info, err := newTestClient(base).Validate(context.Background(), personal, fakeapi.DemoBigStackURL)
	if err != nil || info.StackID != 5000000104 || info.DefaultProjectID != 5000000001 {
		t.Fatalf("info = %+v, %v", info, err)
	}
}

func TestValidateRefusals(t *testing.T) {
	srv, base := startFake(t, nil)
	c := newTestClient(base)
	host := strings.TrimPrefix(base, "http://")

	_, err := c.Validate(context.Background(), fakeapi.DemoRevokedToken, fakeapi.DemoStackURL)
	e := asError(t, err, KindInvalidToken, fakeapi.DemoRevokedToken)
	if want := "the token was refused by " + host + " (401: Invalid token)"; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	if !strings.Contains(e.Hint(), "Testing & synthetics → Performance → Settings → Access") {
		t.Errorf("Hint() = %q", e.Hint())
	}
	if !errors.Is(err, ErrInvalidToken) || errors.Is(err, ErrStackAccess) {
		t.Error("errors.Is does not match by Kind")
	}

	_, err = c.Validate(context.Background(), stackTok, fakeapi.DemoStackURL)
	e = asError(t, err, KindStackAccess, stackTok)
	if !strings.Contains(e.Error(), "https://demo.grafana.net") || e.Status != 403 ||
		!strings.Contains(e.ServerMessage, "Stack not found or you don't have access") {
		t.Errorf("403: %q (server %q)", e.Error(), e.ServerMessage)
	}
	if want := host + " refused access to the stack https://demo.grafana.net: it does not exist or the token may not use it (403)"; e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	if !strings.Contains(e.Hint(), "member") {
		t.Errorf("403 hint: %q", e.Hint())
	}
	if n := srv.Requests(); n != 2 {
		t.Errorf("401 and 403 made %d requests; they must not be retried", n)
	}
}

func TestNoRetryOn401403404500(t *testing.T) {
	for _, status := range []int{401, 403, 404, 500, 400} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
				fakeapi.WriteError(w, status, "nope")
				return true
			})
			_, err := newTestClient(base).Project(context.Background(), personal, 101, 1001)
			if err == nil {
				t.Fatal("no error")
			}
			if n := srv.Requests(); n != 1 {
				t.Errorf("status %d was tried %d times", status, n)
			}
		})
	}
}

func TestStatusKinds(t *testing.T) {
	cases := []struct {
		status int
		want   Kind
	}{
		{400, KindUnexpectedReply}, {401, KindInvalidToken}, {403, KindStackAccess},
		{404, KindUnexpectedReply}, // on /auth a 404 means a wrong API address
		{409, KindUnexpectedReply}, {429, KindRateLimited}, {500, KindServer},
		{502, KindServer}, {503, KindServer}, {504, KindServer}, {418, KindUnexpectedReply},
	}
	for _, tc := range cases {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			fakeapi.WriteError(w, tc.status, "message for "+fmt.Sprint(tc.status))
			return true
		})
		_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
		e := asError(t, err, tc.want, personal)
		if e.Status != tc.status || e.ServerMessage != "message for "+fmt.Sprint(tc.status) {
			t.Errorf("%d: status %d, server message %q", tc.status, e.Status, e.ServerMessage)
		}
	}
}

func TestProjectNotFound(t *testing.T) {
	_, base := startFake(t, nil)
	c := newTestClient(base)
	p, err := c.Project(context.Background(), personal, 101, 1002)
	if err != nil || p.Name != "checkout-flow" || p.ID != 1002 || p.Created.IsZero() {
		t.Fatalf("Project = %+v, %v", p, err)
	}
	_, err = c.Project(context.Background(), personal, 101, 2001)
	e := asError(t, err, KindProjectNotFound, personal)
	if !strings.Contains(e.Error(), "project 2001") || !strings.Contains(e.Error(), "stack 101") {
		t.Errorf("Error() = %q", e.Error())
	}
	if !errors.Is(err, ErrProjectNotFound) {
		t.Error("errors.Is(ErrProjectNotFound) is false")
	}
}

func TestProjectsPagesWithSkip(t *testing.T) {
	srv, base := startFake(t, nil)
	c := newTestClient(base)
	ps, err := c.Projects(context.Background(), personal, 5000000104)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1500 {
		t.Fatalf("%d projects, want 1500", len(ps))
	}
	if !ps[0].IsDefault || ps[0].ID != 5000000001 || ps[1499].Name != "project-1500" {
		t.Errorf("first %+v, last %+v", ps[0], ps[1499])
	}
	log := srv.Log()
	if len(log) != 2 {
		t.Fatalf("%d requests, want 2", len(log))
	}
	for i, skip := range []string{"0", "1000"} {
		q := log[i].Query
		if q.Get("$top") != "1000" || q.Get("$skip") != skip || log[i].Header.Get("X-Stack-Id") != "5000000104" {
			t.Errorf("request %d: query %v, X-Stack-Id %q", i, q, log[i].Header.Get("X-Stack-Id"))
		}
	}

	small, err := c.Projects(context.Background(), stackTok, 102)
	if err != nil || len(small) != 3 || small[1].Name != "payments" {
		t.Errorf("demo-team projects = %+v, %v", small, err)
	}
	_, err = c.Projects(context.Background(), stackTok, 101)
	asError(t, err, KindStackAccess, stackTok)
}

func TestProjectsNeverFollowsNextLink(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	defer other.Close()

	cfg := fakeapi.Demo()
	cfg.NextLinkBase = other.URL
	srv := fakeapi.New(cfg)
	base, stop := srv.Start()
	defer stop()

	ps, err := newTestClient(base).Projects(context.Background(), personal, 5000000104)
	if err != nil || len(ps) != 1500 {
		t.Fatalf("%d projects, %v", len(ps), err)
	}
	if elsewhere.Load() != 0 {
		t.Errorf("the client followed @nextLink to another host")
	}
	if srv.Requests() != 2 {
		t.Errorf("%d requests to the API, want 2", srv.Requests())
	}
}

func TestProjectsStopsAfterPageCap(t *testing.T) {
	page := `{"value":[` + strings.Repeat(`{"id":1,"name":"same"},`, 999) + `{"id":1,"name":"same"}],"@nextLink":"http://x/next"}`
	srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		fmt.Fprint(w, page)
		return true
	})
	_, err := newTestClient(base).Projects(context.Background(), personal, 101)
	asError(t, err, KindUnexpectedReply, personal)
	if srv.Requests() != maxProjectPages {
		t.Errorf("%d requests, want %d", srv.Requests(), maxProjectPages)
	}
}

func TestProjectsBadShapes(t *testing.T) {
	for _, body := range []string{``, `[]`, `{}`, `{"value":"x"}`, `<html></html>`, `{"value":[`} {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			fmt.Fprint(w, body)
			return true
		})
		_, err := newTestClient(base).Projects(context.Background(), personal, 101)
		asError(t, err, KindUnexpectedReply, personal)
	}
}

// Validation costs exactly one request per attempt; the project list follows
// over the same connection (one request per page of 1000); error replies are
// drained so they do not cost a connection either.
func TestConnectionReuse(t *testing.T) {
	srv, base := startFake(t, nil)
	c := newTestClient(base)
	ctx := context.Background()
	step := func(what string, wantAuth, wantProjects int) {
		t.Helper()
		if a, p := srv.RequestsTo("/cloud/v6/auth"), srv.RequestsTo("/cloud/v6/projects"); a != wantAuth || p != wantProjects {
			t.Errorf("after %s: %d validation and %d project-list requests, want %d and %d", what, a, p, wantAuth, wantProjects)
		}
		if n := srv.Connections(); n != 1 {
			t.Errorf("after %s: %d connections, want 1", what, n)
		}
	}

	info, err := c.Validate(ctx, personal, fakeapi.DemoStackURL)
	if err != nil {
		t.Fatal(err)
	}
	step("Validate", 1, 0)
	if _, err := c.Projects(ctx, personal, info.StackID); err != nil {
		t.Fatal(err)
	}
	step("Projects", 1, 1)
	if _, err := c.Project(ctx, personal, info.StackID, info.DefaultProjectID); err != nil {
		t.Fatal(err)
	}
	if srv.RequestsTo(fmt.Sprintf("/cloud/v6/projects/%d", info.DefaultProjectID)) != 1 {
		t.Error("Project did not send exactly one request")
	}
	_, _ = c.Validate(ctx, fakeapi.DemoRevokedToken, fakeapi.DemoStackURL)
	step("a refused Validate", 2, 1) // 401 is never retried

	// 1,500 projects: two pages, still on the one connection.
	big, err := c.Validate(ctx, personal, fakeapi.DemoBigStackURL)
	if err != nil {
		t.Fatal(err)
	}
	step("Validate of demo-big", 3, 1)
	ps, err := c.Projects(ctx, personal, big.StackID)
	if err != nil || len(ps) != 1500 {
		t.Fatalf("%d projects, %v", len(ps), err)
	}
	step("Projects of demo-big", 3, 3)
	if srv.Requests() != 7 { // and one for Project
		t.Errorf("%d requests in all, want 7", srv.Requests())
	}
}

func TestSuccessBodies(t *testing.T) {
	cases := []struct {
		name, body string
		want       Kind
		detail     string
	}{
		{"empty", "", KindUnexpectedReply, "empty"},
		{"not JSON", "stack_id=1", KindUnexpectedReply, "not a JSON object"},
		{"HTML", "<!doctype html><p>Login</p>", KindUnexpectedReply, "HTML"},
		{"broken JSON", `{"stack_id":1,`, KindUnexpectedReply, "not valid JSON"},
		{"null", `null`, KindUnexpectedReply, "not a JSON object"},
		{"empty object", `{}`, KindUnexpectedReply, "stack_id"},
		{"no default project", `{"stack_id":5}`, KindUnexpectedReply, "default_project_id"},
		{"zero stack", `{"stack_id":0,"default_project_id":3}`, KindUnexpectedReply, "stack_id"},
		{"string ID", `{"stack_id":"5","default_project_id":3}`, KindUnexpectedReply, "stack_id"},
		{"fraction", `{"stack_id":5.5,"default_project_id":3}`, KindUnexpectedReply, "stack_id"},
		{"trailing data", `{"stack_id":5,"default_project_id":3} x`, KindUnexpectedReply, "not valid JSON"},
		{"too large", `{"stack_id":5,"default_project_id":3,"pad":"` + strings.Repeat("x", 2<<20) + `"}`, KindUnexpectedReply, "1 MiB"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprint(w, tc.body)
				return true
			})
			_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
			e := asError(t, err, tc.want, personal)
			if !strings.Contains(e.Error(), tc.detail) {
				t.Errorf("Error() = %q, want it to mention %q", e.Error(), tc.detail)
			}
			if srv.Requests() != 1 {
				t.Errorf("retried a 200")
			}
		})
	}

	_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		fmt.Fprint(w, `{"stack_id":9007199254740993,"default_project_id":4294967297,"name":"x","extra":{"a":[1]}}`)
		return true
	})
	info, err := newTestClient(base).Validate(context.Background(), personal, "demo")
	if err != nil || info.StackID != 9007199254740993 || info.DefaultProjectID != 4294967297 {
		t.Errorf("large IDs with extra fields: %+v, %v", info, err)
	}
}

func TestHTMLBadGatewayRetriedThenReported(t *testing.T) {
	srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprint(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
		return true
	})
	_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindServer, personal)
	if srv.Requests() != 3 || e.Attempts != 3 {
		t.Errorf("%d requests, Attempts %d; want 3", srv.Requests(), e.Attempts)
	}
	for _, want := range []string{"502 Bad Gateway", "HTML", "after 3 attempts"} {
		if !strings.Contains(e.Error(), want) {
			t.Errorf("Error() = %q lacks %q", e.Error(), want)
		}
	}
	if !errors.Is(err, ErrServer) {
		t.Error("errors.Is(ErrServer) is false")
	}
}

func TestEmptyErrorBody(t *testing.T) {
	_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(http.StatusInternalServerError)
		return true
	})
	_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindServer, personal)
	if !strings.Contains(e.Error(), "500 Internal Server Error") || !strings.Contains(e.Error(), "no body") {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestRetriedUntilSuccess(t *testing.T) {
	for _, status := range []int{502, 503, 504, 429} {
		var n atomic.Int32
		srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			if n.Add(1) == 1 {
				fakeapi.WriteError(w, status, "try later")
				return true
			}
			return false
		})
		info, err := newTestClient(base).Validate(context.Background(), personal, "demo")
		if err != nil || info.StackID != 101 {
			t.Errorf("%d then 200: %+v, %v", status, info, err)
		}
		if srv.Requests() != 2 {
			t.Errorf("%d then 200: %d requests", status, srv.Requests())
		}
	}
}

func TestRetryAfterHonouredAndCapped(t *testing.T) {
	var mu sync.Mutex
	var times []time.Time
	fault := func(w http.ResponseWriter, r *http.Request) bool {
		mu.Lock()
		defer mu.Unlock()
		times = append(times, time.Now())
		if len(times) == 1 {
			w.Header().Set("Retry-After", "1")
			fakeapi.WriteError(w, http.StatusTooManyRequests, "slow down")
			return true
		}
		return false
	}

	// Honoured: Retry-After 1s beats the 1ms backoff.
	_, base := startFake(t, fault)
	if _, err := newTestClient(base).Validate(context.Background(), personal, "demo"); err != nil {
		t.Fatal(err)
	}
	if gap := times[1].Sub(times[0]); gap < 900*time.Millisecond {
		t.Errorf("waited %v after Retry-After: 1", gap)
	}

	// Capped by MaxRetryAfter.
	times = nil
	_, base = startFake(t, fault)
	c := newTestClient(base, func(o *Options) { o.MaxRetryAfter = 20 * time.Millisecond })
	if _, err := c.Validate(context.Background(), personal, "demo"); err != nil {
		t.Fatal(err)
	}
	if gap := times[1].Sub(times[0]); gap < 20*time.Millisecond || gap > 500*time.Millisecond {
		t.Errorf("waited %v with MaxRetryAfter 20ms", gap)
	}
}

func TestRateLimitedAfterRetries(t *testing.T) {
	srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		fakeapi.WriteError(w, http.StatusTooManyRequests, "Too many requests")
		return true
	})
	_, err := newTestClient(base, func(o *Options) { o.MaxAttempts = 4 }).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindRateLimited, personal)
	if srv.Requests() != 4 || e.Attempts != 4 {
		t.Errorf("%d requests, %d attempts; want 4", srv.Requests(), e.Attempts)
	}
}

func TestRetryAfterBeyondDeadlineReportsCause(t *testing.T) {
	srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Retry-After", "20")
		fakeapi.WriteError(w, http.StatusServiceUnavailable, "maintenance")
		return true
	})
	start := time.Now()
	_, err := newTestClient(base, func(o *Options) { o.Timeout = 2 * time.Second }).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindServer, personal)
	if time.Since(start) > time.Second || srv.Requests() != 1 {
		t.Errorf("took %v and %d requests; the wait cannot fit the deadline", time.Since(start), srv.Requests())
	}
	if e.ServerMessage != "maintenance" {
		t.Errorf("server message %q", e.ServerMessage)
	}
}

func TestServerTextSanitisedAndCapped(t *testing.T) {
	evil := "\x1b[31mStack\x1b[0m \x1b]0;pwned\x07not\u202e found\u200b\x00\x7f\u0085 " + strings.Repeat("é", 500)
	_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		fakeapi.WriteError(w, http.StatusForbidden, evil)
		return true
	})
	_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindStackAccess, personal)
	if !strings.HasPrefix(e.ServerMessage, "Stack not found é") {
		t.Errorf("ServerMessage = %q", e.ServerMessage)
	}
	if n := len([]rune(e.ServerMessage)); n > maxServerTextRunes+1 {
		t.Errorf("ServerMessage has %d runes", n)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u200b", "\x00", "\x7f", "\u0085", "pwned"} {
		if strings.Contains(e.Error(), bad) {
			t.Errorf("Error() holds %q: %q", bad, e.Error())
		}
	}
}

func TestTokenEchoedByServerIsRedacted(t *testing.T) {
	token := "glc_secret_value_123"
	_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		fakeapi.WriteError(w, http.StatusUnauthorized, "Invalid token "+strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		return true
	})
	_, err := newTestClient(base).Validate(context.Background(), token, "demo")
	e := asError(t, err, KindInvalidToken, token)
	if !strings.Contains(e.Error(), "[token]") {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestBadTokenNeverSent(t *testing.T) {
	srv, base := startFake(t, nil)
	for _, tok := range []string{"", "a b", "line\nbreak", "tök"} {
		_, err := newTestClient(base).Validate(context.Background(), tok, "demo")
		e := asError(t, err, KindInvalidToken, tok)
		if !strings.HasPrefix(e.Error(), "the token cannot be used: ") {
			t.Errorf("Error() = %q", e.Error())
		}
	}
	if srv.Requests() != 0 {
		t.Errorf("%d requests with unusable tokens", srv.Requests())
	}
}

func TestHugeErrorBodyNotBuffered(t *testing.T) {
	var written atomic.Int64
	done := make(chan struct{})
	_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		defer close(done)
		w.WriteHeader(http.StatusInternalServerError)
		chunk := []byte(strings.Repeat("x", 64<<10))
		for i := 0; i < 1024; i++ { // up to 64 MiB
			if _, err := w.Write(chunk); err != nil {
				return true
			}
			written.Add(int64(len(chunk)))
		}
		return true
	})
	_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindServer, personal)
	if !strings.Contains(e.Error(), "not in the API's error format") {
		t.Errorf("Error() = %q", e.Error())
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler is still writing")
	}
	if w := written.Load(); w >= 64<<20 {
		t.Errorf("the client read the whole %d-byte body", w)
	}
}

func TestRedirects(t *testing.T) {
	var leaked atomic.Int32
	var sawAuth atomic.Value
	sawAuth.Store("")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked.Add(1)
		sawAuth.Store(r.Header.Get("Authorization"))
		fmt.Fprint(w, `{"stack_id":1,"default_project_id":1}`)
	}))
	defer other.Close()

	srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		switch r.URL.Path {
		case "/cloud/v6/auth":
			http.Redirect(w, r, other.URL+"/cloud/v6/auth", http.StatusTemporaryRedirect)
			return true
		case "/cloud/v6/projects/1002":
			// Same host: followed.
			http.Redirect(w, r, "/cloud/v6/projects/1003", http.StatusFound)
			return true
		}
		return false
	})
	c := newTestClient(base)
	_, err := c.Validate(context.Background(), personal, "demo")
	e := asError(t, err, KindNetwork, personal)
	if leaked.Load() != 0 || sawAuth.Load() != "" {
		t.Errorf("the request followed the redirect to another host (Authorization %q)", sawAuth.Load())
	}
	if !strings.Contains(e.Error(), "redirected") || !strings.Contains(e.Error(), "another host") ||
		!strings.Contains(e.Hint(), "K6_CLOUD_HOST_V6") {
		t.Errorf("Error() = %q, Hint() = %q", e.Error(), e.Hint())
	}
	if srv.RequestsTo("/cloud/v6/auth") != 1 {
		t.Errorf("a refused redirect was retried")
	}

	_, err = c.Project(context.Background(), personal, 101, 1002)
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindUnexpectedReply {
		// the same-host redirect lands on project 1003, which is not the one asked for
		t.Errorf("same-host redirect: %v", err)
	}
	if srv.RequestsTo("/cloud/v6/projects/1003") != 1 {
		t.Error("same-host redirect was not followed")
	}
}

func TestCheckRedirectRefusesDowngrade(t *testing.T) {
	mk := func(raw string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, raw, nil)
		return r
	}
	first := mk("https://api.k6.io/cloud/v6/auth")
	if err := checkRedirect(mk("http://api.k6.io/cloud/v6/auth"), []*http.Request{first}); err == nil {
		t.Error("https -> http allowed")
	}
	if err := checkRedirect(mk("https://API.k6.io/other"), []*http.Request{first}); err != nil {
		t.Errorf("same host refused: %v", err)
	}
	if err := checkRedirect(mk("https://evil.example/x"), []*http.Request{first}); err == nil {
		t.Error("other host allowed")
	}
}

func TestCallerHTTPClientNotChanged(t *testing.T) {
	hc := &http.Client{}
	New(Options{HTTPClient: hc})
	if hc.CheckRedirect != nil {
		t.Error("New changed the caller's http.Client")
	}
}

func TestTransportKinds(t *testing.T) {
	t.Run("dns", func(t *testing.T) {
		_, err := newTestClient("https://nonexistent.invalid").Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindDNS, personal)
		if !strings.Contains(e.Error(), "nonexistent.invalid") || e.Attempts != 1 {
			t.Errorf("Error() = %q, attempts %d", e.Error(), e.Attempts)
		}
	})
	t.Run("refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		_, err = newTestClient("http://"+addr).Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindConnRefused, personal)
		if !strings.Contains(e.Error(), addr) || e.Attempts != 3 {
			t.Errorf("Error() = %q, attempts %d", e.Error(), e.Attempts)
		}
	})
	t.Run("tls", func(t *testing.T) {
		var n atomic.Int32
		ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { n.Add(1) }))
		ts.Config.ErrorLog = quietLog()
		defer ts.Close()
		_, err := newTestClient(ts.URL).Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindTLS, personal)
		if !strings.Contains(e.Error(), "authority") || e.Attempts != 1 || n.Load() != 0 {
			t.Errorf("Error() = %q, attempts %d", e.Error(), e.Attempts)
		}
		if !strings.Contains(e.Hint(), "certificates") {
			t.Errorf("Hint() = %q", e.Hint())
		}
	})
	t.Run("tls trusted", func(t *testing.T) {
		srv := fakeapi.New(fakeapi.Demo())
		base, hc, stop := srv.StartTLS()
		defer stop()
		if _, err := New(Options{BaseURL: base, HTTPClient: hc}).Validate(context.Background(), personal, "demo"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("https to plain http", func(t *testing.T) {
		_, base := startFake(t, nil)
		_, err := newTestClient(strings.Replace(base, "http://", "https://", 1)).Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindTLS, personal)
		if !strings.Contains(e.Error(), "http://") {
			t.Errorf("Error() = %q", e.Error())
		}
	})
	t.Run("timeout", func(t *testing.T) {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			<-r.Context().Done()
			return true
		})
		start := time.Now()
		_, err := newTestClient(base, func(o *Options) { o.Timeout = 100 * time.Millisecond }).Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindTimeout, personal)
		if e.Timeout != 100*time.Millisecond || !strings.Contains(e.Error(), "100ms") || !strings.Contains(e.Hint(), "K6_CLOUD_TIMEOUT") {
			t.Errorf("Error() = %q, Hint() = %q", e.Error(), e.Hint())
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v", d)
		}
		if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Error("errors.Is(ErrTimeout / DeadlineExceeded) is false")
		}
	})
	t.Run("caller deadline", func(t *testing.T) {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			<-r.Context().Done()
			return true
		})
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := newTestClient(base).Validate(ctx, personal, "demo")
		e := asError(t, err, KindTimeout, personal)
		if e.Timeout != 0 {
			t.Errorf("named our limit %v for the caller's deadline", e.Timeout)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			<-r.Context().Done()
			return true
		})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := newTestClient(base).Validate(ctx, personal, "demo")
		asError(t, err, KindCancelled, personal)
		if !errors.Is(err, context.Canceled) {
			t.Error("errors.Is(context.Canceled) is false")
		}
	})
	t.Run("cancel during backoff", func(t *testing.T) {
		_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			fakeapi.WriteError(w, http.StatusServiceUnavailable, "down")
			return true
		})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, err := newTestClient(base, func(o *Options) { o.Backoff = func(int) time.Duration { return 3 * time.Second } }).Validate(ctx, personal, "demo")
		asError(t, err, KindCancelled, personal)
		if time.Since(start) > 2*time.Second {
			t.Error("the backoff wait ignored the cancel")
		}
	})
	t.Run("connection dropped", func(t *testing.T) {
		srv, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return true
		})
		_, err := newTestClient(base).Validate(context.Background(), personal, "demo")
		e := asError(t, err, KindNetwork, personal)
		if srv.Requests() != 3 || e.Attempts != 3 {
			t.Errorf("%d requests; a dropped connection should be retried", srv.Requests())
		}
	})
	t.Run("bad base URL", func(t *testing.T) {
		_, err := New(Options{BaseURL: "ftp://x"}).Validate(context.Background(), personal, "demo")
		asError(t, err, KindNetwork, personal)
	})
}

func TestErrorTextsForEveryKind(t *testing.T) {
	for k := KindUnknown; k <= KindNetwork; k++ {
		e := &Error{Kind: k, Host: "api.k6.io", Status: 0, Err: errors.New("boom")}
		if e.Error() == "" || e.Hint() == "" || strings.HasPrefix(e.Kind.String(), "kind(") {
			t.Errorf("kind %d: %q / %q / %q", k, e.Error(), e.Hint(), e.Kind)
		}
		if !errors.Is(e, &Error{Kind: k}) || errors.Is(e, &Error{Kind: k + 1}) {
			t.Errorf("kind %d: Is does not match by Kind", k)
		}
	}
	// Errors built by other packages' fakes, with nothing but a Kind, still read well.
	if got := ErrStackAccess.Error(); !strings.Contains(got, "the k6 API refused access") {
		t.Errorf("bare sentinel: %q", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
	}{
		{"", -1}, {"5", 5 * time.Second}, {" 0 ", 0}, {"-3", -1}, {"soon", -1},
		{now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0},
		{"99999999999", 24 * time.Hour},
	}
	for _, tc := range cases {
		if got := parseRetryAfter(tc.in, now); got != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestDefaultBackoff(t *testing.T) {
	for attempt, base := range map[int]time.Duration{1: 500 * time.Millisecond, 2: time.Second, 3: 2 * time.Second, 30: 8 * time.Second} {
		for range 50 {
			d := defaultBackoff(attempt)
			if d < base*3/4 || d > base*5/4 {
				t.Fatalf("defaultBackoff(%d) = %v, want about %v", attempt, d, base)
			}
		}
	}
}

func TestSanitizeServerText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Invalid token", "Invalid token"},
		{"  a \n\t b  ", "a b"},
		{"\x1b[1;31mred\x1b[0m", "red"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"bell\x07 \x9b31m", "bell 31m"},
		{"abc\u202edef\u2066g\u200f", "abcdefg"},
		{"bad\xffutf8", "badutf8"},
		{"日本語 ok", "日本語 ok"},
		{strings.Repeat("x", 300), strings.Repeat("x", 200) + "…"},
	}
	for _, tc := range cases {
		if got := sanitizeServerText(tc.in); got != tc.want {
			t.Errorf("sanitizeServerText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkValidateRoundTrip(b *testing.B) {
	_, base := startFake(b, nil)
	c := newTestClient(base)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Validate(ctx, personal, fakeapi.DemoStackURL); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateThenProjects is what the wizard does once a token is
// entered: validate, then list 1,500 projects (two pages) on the same connection.
func BenchmarkValidateThenProjects(b *testing.B) {
	_, base := startFake(b, nil)
	c := newTestClient(base)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		info, err := c.Validate(ctx, personal, fakeapi.DemoBigStackURL)
		if err != nil {
			b.Fatal(err)
		}
		if ps, err := c.Projects(ctx, personal, info.StackID); err != nil || len(ps) != 1500 {
			b.Fatal(len(ps), err)
		}
	}
}

// quietLog keeps the TLS server's handshake complaints out of the test output.
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }

// The project list's body as encoding/json reads it: the field of the wrong
// type is named by its path, null items are skipped, and a missing list is
// an error rather than no projects.
func TestProjectsBodies(t *testing.T) {
	cases := []struct {
		name, body string
		detail     string // "" when the list reads
		ids        []int64
	}{
		{"no list", `{}`, `no list of projects ("value")`, nil},
		{"null list", `{"value":null}`, `no list of projects ("value")`, nil},
		{"list is an object", `{"value":{}}`, `the field "value" has the wrong type`, nil},
		{"item is a number", `{"value":[1]}`, `the field "value" has the wrong type`, nil},
		{"string ID", `{"value":[{"id":"7"}]}`, `the field "value.id" has the wrong type`, nil},
		{"name is a number", `{"value":[{"id":7,"name":5}]}`, `the field "value.name" has the wrong type`, nil},
		{"nulls and odd times", `{"value":[null,{"id":7,"name":"a","created":"soon","grafana_folder_uid":null}],"@nextLink":null}`, "", []int64{7}},
		{"empty", `{"value":[]}`, "", []int64{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, base := startFake(t, func(w http.ResponseWriter, r *http.Request) bool {
				if !strings.HasPrefix(r.URL.Path, "/cloud/v6/projects") {
					return false
				}
				fmt.Fprint(w, tc.body)
				return true
			})
			ps, err := newTestClient(base).Projects(context.Background(), personal, 5000000104)
			if tc.detail != "" {
				e := asError(t, err, KindUnexpectedReply, personal)
				if !strings.Contains(e.Error(), tc.detail) {
					t.Errorf("Error() = %q, want it to mention %q", e.Error(), tc.detail)
				}
				return
			}
			if err != nil || len(ps) != len(tc.ids) {
				t.Fatalf("Projects = %+v, %v", ps, err)
			}
			for i, p := range ps {
				if p.ID != tc.ids[i] {
					t.Errorf("project %d: %+v", i, p)
				}
			}
		})
	}
}
