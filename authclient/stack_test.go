package authclient

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeStack(t *testing.T) {
	ok := []struct{ in, want string }{
		{"my-team", "https://my-team.grafana.net"},
		{"myteam", "https://myteam.grafana.net"},
		{"MyTeam", "https://myteam.grafana.net"},
		{"  my-team\t", "https://my-team.grafana.net"},
		{"a", "https://a.grafana.net"},
		{"team42", "https://team42.grafana.net"},
		{strings.Repeat("a", 63), "https://" + strings.Repeat("a", 63) + ".grafana.net"},
		{"my-team.grafana.net", "https://my-team.grafana.net"},
		{" https://My-Team.grafana.net/ ", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net/a/k6-app?x=1", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net#frag", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net?x", "https://my-team.grafana.net"},
		{"HTTPS://MY-TEAM.GRAFANA.NET", "https://my-team.grafana.net"},
		{"my-team.grafana.net/a/b", "https://my-team.grafana.net"},
		{"my-team.grafana.net.", "https://my-team.grafana.net"},
		{"x.grafana-dev.net", "https://x.grafana-dev.net"},
		{"x.grafana-ops.net", "https://x.grafana-ops.net"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080"},
		{"127.0.0.1:8080", "https://127.0.0.1:8080"},
		{"http://localhost:3000", "http://localhost:3000"},
		{"https://localhost", "https://localhost"},
		{"https://my-team.grafana.net:443", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net:8443", "https://my-team.grafana.net:8443"},
		{"https://my-team.grafana.net:08443", "https://my-team.grafana.net:8443"},
		{"http://[::1]:8080", "http://[::1]:8080"},
		{"http://[0:0:0:0:0:0:0:1]", "http://[::1]"},
		{"my-team.grafana.net:443", "https://my-team.grafana.net"},
		{"1team", "https://1team.grafana.net"},
	}
	for _, tc := range ok {
		got, err := NormalizeStack(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizeStack(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}

	bad := []struct{ in, reasonHas string }{
		{"", "empty"},
		{"   ", "empty"},
		{"my team", "spaces"},
		{"https://my team.grafana.net", "spaces"},
		{"ftp://x.grafana.net", "only https://"},
		{"file:///etc/passwd", "only https://"},
		{"javascript://x", "only https://"},
		{"://x.grafana.net", "no scheme"},
		{"https://u:p@x.grafana.net", "user name or password"},
		{"u@x.grafana.net", "user name or password"},
		{"https://ftp://x", "two schemes"},
		{"my_team", "\"_\""},
		{"my_team.grafana.net", "\"_\""},
		{"-team", "hyphen"},
		{"team-", "hyphen"},
		{"https://-x.grafana.net", "hyphen"},
		{"a..b", "empty part"},
		{".grafana.net", "empty part"},
		{"https://" + strings.Repeat("a", 64) + ".grafana.net", "longer than 63"},
		{strings.Repeat("a", 64), "longer than 63"},
		{"http://demo.grafana.net", "Grafana Cloud stacks use https://"},
		{"http://example.com:80/x", "type https://example.com instead"},
		{"http://10.0.0.1:8080", "only for a local test server"},
		{"my-team:443", "port can only follow a full host"},
		{"localhost:8080", "port can only follow a full host"},
		{"héllo", "not plain ASCII"},
		{"https://grafана.net", "not plain ASCII"},
		{"\x1b[31mred", "control characters"},
		{"my\u202eteam", "not plain ASCII"},
		{"https://x.grafana.net:", "port after \":\" is empty"},
		{"https://x.grafana.net:99999", "1 to 65535"},
		{"https://x.grafana.net:abc", "1 to 65535"},
		{"https://", "no host"},
		{"https:///path", "no host"},
		{"https:my-team.grafana.net", "missing \"//\""},
		{"http:/x.grafana.net", "missing \"//\""},
		{"my-team/x", "no slashes"},
		{"999.1.1.1", "not a valid IP address"},
		{"https://a:b:c", "more than one"},
		{"http://[::1", "closing"},
		{"http://[zz]:80", "IPv6"},
		{"x.grafana.net\\foo", "backslash"},
		{"x%41.grafana.net", "\"%\""},
	}
	for _, tc := range bad {
		got, err := NormalizeStack(tc.in)
		var se *StackInputError
		if !errors.As(err, &se) {
			t.Errorf("NormalizeStack(%q) = %q, %v; want a *StackInputError", tc.in, got, err)
			continue
		}
		if se.Input != tc.in {
			t.Errorf("NormalizeStack(%q): Input = %q", tc.in, se.Input)
		}
		if !strings.Contains(se.Reason, tc.reasonHas) {
			t.Errorf("NormalizeStack(%q): reason %q does not mention %q", tc.in, se.Reason, tc.reasonHas)
		}
		if !strings.Contains(se.Reason, "type") {
			t.Errorf("NormalizeStack(%q): reason %q does not say what to type instead", tc.in, se.Reason)
		}
		if strings.ContainsAny(err.Error(), "\x1b\u202e") {
			t.Errorf("NormalizeStack(%q): message carries raw control characters: %q", tc.in, err.Error())
		}
	}
}

func TestStackInputErrorDoesNotEchoTokens(t *testing.T) {
	for _, tok := range []string{"glc_eyJvIjoiMTIzIiwibiI6InRva2VuIn0", strings.Repeat("abcdef0123", 7)} {
		_, err := NormalizeStack(tok)
		if err == nil {
			t.Fatalf("NormalizeStack(%q) accepted a token", tok)
		}
		if strings.Contains(err.Error(), tok[:20]) {
			t.Errorf("message echoes the token: %q", err.Error())
		}
	}
}

func TestStackSlug(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://my-team.grafana.net", "my-team"},
		{"my-team", "my-team"},
		{"https://My-Team.grafana.net/", "my-team"},
		{"https://x.grafana-dev.net", "x.grafana-dev.net"},
		{"https://a.b.grafana.net", "a.b.grafana.net"},
		{"http://127.0.0.1:8080", "127.0.0.1:8080"},
		{"https://my-team.grafana.net:8443", "my-team.grafana.net:8443"},
		{" not valid ", "not valid"},
	}
	for _, tc := range cases {
		if got := StackSlug(tc.in); got != tc.want {
			t.Errorf("StackSlug(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkNormalizeStack(b *testing.B) {
	inputs := []string{"my-team", " https://My-Team.grafana.net/a/k6-app?x=1 ", "http://127.0.0.1:8080", "my_team"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_, _ = NormalizeStack(inputs[i%len(inputs)])
	}
}

func FuzzNormalizeStack(f *testing.F) {
	for _, s := range []string{"my-team", "https://my-team.grafana.net/a?b", "http://127.0.0.1:8080", "http://[::1]:80", "a..b", "https://ftp://x", "u@x.y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizeStack(in)
		if err != nil {
			var se *StackInputError
			if !errors.As(err, &se) || se.Reason == "" {
				t.Fatalf("NormalizeStack(%q): error %v is not a *StackInputError with a reason", in, err)
			}
			return
		}
		if out != strings.ToLower(out) {
			t.Fatalf("NormalizeStack(%q) = %q has upper case", in, out)
		}
		scheme, host, ok := strings.Cut(out, "://")
		if !ok || (scheme != "https" && scheme != "http") {
			t.Fatalf("NormalizeStack(%q) = %q: bad scheme", in, out)
		}
		if host == "" || strings.ContainsAny(host, "/?#@ ") {
			t.Fatalf("NormalizeStack(%q) = %q: host has path, query, user info or spaces", in, out)
		}
		again, err := NormalizeStack(out)
		if err != nil || again != out {
			t.Fatalf("NormalizeStack(%q) = %q, but re-normalising gives %q, %v", in, out, again, err)
		}
	})
}
