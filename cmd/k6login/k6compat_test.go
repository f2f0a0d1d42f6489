package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/k6-v1.8.1-cloud-login.json is the file the real k6 v1.8.1 wrote after
// `k6 cloud login --token demo-stack-token --stack demo-team` against the fake API:
// every option k6 knows as null, and the four login keys.
func readK6Fixture(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "k6-v1.8.1-cloud-login.json"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestReadsWhatK6Wrote(t *testing.T) {
	h := newHarness(t, "")
	h.writeConfig(readK6Fixture(t))
	code, out, errOut := h.run("", "--show", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r showReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Token != "demo********oken" || r.StackID != 102 || r.StackURL != "https://demo-team.grafana.net" || r.DefaultProjectID != 2001 || r.ProjectID != 0 {
		t.Errorf("--show of k6's file = %+v", r)
	}
}

// A login over k6's file keeps every key k6 wrote, nulls included, so k6 reads
// back the same options.
func TestLoginOverK6FileKeepsEveryKey(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	original := readK6Fixture(t)
	h.writeConfig(original)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin", "--project-id", "900"); code != 0 {
		t.Fatal(e)
	}
	saved := h.readConfig()
	if withoutLoginKeys(t, saved) != withoutLoginKeys(t, original) {
		t.Errorf("keys changed:\n%s", saved)
	}
	if got, want := strings.Count(saved, "null"), strings.Count(original, "null")-1; got != want {
		// projectID was null and is now 900; every other null stays.
		t.Errorf("%d nulls after login, want %d", got, want)
	}
}
