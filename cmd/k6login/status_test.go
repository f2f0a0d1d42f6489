package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/k6login/k6login/authclient/fakeapi"
)

func TestStatusChecksEveryLogin(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin"); code != 0 {
		t.Fatalf("first login: %s", e)
	}
	if code, _, e := h.run(stackToken, "--stack", "my-team", "--token-stdin", "--stack-token", "--project-id", "502"); code != 0 {
		t.Fatalf("second login: %s", e)
	}
	configBefore := h.readConfig()
	accountsBefore, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"])

	api.ResetCounts()
	code, out, errOut := h.run("", "status")
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"* my-team-stack", "valid: stack 6000000001, project 502 (default 501)",
		"  other-personal", "valid: stack 42, default project 900",
		"  old", "refused: the token was refused",
		"k6 uses my-team-stack (in " + h.configPath + "), and it works.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if n := api.RequestsTo("/cloud/v6/auth"); n != 3 || api.Requests() != 3 {
		t.Errorf("%d validations, %d requests for 3 logins; want one each", n, api.Requests())
	}
	if strings.Contains(out+errOut, personalToken) || strings.Contains(out+errOut, stackToken) {
		t.Errorf("status shows a token:\n%s%s", out, errOut)
	}

	code, out, _ = h.run("", "status", "--json")
	var report statusReport
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != exitOK {
		t.Fatalf("status --json: %d %v\n%s", code, err, out)
	}
	got := map[string]statusEntry{}
	for _, e := range report.Accounts {
		got[e.Name] = e
	}
	if e := got["my-team-stack"]; !e.Active || e.Status != "valid" || e.StackID != 6000000001 || e.DefaultProjectID != 501 || e.ProjectID != 502 || e.Token != "glc_********3210" {
		t.Errorf("my-team-stack = %+v", e)
	}
	if e := got["old"]; e.Active || e.Status != "refused" || e.ErrorKind != "invalid-token" || e.Error == "" {
		t.Errorf("old = %+v", e)
	}
	if report.Active != "my-team-stack" || !report.ActiveValid || len(report.Accounts) != 3 {
		t.Errorf("report = %+v", report)
	}

	if accountsAfter, _ := os.ReadFile(h.env["K6LOGIN_ACCOUNTS"]); h.readConfig() != configBefore || string(accountsAfter) != string(accountsBefore) {
		t.Error("status changed k6's config or the saved accounts")
	}

	// A stack the token may not use: no access.
	noAccess := `{"version": 1, "accounts": [{"name": "gone", "token": "` + personalToken + `", "stackURL": "https://gone.grafana.net", "stackID": 9, "defaultProjectID": 90},
	  {"name": "hostile", "token": "` + personalToken + `", "stackURL": "https://x.grafana.net/\u001b]0;owned\u0007", "stackID": 9, "defaultProjectID": 90}]}`
	if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], []byte(noAccess), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = h.run("", "status")
	// k6's config still holds my-team-stack, now not saved: it is checked too.
	if code != exitOK || !strings.Contains(out, "gone") || !strings.Contains(out, "no access to the stack") || !strings.Contains(out, "* my-team (not saved)") {
		t.Errorf("no access: %d\n%s%s", code, out, errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07") || !strings.Contains(out, "␛]0;owned␇") || !strings.Contains(out, "invalid: ") {
		t.Errorf("a stack URL from the file reached the terminal raw, or was sent:\n%q", out)
	}
	if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], accountsBefore, 0o600); err != nil {
		t.Fatal(err)
	}

	// The login k6 uses refused: exit 3; unreachable: exit 4; signed out: exit 1.
	if code, _, e := h.run("", "switch", "--force", "old"); code != 0 {
		t.Fatalf("switch old: %s", e)
	}
	if code, out, _ := h.run("", "status"); code != exitAuthRefused || !strings.Contains(out, "and it does not work") {
		t.Errorf("refused active login: exit %d\n%s", code, out)
	}
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	h.env["K6_CLOUD_HOST_V6"] = "http://" + closed.Addr().String()
	closed.Close()
	code, out, errOut = h.run("", "status")
	if code != exitNetwork || strings.Count(out, "unreachable") != 3 || !strings.Contains(errOut, "K6_CLOUD_HOST_V6") {
		t.Errorf("unreachable API: exit %d\n%s%s", code, out, errOut)
	}
	h.env["K6_CLOUD_HOST_V6"] = base
	if code, _, _ := h.run("", "--reset"); code != 0 {
		t.Fatal("reset failed")
	}
	code, out, _ = h.run("", "status", "--json")
	report = statusReport{}
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != exitError || report.Active != "" || report.ActiveValid {
		t.Errorf("signed out: exit %d, %v\n%s", code, err, out)
	}

}

