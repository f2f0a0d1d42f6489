package authclient

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"
)

func TestResolveEndpoint(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	ok := []struct {
		name        string
		getenv      func(string) string
		fileHost    string
		fileTimeout time.Duration
		fileSet     bool
		want        Endpoint
	}{
		{"defaults", env(), "", 0, false,
			Endpoint{DefaultBaseURL, SourceDefault, DefaultTimeout, SourceDefault}},
		{"nil getenv", nil, "", 0, false,
			Endpoint{DefaultBaseURL, SourceDefault, DefaultTimeout, SourceDefault}},
		{"file", env(), "https://api.example.com/", 30 * time.Second, true,
			Endpoint{"https://api.example.com", "collectors.cloud.hostv6 in /cfg/k6/config.json", 30 * time.Second, "collectors.cloud.timeout in /cfg/k6/config.json"}},
		{"env wins", env("K6_CLOUD_HOST_V6", " http://127.0.0.1:8080/ ", "K6_CLOUD_TIMEOUT", "2m"), "https://file.example", time.Second, true,
			Endpoint{"http://127.0.0.1:8080", SourceEnvHostV6, 2 * time.Minute, SourceEnvTimeout}},
		{"milliseconds", env("K6_CLOUD_TIMEOUT", "1500"), "", 0, false,
			Endpoint{DefaultBaseURL, SourceDefault, 1500 * time.Millisecond, SourceEnvTimeout}},
		{"path kept", env("K6_CLOUD_HOST_V6", "https://proxy.example/k6api//"), "", 0, false,
			Endpoint{"https://proxy.example/k6api", SourceEnvHostV6, DefaultTimeout, SourceDefault}},
		{"empty env falls through", env("K6_CLOUD_HOST_V6", "  ", "K6_CLOUD_TIMEOUT", ""), "https://f.example", 0, false,
			Endpoint{"https://f.example", "collectors.cloud.hostv6 in /cfg/k6/config.json", DefaultTimeout, SourceDefault}},
	}
	for _, tc := range ok {
		got, err := ResolveEndpoint(tc.getenv, "/cfg/k6/config.json", tc.fileHost, tc.fileTimeout, tc.fileSet)
		if err != nil || got != tc.want {
			t.Errorf("%s: ResolveEndpoint = %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}

	bad := []struct {
		name     string
		getenv   func(string) string
		fileHost string
		fileSet  bool
		names    string
	}{
		{"env host scheme", env("K6_CLOUD_HOST_V6", "api.k6.io"), "", false, "K6_CLOUD_HOST_V6"},
		{"env host ftp", env("K6_CLOUD_HOST_V6", "ftp://api.k6.io"), "", false, "K6_CLOUD_HOST_V6"},
		{"env host user", env("K6_CLOUD_HOST_V6", "https://u:p@api.k6.io"), "", false, "K6_CLOUD_HOST_V6"},
		{"file host", env(), "://nope", false, "collectors.cloud.hostv6"},
		{"timeout words", env("K6_CLOUD_TIMEOUT", "soon"), "", false, "K6_CLOUD_TIMEOUT"},
		{"timeout zero", env("K6_CLOUD_TIMEOUT", "0"), "", false, "K6_CLOUD_TIMEOUT"},
		{"timeout negative", env("K6_CLOUD_TIMEOUT", "-5s"), "", false, "K6_CLOUD_TIMEOUT"},
		{"timeout huge", env("K6_CLOUD_TIMEOUT", "99999999999999999999"), "", false, "K6_CLOUD_TIMEOUT"},
		{"file timeout zero", env(), "", true, "collectors.cloud.timeout in /cfg/k6/config.json"},
		{"env plain http elsewhere", env("K6_CLOUD_HOST_V6", "http://api.k6.io"), "", false, "K6_CLOUD_HOST_V6"},
		{"env plain http private", env("K6_CLOUD_HOST_V6", "http://10.0.0.5:8080"), "", false, "K6_CLOUD_HOST_V6"},
		{"file plain http", env(), "http://evil.example", false, "collectors.cloud.hostv6 in /cfg/k6/config.json"},
		{"file plain http looks local", env(), "http://127.0.0.1.evil.example", false, "collectors.cloud.hostv6 in /cfg/k6/config.json"},
		{"file plain http localhost suffix", env(), "http://localhost.evil.example", false, "collectors.cloud.hostv6"},
	}
	for _, tc := range bad {
		_, err := ResolveEndpoint(tc.getenv, "/cfg/k6/config.json", tc.fileHost, 0, tc.fileSet)
		var se *SettingError
		key, file, inFile := strings.Cut(tc.names, " in ")
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), key) || inFile && !strings.Contains(err.Error(), " in "+file) {
			t.Errorf("%s: error %v does not name %s", tc.name, err, tc.names)
		}
	}
}

func TestPlainHTTPOnlyToLoopback(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "K6_CLOUD_HOST_V6" {
				return v
			}
			return ""
		}
	}
	for _, ok := range []string{"http://127.0.0.1:8080", "http://127.9.9.9", "http://[::1]:9000", "http://localhost:1234", "http://LOCALHOST", "https://api.example.com"} {
		ep, err := ResolveEndpoint(env(ok), "", "", 0, false)
		if err != nil || ep.BaseURLSource != SourceEnvHostV6 {
			t.Errorf("%s: %+v, %v", ok, ep, err)
		}
	}
	for _, bad := range []string{"http://api.k6.io", "http://192.168.1.1", "http://[::2]", "http://0.0.0.0", "http://[fe80::1%25eth0]"} {
		_, err := ResolveEndpoint(env(bad), "", "", 0, false)
		if err == nil || !strings.Contains(err.Error(), "unencrypted") {
			t.Errorf("%s: accepted (%v)", bad, err)
		}
	}
}

