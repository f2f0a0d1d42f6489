package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
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

// "k6login env NAME --shell powershell | Invoke-Expression" runs each line of
// the output on its own: a value holding a line break must not spill onto a
// line of its own, where it would run as a command. Read back here with
// PowerShell's rules for the two forms powershellQuote writes (pwsh is not
// always installed): '...' with doubled quotes, and [char]0xN, joined by " + ".
func TestPowershellLinesHoldWholeValues(t *testing.T) {
	values := append([]string{"https://x.grafana.net\nWrite-Host PWNED #", "a\r\nb\rc", "\x1b]0;t\a", "x\u2028y\u0085z", "\n", "'\n'"}, hostileValues...)
	for _, v := range values {
		ae := accountEnv{set: []envVar{{envStackURL, v}}, unset: []string{envProjectID}}
		lines := strings.Split(strings.TrimSuffix(string(exportLines("powershell", ae)), "\n"), "\n")
		if len(lines) != 4 {
			t.Errorf("%q: %d lines, want 4:\n%s", v, len(lines), strings.Join(lines, "\n"))
			continue
		}
		for _, l := range lines {
			assertTerminalSafe(t, "a powershell line", l)
		}
		expr, ok := strings.CutPrefix(lines[2], "$Env:"+envStackURL+" = ")
		if got, err := readPowershellValue(expr); !ok || err != nil || got != v {
			t.Errorf("%q came back as %q (%v):\n%s", v, got, err, lines[2])
		}
	}
}

func readPowershellValue(expr string) (string, error) {
	var out strings.Builder
	for first := true; ; first = false {
		if !first {
			rest, ok := strings.CutPrefix(expr, " + ")
			if !ok {
				if expr == "" {
					return out.String(), nil
				}
				return "", fmt.Errorf("expected + at %q", expr)
			}
			expr = rest
		}
		if rest, ok := strings.CutPrefix(expr, "[char]0x"); ok {
			end := strings.IndexFunc(rest, func(r rune) bool { return !strings.ContainsRune("0123456789ABCDEF", r) })
			if end < 0 {
				end = len(rest)
			}
			n, err := strconv.ParseUint(rest[:end], 16, 32)
			if err != nil {
				return "", err
			}
			out.WriteRune(rune(n))
			expr = rest[end:]
			continue
		}
		quotes := "'\u2018\u2019\u201a\u201b"
		r, size := utf8.DecodeRuneInString(expr)
		if !strings.ContainsRune(quotes, r) {
			return "", fmt.Errorf("expected a string at %q", expr)
		}
		expr = expr[size:]
		for {
			r, size := utf8.DecodeRuneInString(expr)
			if size == 0 {
				return "", fmt.Errorf("string not ended")
			}
			expr = expr[size:]
			if strings.ContainsRune(quotes, r) {
				r2, size2 := utf8.DecodeRuneInString(expr)
				if size2 > 0 && strings.ContainsRune(quotes, r2) {
					// A doubled quote (of any kind) is one quote.
					out.WriteRune(r2)
					expr = expr[size2:]
					continue
				}
				break
			}
			out.WriteRune(r)
		}
	}
}

// A stored value with an escape sequence or a line break (from a damaged or
// planted accounts file) is not printed raw by env: the lines keep every byte
// for the shell, so env refuses rather than show it.
func TestEnvRefusesControlCharactersInStoredValues(t *testing.T) {
	api := testAPI()
	base, stop := api.Start()
	defer stop()
	h := newHarness(t, base)
	if code, _, e := h.run(personalToken, "--stack", "other", "--token-stdin", "--insecure-storage"); code != 0 {
		t.Fatalf("login: %s", e)
	}
	plain := h.accountsFile()
	for _, hostile := range []string{`https://other.grafana.net\u001b]0;PWNED\u0007`, `https://other.grafana.net\nWrite-Host PWNED #`, `https://other.grafana.net\u202e`} {
		planted := strings.Replace(plain, `"stackURL": "`+otherURL+`"`, `"stackURL": "`+hostile+`"`, 1)
		if planted == plain {
			t.Fatalf("no stackURL to replace in:\n%s", plain)
		}
		if err := os.WriteFile(h.env["K6LOGIN_ACCOUNTS"], []byte(planted), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, shell := range shells {
			code, out, errOut := h.run("", "env", "other-personal", "--shell", shell)
			if code != exitInput || out != "" || !strings.Contains(errOut, envStackURL) {
				t.Errorf("%s, %s: exit %d, want %d, nothing on stdout, naming %s:\n%s%s", hostile, shell, code, exitInput, envStackURL, out, errOut)
			}
			assertTerminalSafe(t, "env", out+errOut)
		}
	}
}