func TestStatusWithNothingSaved(t *testing.T) {
	h := newHarness(t, "http://127.0.0.1:1")
	code, out, errOut := h.run("", "status")
	if code != exitError || !strings.Contains(out, "No login to check") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = h.run("", "status", "--json")
	var report statusReport
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != exitError || report.Accounts == nil || len(report.Accounts) != 0 {
		t.Errorf("--json: exit %d %v\n%s", code, err, out)
	}
}

// Ctrl+C during status: the checks in flight end, exit 130, nothing written.
func TestStatusInterrupted(t *testing.T) {
	api := testAPI()
	api.SetFault(func(w http.ResponseWriter, r *http.Request) bool {
		<-r.Context().Done() // never answers
		return true
	})
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	code, out, errOut := h.runCtx(ctx, "", "status")
	if code != exitInterrupted || time.Since(start) > 10*time.Second || h.watches != 1 {
		t.Errorf("exit %d after %v, listened %d times\n%s%s", code, time.Since(start), h.watches, out, errOut)
	}
	if h.readConfig() != k6File {
		t.Error("status changed k6's config")
	}
}

// BenchmarkStatus50 runs `k6login status` with 50 saved accounts against the
// fake API, each reply 20ms late: the checks overlap, so one op takes about
// ceil(50/8) = 7 round trips, not 50 (1s). round-trips/op is the time of one
// op in units of that delay, reading both files and printing included.
func BenchmarkStatus50(b *testing.B) {
	const delay = 20 * time.Millisecond
	cfg := fakeapi.Config{}
	var accounts []string
	for i := range 50 {
		url := fmt.Sprintf("https://s%02d.grafana.net", i)
		tok := fmt.Sprintf("glc_bench_%02d_0123456789", i)
		cfg.Stacks = append(cfg.Stacks, fakeapi.Stack{URL: url, ID: int64(100 + i), DefaultProjectID: int64(1000 + i), Delay: delay})
		cfg.Accounts = append(cfg.Accounts, fakeapi.Account{Token: tok, Stacks: []string{url}})
		accounts = append(accounts, fmt.Sprintf(`{"name": "s%02d", "token": %q, "stackURL": %q, "stackID": %d, "defaultProjectID": %d}`, i, tok, url, 100+i, 1000+i))
	}
	base, stop := fakeapi.New(cfg).Start()
	defer stop()
	dir := b.TempDir()
	h := &harness{
		configPath: filepath.Join(dir, "config.json"),
		env:        map[string]string{"K6_CLOUD_HOST_V6": base, "K6LOGIN_ACCOUNTS": filepath.Join(dir, "accounts.json")},
	}
	config := `{"collectors": {"cloud": {"token": "glc_bench_00_0123456789", "stackURL": "https://s00.grafana.net", "stackID": 100}}}`
	if err := os.WriteFile(h.configPath, []byte(config), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], []byte(`{"version": 1, "accounts": [`+strings.Join(accounts, ",")+`]}`), 0o600); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for b.Loop() {
		if code, out, errOut := h.run("", "status"); code != 0 || strings.Count(out, "valid: stack") != 50 {
			b.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
	}
	b.ReportMetric(float64(time.Since(start))/float64(b.N)/float64(delay), "round-trips/op")
}
