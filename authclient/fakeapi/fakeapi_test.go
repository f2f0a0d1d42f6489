package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

type reply struct {
	status int
	body   map[string]any
	raw    string
}

func get(t *testing.T, base, path, token string, header map[string]string) reply {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("GET %s: body %q is not a JSON object: %v", path, raw, err)
	}
	return reply{resp.StatusCode, body, string(raw)}
}

func fastDemo() Config {
	cfg := Demo()
	for i := range cfg.Stacks {
		cfg.Stacks[i].Delay = 0
	}
	return cfg
}

func TestAuthContract(t *testing.T) {
	srv := New(fastDemo())
	base, stop := srv.Start()
	defer stop()

	r := get(t, base, "/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoStackURL})
	if r.status != 200 || r.raw != `{"default_project_id":1001,"stack_id":101}` {
		t.Errorf("auth ok: %d %s", r.status, r.raw)
	}
	r = get(t, base, "/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoBigStackURL})
	if r.raw != `{"default_project_id":5000000001,"stack_id":5000000104}` {
		t.Errorf("auth big IDs: %s", r.raw)
	}

	want401 := `{"error":{"code":"error","details":null,"message":"Invalid token","target":null}}`
	for _, tok := range []string{DemoRevokedToken, "garbage", ""} {
		r = get(t, base, "/cloud/v6/auth", tok, map[string]string{"X-Stack-Url": DemoStackURL})
		if r.status != 401 || r.raw != want401 {
			t.Errorf("token %q: %d %s", tok, r.status, r.raw)
		}
	}

	for _, tc := range []struct{ token, stack string }{
		{DemoPersonalToken, DemoStackURL + "/"},         // matched literally
		{DemoPersonalToken, "https://Demo.grafana.net"}, // matched literally
		{DemoPersonalToken, "https://nope.grafana.net"},
		{DemoStackToken, DemoStackURL}, // a stack token of another stack
	} {
		r = get(t, base, "/cloud/v6/auth", tc.token, map[string]string{"X-Stack-Url": tc.stack})
		msg := r.body["error"].(map[string]any)["message"]
		if r.status != 403 || msg != "Stack not found or you don't have access: '"+tc.stack+"'" {
			t.Errorf("%s on %s: %d %s", tc.token, tc.stack, r.status, r.raw)
		}
	}
	r = get(t, base, "/cloud/v6/auth", DemoStackToken, map[string]string{"X-Stack-Url": DemoTeamStackURL})
	if r.status != 200 {
		t.Errorf("stack token on its stack: %d %s", r.status, r.raw)
	}
	r = get(t, base, "/cloud/v6/auth", DemoStackToken, nil)
	if r.status != 400 || r.body["error"] == nil {
		t.Errorf("missing X-Stack-Url: %d %s", r.status, r.raw)
	}
	if got := srv.RequestsTo("/cloud/v6/auth"); got != 11 {
		t.Errorf("RequestsTo(/cloud/v6/auth) = %d", got)
	}
}

func TestProjectsContract(t *testing.T) {
	srv := New(fastDemo())
	base, stop := srv.Start()
	defer stop()
	big := map[string]string{"X-Stack-Id": "5000000104"}

	r := get(t, base, "/cloud/v6/projects?$count=true", DemoPersonalToken, big)
	if r.status != 200 || len(r.body["value"].([]any)) != 1000 || r.body["@count"] != float64(1500) {
		t.Fatalf("first page: %d, %d items, count %v", r.status, len(r.body["value"].([]any)), r.body["@count"])
	}
	next, _ := r.body["@nextLink"].(string)
	if !strings.HasPrefix(next, base+"/cloud/v6/projects?") || !strings.Contains(next, "%24skip=1000") {
		t.Errorf("@nextLink = %q", next)
	}
	r = get(t, base, "/cloud/v6/projects?$top=1000&$skip=1000", DemoPersonalToken, big)
	if n := len(r.body["value"].([]any)); n != 500 || r.body["@nextLink"] != nil {
		t.Errorf("last page: %d items, nextLink %v", n, r.body["@nextLink"])
	}
	first := r.body["value"].([]any)[0].(map[string]any)
	if first["id"] != float64(5000001001) || first["grafana_folder_uid"] != nil || first["is_default"] != false {
		t.Errorf("project shape: %v", first)
	}
	if _, err := time.Parse(time.RFC3339, first["created"].(string)); err != nil {
		t.Errorf("created: %v", err)
	}

	r = get(t, base, "/cloud/v6/projects?$top=1001", DemoPersonalToken, big)
	if r.status != 400 {
		t.Errorf("$top=1001: %d", r.status)
	}
	r = get(t, base, "/cloud/v6/projects", DemoPersonalToken, nil)
	if r.status != 400 || r.body["error"].(map[string]any)["code"] != "error" {
		t.Errorf("missing X-Stack-Id: %d %s", r.status, r.raw)
	}
	r = get(t, base, "/cloud/v6/projects", DemoStackToken, map[string]string{"X-Stack-Id": "101"})
	if r.status != 403 {
		t.Errorf("stack token, other stack: %d", r.status)
	}
	r = get(t, base, "/cloud/v6/projects?$orderby=name%20desc&name_search=A", DemoPersonalToken, map[string]string{"X-Stack-Id": "101"})
	var names []string
	for _, p := range r.body["value"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	if strings.Join(names, ",") != "search-api,nightly-soak,Default project" {
		t.Errorf("orderby + name_search: %v", names)
	}

	r = get(t, base, "/cloud/v6/projects/1002", DemoPersonalToken, map[string]string{"X-Stack-Id": "101"})
	if r.status != 200 || r.body["name"] != "checkout-flow" {
		t.Errorf("project 1002: %d %s", r.status, r.raw)
	}
	r = get(t, base, "/cloud/v6/projects/2001", DemoPersonalToken, map[string]string{"X-Stack-Id": "101"})
	if r.status != 404 || r.body["error"] == nil {
		t.Errorf("project of another stack: %d %s", r.status, r.raw)
	}
}

func TestFaultAndCounting(t *testing.T) {
	srv := New(fastDemo())
	base, stop := srv.Start()
	defer stop()
	srv.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		WriteError(w, http.StatusServiceUnavailable, "down")
		return true
	})
	r := get(t, base, "/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoStackURL})
	if r.status != 503 {
		t.Errorf("fault: %d", r.status)
	}
	srv.SetFault(nil)
	get(t, base, "/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoStackURL})
	if srv.Requests() != 2 || srv.Connections() != 1 {
		t.Errorf("requests %d, connections %d", srv.Requests(), srv.Connections())
	}
	last, ok := srv.LastRequest()
	if !ok || last.Header.Get("X-Stack-Url") != DemoStackURL {
		t.Errorf("last request: %+v", last)
	}
	srv.ResetCounts()
	if srv.Requests() != 0 || len(srv.Log()) != 0 {
		t.Error("ResetCounts left counts")
	}
}

func TestSlowStackDelays(t *testing.T) {
	cfg := Demo()
	for i := range cfg.Stacks {
		if cfg.Stacks[i].URL == DemoSlowStackURL {
			if cfg.Stacks[i].Delay != DemoSlowDelay {
				t.Fatalf("demo-slow delay = %v", cfg.Stacks[i].Delay)
			}
			cfg.Stacks[i].Delay = 50 * time.Millisecond
		}
	}
	base, stop := New(cfg).Start()
	defer stop()
	start := time.Now()
	get(t, base, "/cloud/v6/auth", DemoPersonalToken, map[string]string{"X-Stack-Url": DemoSlowStackURL})
	if d := time.Since(start); d < 50*time.Millisecond {
		t.Errorf("slow stack answered in %v", d)
	}
}

func TestEchoTokenQuotesTheToken(t *testing.T) {
	srv := New(Config{Fault: EchoToken(http.StatusUnauthorized, 300)})
	base, stop := srv.Start()
	defer stop()
	req, _ := http.NewRequest(http.MethodGet, base+"/cloud/v6/auth", nil)
	req.Header.Set("Authorization", "Bearer glc_echo_me_please")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "glc_echo_me_please") {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
}

func TestHostileProjectsAreServedExactly(t *testing.T) {
	ps := HostileProjects(500)
	if len(ps) != len(HostileNames) || !ps[0].IsDefault || ps[1].ID != 501 || ps[2].Name != HostileNames[2] {
		t.Fatalf("%+v", ps)
	}
}
