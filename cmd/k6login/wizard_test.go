package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
)

func TestReportResult(t *testing.T) {
	creds := configstore.Credentials{Token: "glc_reported_token_1234", StackURL: teamURL, StackID: 6000000001, DefaultProjectID: 501}
	cases := []struct {
		name      string
		res       tui.Result
		code      int
		out, errs string
	}{
		{"interrupted", tui.Result{Interrupted: true}, exitInterrupted, "", ""},
		{"quit after looking", tui.Result{}, exitOK, "", "Nothing was changed"},
		{"login", tui.Result{Action: tui.ActionLogin, Saved: true, Credentials: creds, Account: "my-team-personal", TokenMode: tui.TokenPersonal,
			SaveResult: configstore.SaveResult{Path: "/x/config.json"}}, exitOK, "Logged in to " + teamURL + " (stack 6000000001)", ""},
		{"switch then Ctrl+C", tui.Result{Action: tui.ActionSwitch, Saved: true, Credentials: creds, Account: "my-team-personal", Interrupted: true}, exitOK, "k6 now uses my-team-personal", ""},
		{"sign out", tui.Result{Action: tui.ActionSignOut, Account: "my-team-personal"}, exitOK, "Signed k6 out of my-team-personal", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, "")
			var out, errOut bytes.Buffer
			a := newApp(strings.NewReader(""), &out, &errOut, func(k string) string { return h.env[k] })
			env, cleanup, err := a.environment(t.Context(), &options{configPath: h.configPath})
			if err != nil {
				t.Fatal(err)
			}
			defer cleanup()
			code := exitOK
			if err := a.reportResult(env, tc.res); err != nil {
				code = exitCodeFor(err)
			}
			if code != tc.code || !strings.Contains(out.String(), tc.out) || !strings.Contains(errOut.String(), tc.errs) {
				t.Errorf("code %d, stdout %q, stderr %q", code, out.String(), errOut.String())
			}
			if strings.Contains(out.String()+errOut.String(), creds.Token) {
				t.Error("token printed")
			}
		})
	}
}

// The accessible prompts, end to end through the command: answers piped in,
// summary on stdout, both files written.
func TestAccessibleLoginThroughCommand(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	var out, errOut bytes.Buffer
	answers := "my-team\n" + personalToken + "\n1\n\ny\n"
	a := newApp(strings.NewReader(answers), &out, &errOut, func(k string) string { return h.env[k] })
	a.stdinIsTerminal = func() bool { return true }
	code := a.run(t.Context(), []string{"-c", h.configPath, "--accessible"})
	if code != exitOK {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "Logged in to "+teamURL) || strings.Contains(out.String()+errOut.String(), personalToken) {
		t.Errorf("stdout: %s", out.String())
	}
	if jsonText(cloudKeys(t, h.readConfig())["token"]) != personalToken {
		t.Error("the login was not saved")
	}
	_, listed, _ := h.run("", "accounts")
	if !strings.Contains(listed, "* my-team-personal") {
		t.Errorf("the login was not recorded as an account:\n%s", listed)
	}

	// Input that ends midway writes nothing more and fails.
	before := h.readConfig()
	a = newApp(strings.NewReader("3\nother\n"), &out, &errOut, func(k string) string { return h.env[k] })
	a.stdinIsTerminal = func() bool { return true }
	if code := a.run(t.Context(), []string{"-c", h.configPath, "--accessible"}); code == exitOK {
		t.Errorf("input ended midway, yet exit 0: %s", errOut.String())
	}
	if h.readConfig() != before {
		t.Error("k6's config changed although the input ended before a save")
	}
}
