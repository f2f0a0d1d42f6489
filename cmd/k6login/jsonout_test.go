package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/internal/jsontext"
)

// The reports are written by hand; their struct tags say what encoding/json
// would write, and this holds the two together, full and empty.
func TestJSONReportsMatchTheirTags(t *testing.T) {
	when := time.Date(2026, 11, 23, 18, 30, 0, 5, time.UTC)
	view := accountView{Name: "my-team", Active: true, Saved: true, StackURL: "https://my-team.grafana.net/?a=1&b=<2>",
		StackID: 5000000104, DefaultProjectID: 7, ProjectID: 9, ProjectName: "checkout \"eu\"", TokenMode: "stack",
		Token: "glc_****…", LastValidated: when}
	for _, tc := range []struct {
		name  string
		value any
		ours  jsontext.Value
	}{
		{"show full", showReport{Path: "/c.json", PathSource: "--config", Exists: true, Mode: "0600", ModeTooOpen: true, LoggedIn: true,
			Token: "glc_…", StackURL: "https://x.grafana.net", StackID: 1, DefaultProjectID: 2, ProjectID: 3,
			Overrides: []configstore.Override{{Var: "K6_CLOUD_TOKEN", Key: "token", Value: "glc_…"}}, Demo: true, LegacyPath: "/l.json",
			API: &apiReport{URL: "https://api.k6.io", URLSource: "default", Timeout: "1m0s", TimeoutSource: "default"}, APIError: "bad"},
			showReport{Path: "/c.json", PathSource: "--config", Exists: true, Mode: "0600", ModeTooOpen: true, LoggedIn: true,
				Token: "glc_…", StackURL: "https://x.grafana.net", StackID: 1, DefaultProjectID: 2, ProjectID: 3,
				Overrides: []configstore.Override{{Var: "K6_CLOUD_TOKEN", Key: "token", Value: "glc_…"}}, Demo: true, LegacyPath: "/l.json",
				API: &apiReport{URL: "https://api.k6.io", URLSource: "default", Timeout: "1m0s", TimeoutSource: "default"}, APIError: "bad"}.jsonValue()},
		{"show empty", showReport{Overrides: []configstore.Override{}}, showReport{Overrides: []configstore.Override{}}.jsonValue()},
		{"show nil overrides", showReport{}, showReport{}.jsonValue()},
		{"accounts", []accountView{view, {Name: "bare"}}, accountsJSON([]accountView{view, {Name: "bare"}})},
		{"no accounts", []accountView{}, accountsJSON([]accountView{})},
		{"switch", switchReport{view, true, "/c.json"}, switchReport{view, true, "/c.json"}.jsonValue()},
		{"switch bare", switchReport{}, switchReport{}.jsonValue()},
		{"remove", removeReport{"a\u2028b", true}, removeReport{"a\u2028b", true}.jsonValue()},
		{"login", loginSummary{"acc", "/c.json", "https://x", 1, 2, 3, "p", "tok", "personal", true},
			loginSummary{"acc", "/c.json", "https://x", 1, 2, 3, "p", "tok", "personal", true}.jsonValue()},
		{"login bare", loginSummary{}, loginSummary{}.jsonValue()},
		{"reset", resetReport{"/c.json", true, "acc"}, resetReport{"/c.json", true, "acc"}.jsonValue()},
		{"reset bare", resetReport{}, resetReport{}.jsonValue()},
		{"import", importReport{"/l", "/c", true, "a", "https://x", "t"}, importReport{"/l", "/c", true, "a", "https://x", "t"}.jsonValue()},
		{"import bare", importReport{}, importReport{}.jsonValue()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetIndent("", "  ")
			enc.SetEscapeHTML(false)
			if err := enc.Encode(tc.value); err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := writeJSON(&got, tc.ours); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("ours:\n%s\nencoding/json:\n%s", got.String(), want.String())
			}
		})
	}
}
