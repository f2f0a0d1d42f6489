package tui

import (
	"strings"
	"testing"
)

func TestWrapKeepsURLsWhole(t *testing.T) {
	cases := []struct {
		in    string
		width int
		want  string
	}{
		{"Paste a token for https://my-team.grafana.net.", 36, "Paste a token for\nhttps://my-team.grafana.net."},
		// Hyphens outside URLs still break lines.
		{"a well-known stack-token rule", 12, "a well-known\nstack-token\nrule"},
		// A URL or path longer than the line breaks after a slash, never at its hyphen.
		{"https://a-very-long-name.grafana.net/x", 30, "https://\na-very-long-name.grafana.net/x"},
		{"  /tmp/k6login-demo-3504533957/k6/config.json", 40, "  /tmp/k6login-demo-3504533957/k6/\nconfig.json"},
		{"no url here", 40, "no url here"},
		// Paths too move whole to the next line.
		{"Saved as demo in /tmp/k6login-demo-123/accounts.json.", 40, "Saved as demo in\n/tmp/k6login-demo-123/accounts.json."},
		{"Saved in ~/my-k6/config.json", 20, "Saved in\n~/my-k6/config.json"},
		{"File \x1b[1m/tmp/a-b-c/d\x1b[0m and a-b", 14, "File\n\x1b[1m/tmp/a-b-c/d\x1b[0m\nand a-b"},
	}
	for _, tc := range cases {
		got := wrapKeepingURLs(tc.in, tc.width)
		if got != tc.want {
			t.Errorf("wrapKeepingURLs(%q, %d) =\n%s\nwant\n%s", tc.in, tc.width, got, tc.want)
		}
		if strings.ContainsRune(got, urlHyphen) || strings.ContainsRune(got, urlSlash) {
			t.Errorf("placeholder left in %q", got)
		}
	}
}

// TestHangIndentsWrappedPaths: a path wrapped under a label keeps its indent
// on every line and breaks after a slash, never at a hyphen.
func TestHangIndentsWrappedPaths(t *testing.T) {
	e := newEnv(t)
	e.initSize(40, 20)
	got := e.m.hang("/tmp/k6login-demo-3504533957/k6/config.json", 2)
	if want := "  /tmp/k6login-demo-3504533957/k6/\n  config.json"; got != want {
		t.Fatalf("hang =\n%s\nwant\n%s", got, want)
	}
}
