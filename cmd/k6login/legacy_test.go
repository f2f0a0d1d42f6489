package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportLegacy(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	h := newHarness(t, "")
	h.defaultPath = true
	h.configPath = filepath.Join(home, "k6", "config.json")
	legacy := filepath.Join(home, "loadimpact", "k6", "config.json")
	os.MkdirAll(filepath.Dir(legacy), 0o700)
	legacyContent := `{"collectors":{"cloud":{"token":"legacy-token-123456","stackURL":"https://leg.grafana.net","stackID":3}}}`
	os.WriteFile(legacy, []byte(legacyContent), 0o600)

	code, out, _ := h.run("", "--show")
	if code != 0 || !strings.Contains(out, "k6login --import-legacy") || !strings.Contains(out, legacy) {
		t.Fatalf("--show does not point at the legacy file: %d\n%s", code, out)
	}
	code, out, errOut := h.run("", "--import-legacy")
	if code != 0 || !strings.Contains(out, "Imported") || strings.Contains(out, "legacy-token-123456") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if c := cloudKeys(t, h.readConfig()); jsonText(c["token"]) != "legacy-token-123456" || jsonText(c["stackID"]) != "3" {
		t.Errorf("imported keys: %v", c)
	}
	_, out, _ = h.run("", "accounts")
	if !strings.Contains(out, "* leg") {
		t.Errorf("the imported credentials are not an account:\n%s", out)
	}
	// A second import never replaces what is there; the legacy file is never touched.
	before := h.readConfig()
	code, _, errOut = h.run("", "--import-legacy")
	if code != exitInput || !strings.Contains(errOut, "already has") || h.readConfig() != before {
		t.Errorf("second import: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(legacy); string(b) != legacyContent {
		t.Error("the legacy file changed")
	}
	// An invalid current file is never replaced by the legacy one (k6's migration does that).
	os.WriteFile(h.configPath, []byte("{oops"), 0o600)
	code, _, errOut = h.run("", "--import-legacy")
	if code != exitError || !strings.Contains(errOut, h.configPath) {
		t.Errorf("import over invalid file: %d %s", code, errOut)
	}
	if b, _ := os.ReadFile(h.configPath); string(b) != "{oops" {
		t.Error("the invalid file was replaced")
	}
}

// TestLegacyHintOnlyWhileTheCurrentFileHasNoLogin: the hint points at the
// legacy credentials only while the current file lacks any; once imported, or
// when the current file holds its own login, it is gone (text and JSON).
func TestLegacyHintOnlyWhileTheCurrentFileHasNoLogin(t *testing.T) {
	setup := func(t *testing.T) (*harness, string) {
		home := t.TempDir()
		t.Setenv("XDG_CONFIG_HOME", home)
		h := newHarness(t, "")
		h.defaultPath = true
		h.configPath = filepath.Join(home, "k6", "config.json")
		legacy := filepath.Join(home, "loadimpact", "k6", "config.json")
		os.MkdirAll(filepath.Dir(legacy), 0o700)
		os.WriteFile(legacy, []byte(`{"collectors":{"cloud":{"token":"legacy-token-123456","stackURL":"https://leg.grafana.net","stackID":3}}}`), 0o600)
		return h, legacy
	}
	noHint := func(t *testing.T, h *harness, legacy string) {
		t.Helper()
		code, out, errOut := h.run("", "--show")
		if code != 0 || strings.Contains(out, "--import-legacy") || strings.Contains(out, legacy) {
			t.Errorf("--show still points at the legacy file: %d\n%s%s", code, out, errOut)
		}
		code, out, errOut = h.run("", "--show", "--json")
		if code != 0 || strings.Contains(out, "legacyPath") || strings.Contains(out, legacy) {
			t.Errorf("--show --json still names the legacy file: %d\n%s%s", code, out, errOut)
		}
	}

	t.Run("after --import-legacy", func(t *testing.T) {
		h, legacy := setup(t)
		if code, out, _ := h.run("", "--show", "--json"); code != 0 || !strings.Contains(out, "legacyPath") {
			t.Fatalf("no hint before the import: %d\n%s", code, out)
		}
		if code, out, errOut := h.run("", "--import-legacy"); code != 0 {
			t.Fatalf("import: %d %s %s", code, out, errOut)
		}
		noHint(t, h, legacy)
	})
	t.Run("current file has its own login", func(t *testing.T) {
		h, legacy := setup(t)
		h.writeConfig(k6File)
		noHint(t, h, legacy)
	})
}