func TestNonDefaultNote(t *testing.T) {
	if n := (Endpoint{BaseURL: DefaultBaseURL, BaseURLSource: SourceDefault}).NonDefaultNote(); n != "" {
		t.Errorf("default endpoint noted: %q", n)
	}
	n := Endpoint{BaseURL: "https://x.example", BaseURLSource: FileSource("hostv6", "/p/config.json")}.NonDefaultNote()
	if !strings.Contains(n, "https://x.example") || !strings.Contains(n, "collectors.cloud.hostv6 in /p/config.json") {
		t.Errorf("note = %q", n)
	}
}

// Hints about the API address name where it was really set (issue 12: they
// named K6_CLOUD_HOST_V6 when hostv6 in the config file had set it).
func TestHintsNameWhereTheAddressWasSet(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String()
	l.Close()
	for _, tc := range []struct {
		source, want, not string
	}{
		{FileSource("hostv6", "/home/me/.config/k6/config.json"), "collectors.cloud.hostv6 in /home/me/.config/k6/config.json", "K6_CLOUD_HOST_V6"},
		{SourceEnvHostV6, "(set by K6_CLOUD_HOST_V6)", "collectors.cloud.hostv6"},
	} {
		c := New(Options{BaseURL: base, BaseURLSource: tc.source, MaxAttempts: 1})
		_, err := c.Validate(context.Background(), "glc_abcdefghijklmnop", "demo")
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindConnRefused {
			t.Fatalf("%s: %v", tc.source, err)
		}
		if h := e.Hint(); !strings.Contains(h, tc.want) || !strings.Contains(h, base) || strings.Contains(h, tc.not) {
			t.Errorf("%s: Hint() = %q", tc.source, h)
		}
	}
	e := &Error{Kind: KindDNS, Address: Address{URL: DefaultBaseURL, Source: SourceDefault}}
	if h := e.Hint(); strings.Contains(h, "K6_CLOUD_HOST_V6") {
		t.Errorf("default address: Hint() = %q", h)
	}
}

// A user name or password in the API address may be the token itself: the
// message refusing the address does not repeat them.
func TestEndpointErrorHidesUserinfo(t *testing.T) {
	const secret = "glc_secrettoken0123456789ABCDEF"
	for _, v := range []string{"https://" + secret + "@api.example.com", "http://me:" + secret + "@evil.example/x", "https://a@b:" + secret + "@h"} {
		for _, get := range []func(string) string{
			func(k string) string { return map[string]string{"K6_CLOUD_HOST_V6": v}[k] },
			func(string) string { return "" },
		} {
			_, err := ResolveEndpoint(get, "/c.json", v, 0, false)
			if err == nil || strings.Contains(err.Error(), "secret") || !strings.Contains(err.Error(), "…@") {
				t.Errorf("%q: %v", v, err)
			}
		}
	}
	for in, want := range map[string]string{
		"https://api.k6.io":         "https://api.k6.io",
		"https://u:p@h/a@b":         "https://…@h/a@b",
		"u@h":                       "…@h",
		"https://h/path?q=a@b#x@y":  "https://h/path?q=a@b#x@y",
		"https://u@p@h:8443/x?y=@z": "https://…@h:8443/x?y=@z",
	} {
		if got := HideUserinfo(in); got != want {
			t.Errorf("HideUserinfo(%q) = %q, want %q", in, got, want)
		}
	}
}
