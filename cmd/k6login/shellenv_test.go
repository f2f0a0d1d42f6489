package main

import (
	"os/exec"
	"strings"
	"testing"
)

// hostileValues are values a quoting mistake would let the shell interpret.
var hostileValues = []string{
	"plain", "", "it's", `a\b`, `"double"`, "$HOME", "`id`", "$(id)", "a b\tc", "x;y&z|w", "new\nline",
	"\u2018curly\u2019", "*", "~", "!event", "#hash", "{a,b}", `\'`, "'$(id)'",
}

// Each shell that is installed reads back every hostile value as it was.
func TestExportLinesRoundTripInRealShells(t *testing.T) {
	for _, tc := range []struct{ shell, bin, read string }{
		{"bash", "bash", `printf '%s' "$K6_CLOUD_TOKEN"`},
		{"zsh", "zsh", `printf '%s' "$K6_CLOUD_TOKEN"`},
		{"fish", "fish", `printf '%s' "$K6_CLOUD_TOKEN"`},
		{"powershell", "pwsh", `[Console]::Out.Write($Env:K6_CLOUD_TOKEN)`},
	} {
		t.Run(tc.shell, func(t *testing.T) {
			path, err := exec.LookPath(tc.bin)
			if err != nil {
				t.Skipf("%s is not installed", tc.bin)
			}
			for _, v := range hostileValues {
				if tc.shell == "powershell" && strings.Contains(v, "\n") {
					continue // a command line of pwsh -Command cannot hold it either way
				}
				ae := accountEnv{set: []envVar{{envToken, v}}, unset: []string{envProjectID}}
				script := string(exportLines(tc.shell, ae)) + tc.read
				args := []string{"-c", script}
				if tc.shell == "powershell" {
					args = []string{"-NoProfile", "-Command", script}
				}
				cmd := exec.Command(path, args...)
				cmd.Env = []string{"HOME=/nonexistent", "K6_CLOUD_PROJECT_ID=7"}
				out, err := cmd.Output()
				if err != nil || string(out) != v {
					t.Errorf("%q came back as %q (%v); script:\n%s", v, out, err, script)
				}
			}
		})
	}
}

func TestShellFromPath(t *testing.T) {
	for in, want := range map[string]string{
		"/bin/bash": "bash", "/usr/bin/zsh": "zsh", "/usr/local/bin/fish": "fish", "/usr/bin/pwsh": "powershell",
		`C:\Program Files\PowerShell\7\pwsh.exe`: "powershell", "": "bash", "/bin/tcsh": "bash", "/bin/sh": "bash",
	} {
		if got := shellFromPath(in); got != want {
			t.Errorf("shellFromPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEnvCommand(t *testing.T) {
	h := execHarness(t)
	configBefore := h.readConfig()

	// bash, from $SHELL; evaluated by a real bash.
	h.env["SHELL"] = "/bin/bash"
	code, out, errOut := h.run("", "env", "my-team-stack")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "# These lines hold a secret") {
		t.Errorf("no warning comment:\n%s", out)
	}
	if bash, err := exec.LookPath("bash"); err == nil {
		script := out + `printf '%s|%s|%s|%s|%s' "$K6_CLOUD_TOKEN" "$K6_CLOUD_STACK_ID" "$K6_CLOUD_STACK_URL" "$K6_CLOUD_PROJECT_ID" "$K6_CONFIG"`
		got, err := exec.Command(bash, "-c", script).Output()
		want := strings.Join([]string{stackToken, "6000000001", teamURL, "502", h.configPath}, "|")
		if err != nil || string(got) != want {
			t.Errorf("bash read %q (%v), want %q", got, err, want)
		}
	}

	// The other shells, by flag and by $SHELL.
	for _, tc := range []struct {
		args  []string
		shell string
		want  string
	}{
		{[]string{"env", "other-personal", "--shell", "fish"}, "", "set -gx K6_CLOUD_TOKEN '" + personalToken + "';"},
		{[]string{"env", "other-personal"}, "/usr/bin/fish", "set -gx K6_CLOUD_STACK_ID '42';"},
		{[]string{"env", "other-personal", "--shell", "powershell"}, "", "$Env:K6_CLOUD_STACK_URL = '" + otherURL + "'"},
		{[]string{"env", "other-personal", "--shell", "zsh"}, "/usr/bin/fish", "export K6_CLOUD_PROJECT_ID='900'"},
	} {
		h.env["SHELL"] = tc.shell
		code, out, errOut := h.run("", tc.args...)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%v (SHELL=%s): exit %d, lacks %q:\n%s%s", tc.args, tc.shell, code, tc.want, out, errOut)
		}
		// The stackURL in k6's config still wins for k6: said on stderr, not in the lines.
		if !strings.Contains(errOut, "K6_CLOUD_STACK_URL") || strings.Contains(out, "Warning") {
			t.Errorf("%v: the stackURL warning is missing from stderr or in the lines:\n%s\n--\n%s", tc.args, out, errOut)
		}
	}

	// An account with no project of its own, while k6's config names another login's: pinned to the account's default.
	_, out, _ = h.run("", "env", "old", "--shell", "bash")
	if !strings.Contains(out, "export K6_CLOUD_PROJECT_ID='70'") {
		t.Errorf("old: the file's project was not replaced by the account's default:\n%s", out)
	}

	for _, args := range [][]string{{"env"}, {"env", "nope"}, {"env", "old", "--shell", "tcsh"}, {"env", "a", "b"}} {
		code, out, errOut := h.run("", args...)
		if code != exitInput || out != "" {
			t.Errorf("%v: exit %d, stdout %q, %s", args, code, out, errOut)
		}
	}
	if h.readConfig() != configBefore {
		t.Error("env changed k6's config")
	}
}

func TestCompletionOffersAccountsForExecAndEnv(t *testing.T) {
	h := execHarness(t)
	for _, args := range [][]string{{"__complete", "exec", "my"}, {"__complete", "env", "my"}} {
		code, out, errOut := h.run("", args...)
		if code != 0 || !strings.Contains(out, "my-team-stack\t"+teamURL) || strings.Contains(out, "other-personal") {
			t.Errorf("%v: %d %q %s", args, code, out, errOut)
		}
	}
	// After the account comes the command: left to the shell.
	_, out, _ := h.run("", "__complete", "exec", "old", "")
	if strings.Contains(out, "my-team-stack") || !strings.Contains(out, ":0") {
		t.Errorf("completion after the account: %q", out)
	}
	_, out, _ = h.run("", "__complete", "env", "old", "--shell", "")
	if !strings.Contains(out, "fish") || !strings.Contains(out, "powershell") {
		t.Errorf("--shell completion: %q", out)
	}
}

func TestUnsetLinesPerShell(t *testing.T) {
	ae := accountEnv{unset: []string{envProjectID}}
	for shell, want := range map[string]string{
		"bash": "unset K6_CLOUD_PROJECT_ID", "fish": "set -e K6_CLOUD_PROJECT_ID;",
		"powershell": "Remove-Item Env:K6_CLOUD_PROJECT_ID -ErrorAction SilentlyContinue",
	} {
		if got := string(exportLines(shell, ae)); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", shell, got, want)
		}
	}
}
