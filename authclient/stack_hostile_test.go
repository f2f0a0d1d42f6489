package authclient

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// TestNormalizeStackHostile adds to TestNormalizeStack the forms people paste:
// slugs, hosts, URLs with paths and ports, upper case, internationalised names
// (IDN, raw and in xn-- form), IPv4, IPv6 in brackets, and garbage. Each input
// either becomes one canonical scheme://host or gets a reason that says what
// to type instead, without raw control characters.
func TestNormalizeStackHostile(t *testing.T) {
	ok := []struct{ in, want string }{
		// slugs
		{"MY-TEAM", "https://my-team.grafana.net"},
		{"my--team", "https://my--team.grafana.net"},
		{"\u00a0my-team\u00a0", "https://my-team.grafana.net"}, // no-break spaces from a web page
		{"my-team\r\n", "https://my-team.grafana.net"},
		// hosts and URLs with paths, queries, fragments and ports
		{"My-Team.Grafana.Net:443/a/b?c#d", "https://my-team.grafana.net"},
		{"my-team.grafana.net/", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net//", "https://my-team.grafana.net"},
		{"https://my-team.grafana.net/a/k6-app/projects/3?orgId=1#x", "https://my-team.grafana.net"},
		{"HTTPS://MY-TEAM.GRAFANA-DEV.NET:8443/", "https://my-team.grafana-dev.net:8443"},
		// IDN: only the ASCII (xn--) form is a host the API can match literally
		{"xn--bcher-kva.grafana.net", "https://xn--bcher-kva.grafana.net"},
		{"https://XN--BCHER-KVA.grafana.net/x", "https://xn--bcher-kva.grafana.net"},
		// IPv4
		{"10.0.0.1", "https://10.0.0.1"},
		{"https://10.0.0.1:8443/a", "https://10.0.0.1:8443"},
		{"http://127.0.0.1:80", "http://127.0.0.1"},
		// IPv6 in brackets, with and without a scheme
		{"https://[::1]", "https://[::1]"},
		{"HTTPS://[FE80::1]:443", "https://[fe80::1]"},
		{"http://[::ffff:127.0.0.1]", "http://[::ffff:127.0.0.1]"},
		{"[::1]", "https://[::1]"},
		{"[::1]:8080", "https://[::1]:8080"},
		{"[2001:DB8::1]:443/path", "https://[2001:db8::1]"},
	}
	for _, tc := range ok {
		got, err := NormalizeStack(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("NormalizeStack(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			continue
		}
		if again, err := NormalizeStack(got); err != nil || again != got {
			t.Errorf("NormalizeStack(%q) = %q is not stable: %q, %v", tc.in, got, again, err)
		}
	}

	bad := []struct{ in, reasonHas string }{
		{"bücher.grafana.net", "xn--"},
		{"https://bücher.grafana.net/x", "xn--"},
		{"bücher", "not plain ASCII"},
		{"ÿ", "not plain ASCII"},
		{"my-team\x00", "control characters"},
		{"my-team\x1b]0;pwned\x07", "control characters"},
		{"https://my-team.grafana.net:0", "1 to 65535"},
		{"https://my-team.grafana.net:65536", "1 to 65535"},
		{"https://my-team.grafana.net:443:443", "more than one"},
		{"https://[fe80::1%25eth0]", "IPv6"},
		{"[::1", "closing"},
		{"[::1]x", "after the IPv6 address"},
		{"1.2.3", "not a valid IP address"},
		{"256.1.1.1", "not a valid IP address"},
		{"0x7f.1", "not a valid IP address"},
		{"..", "empty part"},
		{"https://.", "no host"},
		{"!!!", "\"!\""},
		{"@", "\"@\""},
		{"my-team?", "no slashes or query"},
		{"a b", "spaces"},
		{"https://my-team.grafana.net\\@evil.example", "backslash"},
		{"https://evil.example#@my-team.grafana.net", ""}, // accepted? see below
	}
	for _, tc := range bad {
		got, err := NormalizeStack(tc.in)
		if tc.reasonHas == "" {
			// A fragment cannot smuggle another host in: what is kept is the
			// host before it, which is what the request names.
			if err != nil || got != "https://evil.example" {
				t.Errorf("NormalizeStack(%q) = %q, %v; want the host before the fragment", tc.in, got, err)
			}
			continue
		}
		var se *StackInputError
		if !errors.As(err, &se) {
			t.Errorf("NormalizeStack(%q) = %q, %v; want a *StackInputError", tc.in, got, err)
			continue
		}
		if !strings.Contains(se.Reason, tc.reasonHas) || !strings.Contains(se.Reason, "type") {
			t.Errorf("NormalizeStack(%q): reason %q lacks %q or what to type", tc.in, se.Reason, tc.reasonHas)
		}
		for _, r := range err.Error() {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Errorf("NormalizeStack(%q): message holds %U: %q", tc.in, r, err.Error())
			}
		}
	}
}

// Item 7 (the authclient side): a token typed where the stack goes is refused
// before any request, and the refusal never quotes it.
func TestTokenShapedStackInputIsRefusedUnquoted(t *testing.T) {
	for _, in := range []string{
		"glc_eyJvIjoiMTIzNDU2IiwibiI6InRva2VuIn0=",
		"glsa_AbCdEf0123456789AbCdEf0123456789_1a2b3c4d",
		"0123456789abcdef0123456789abcdef",
		"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg",
		strings.Repeat("Ab3", 30),
	} {
		if !LooksLikeToken(in) {
			t.Errorf("LooksLikeToken(%q) = false", in)
		}
		_, err := NormalizeStack(in)
		if err == nil {
			t.Errorf("NormalizeStack(%q) accepted it", in)
			continue
		}
		if strings.Contains(err.Error(), in[:10]) || !strings.Contains(err.Error(), "looks like an API token") {
			t.Errorf("NormalizeStack(%q): %v", in, err)
		}
	}
	for _, slug := range []string{"my-team", "demo", "abcdefabcdefabcdefabcdefabcdefab", "team-0123456789-0123456789-012345", "MyTeam"} {
		if LooksLikeToken(slug) {
			t.Errorf("LooksLikeToken(%q) = true", slug)
		}
	}
}

// A token inside the stack input (after a word, as a user name or password,
// in a query, between dots) is not quoted back by the refusal.
func TestStackErrorDoesNotQuoteATokenInside(t *testing.T) {
	const token = "glc_eyJvIjoiMTIzNCIsIm4iOiJ0ZXN0In0="
	const bare = "eyJvIjoiMTIzNCIsIm4iOiJ0ZXN0In0rTUVTVEVTVA"
	for _, in := range []string{
		"my stack " + token, "Bearer " + token, "https://" + token + "@x.grafana.net", "https://me:" + bare + "@x.grafana.net",
		"https://x.grafana.net:" + bare, "x y " + bare, "https://x.grafana.net/ " + bare, "\t" + bare + " z",
	} {
		_, err := NormalizeStack(in)
		if err == nil {
			t.Errorf("%q was accepted", in)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "eyJvIjoi") {
			t.Errorf("%q: the message quotes the token: %s", in, msg)
		}
	}
	// Ordinary mistakes are still quoted, so the user sees what was refused.
	if _, err := NormalizeStack("my stack"); err == nil || !strings.Contains(err.Error(), `"my stack"`) {
		t.Errorf("my stack: %v", err)
	}
}
