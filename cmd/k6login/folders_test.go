//go:build unix

package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A config folder others can write to is named in --show (text and JSON) and
// after a save, on stderr, once.
func TestUnsafeFolderIsNamed(t *testing.T) {
	base, stop := testAPI().Start()
	defer stop()
	h := newHarness(t, base)
	h.writeConfig(k6File)
	dir := filepath.Dir(h.configPath)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	_, out, _ := h.run("", "--show")
	if !strings.Contains(out, "Warning: the folder "+dir+" is writable by everyone") {
		t.Errorf("--show does not name the folder:\n%s", out)
	}
	_, out, _ = h.run("", "--show", "--json")
	var r showReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.UnsafeFolders) != 1 {
		t.Errorf("--show --json: %v %+v\n%s", err, r.UnsafeFolders, out)
	}

	code, _, errOut := h.run(personalToken+"\n", "--stack", "my-team", "--token-stdin")
	if code != exitOK || strings.Count(errOut, "is writable by everyone") != 1 {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}

	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := h.run("", "--show"); strings.Contains(out, "writable") {
		t.Errorf("a warning after the fix:\n%s", out)
	}
}
