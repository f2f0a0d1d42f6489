package authclient

import "testing"

func TestTokenPageURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://my-team.grafana.net":         "https://my-team.grafana.net/a/k6-app/settings/api-token",
		"https://my-team.grafana.net/":        "https://my-team.grafana.net/a/k6-app/settings/api-token",
		"https://ops.grafana-ops.net":         "https://ops.grafana-ops.net/a/k6-app/settings/api-token",
		"https://x.grafana.net/a/k6-app":      "", // not a normalised stack URL
		"my-team":                             "",
		"":                                    "",
		"javascript:alert(1)":                 "",
		"https://x.grafana.net\x1b]0;owned\a": "",
	} {
		if got := TokenPageURL(in); got != want {
			t.Errorf("TokenPageURL(%q) = %q, want %q", in, got, want)
		}
	}
}
