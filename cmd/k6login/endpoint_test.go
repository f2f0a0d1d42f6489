package main

import (
	"net"
	"strings"
	"testing"
)

// A plain-http API address that is not this machine is refused before any
// request, naming where it came from; the file's own path is named.
func TestPlainHTTPAddressRefusedBeforeAnyRequest(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	for _, tc := range []struct {
		name, env, file, names string
	}{
		{"environment", "http://api.example.com", "", "K6_CLOUD_HOST_V6"},
		{"config file", "", "http://evil.example:8080", "collectors.cloud.hostv6="},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.env)
			config := `{"collectors":{"cloud":{"hostv6":"` + tc.file + `"}}}`
			if tc.file == "" {
				config = `{}`
			}
			h.writeConfig(config)
			api.ResetCounts()
			for _, args := range [][]string{
				{"--stack", "my-team", "--token-stdin"},
				{"--stack", "my-team", "--token-stdin", "--json"},
			} {
				code, out, errOut := h.run(personalToken, args...)
				if code != exitInput {
					t.Errorf("%v: exit %d, want %d; %s", args, code, exitInput, errOut)
				}
				all := out + errOut
				if !strings.Contains(all, tc.names) || !strings.Contains(all, "unencrypted") {
					t.Errorf("%v: the refusal does not name %q: %s", args, tc.names, all)
				}
				if tc.file != "" && !strings.Contains(all, h.configPath) {
					t.Errorf("%v: the refusal does not name the file %s: %s", args, h.configPath, all)
				}
				if strings.Contains(all, personalToken) {
					t.Errorf("%v: the token was printed", args)
				}
			}
			if h.readConfig() != config {
				t.Error("the config file changed")
			}
			if n := api.Requests(); n != 0 {
				t.Errorf("%d requests were made", n)
			}
			_ = base
		})
	}
}

// A non-default API address is named, with where it was set, on stderr
// before the token is sent; --show names it too.
func TestNonDefaultAddressNamedBeforeTheTokenIsSent(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, "")
	h.writeConfig(`{"collectors":{"cloud":{"hostv6":"` + base + `"}}}`)
	code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "Note: the token will be sent to " + base + " (set by collectors.cloud.hostv6 in " + h.configPath + ")"
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	_, out, _ := h.run("", "--show")
	if !strings.Contains(out, base+" (collectors.cloud.hostv6 in "+h.configPath+")") {
		t.Errorf("--show does not name the address and its source:\n%s", out)
	}
}

// A failure to reach an address set in the config file names that file in
// its hint, not K6_CLOUD_HOST_V6 (issue 12).
func TestUnreachableAddressHintNamesTheFile(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	l.Close()
	h := newHarness(t, "")
	h.writeConfig(`{"collectors":{"cloud":{"hostv6":"` + base + `"}}}`)
	code, _, errOut := h.run(personalToken, "--stack", "my-team", "--token-stdin")
	if code != exitNetwork || !strings.Contains(errOut, "(set by collectors.cloud.hostv6 in "+h.configPath+")") ||
		strings.Contains(errOut, "K6_CLOUD_HOST_V6") {
		t.Errorf("exit %d:\n%s", code, errOut)
	}
}
