package tui

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/k6login/k6login/configstore"
)

// envCanaryToken is only ever in the environment (K6_CLOUD_TOKEN); like every
// other token it must never be written out.
const envCanaryToken = "glc_CANARYCANARYCANARYCANARYCANARYCANARY_c4n4"

// accessibleVars is the environment of the accessible menu tests.
var accessibleVars = map[string]string{"K6_CLOUD_TOKEN": envCanaryToken, "K6_CLOUD_PROJECT_ID": "7"}

// requireNoSecret fails when out holds any token, or anything a terminal
// would take as a control sequence.
func requireNoSecret(t *testing.T, out string) {
	t.Helper()
	requireNoToken(t, out)
	for _, s := range []string{ciToken, envCanaryToken, "CANARYCANARY", "CISECRET", "\x1b", "\r"} {
		if strings.Contains(out, s) {
			t.Fatalf("%q in the accessible output:\n%s", s, out)
		}
	}
}

// runMenu runs RunAccessible over e's real files with the given answers, one
// a line (the token too: no secret reader), and reports what is left unread.
func runMenu(t *testing.T, e *acctEnv, lines []string) (res Result, out string, rest string, err error) {
	t.Helper()
	deps := e.m.deps
	deps.Getenv = func(k string) string { return accessibleVars[k] }
	input := ""
	if len(lines) > 0 {
		input = strings.Join(lines, "\n") + "\n"
	}
	in := strings.NewReader(input)
	var b strings.Builder
	res, err = RunAccessible(context.Background(), deps, in, &b, nil)
	left, _ := io.ReadAll(in)
	requireNoSecret(t, b.String())
	// The session saves through the real store, which names the temp file.
	out = strings.ReplaceAll(b.String(), e.path, "<config>")
	return res, out, string(left), err
}

func requireLines(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(out, s) {
			t.Errorf("the transcript lacks %q:\n%s", s, out)
		}
	}
}

func requireMode(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != want {
		t.Fatalf("mode %04o, want %04o", info.Mode().Perm(), want)
	}
}

// menuFlow is one scripted session over the menu. firstWrite and lastWrite
// are the indexes in lines of the first and last answers that write; -1 when
// none does.
type menuFlow struct {
	name                  string
	opts                  func() []acctOpt
	lines                 []string
	firstWrite, lastWrite int
	want                  []string // lines of the transcript
	check                 func(t *testing.T, e *acctEnv, res Result, out string)
}

// loose is the standard start with k6's config readable by others.
func loose() []acctOpt {
	return []acctOpt{withConfig(configWithLogin, 0o644), withAccounts(seedAccounts()...)}
}

// unsavedOnly: k6's config holds a login no account has.
func unsavedOnly() []acctOpt { return []acctOpt{withConfig(configWithLogin, 0o600)} }

func untouched(t *testing.T, e *acctEnv, res Result, out string) {
	t.Helper()
	e.requireFilesUntouched()
	if res.Action != ActionNone || res.Saved || res.Summary() != "" {
		t.Fatalf("result %+v", res)
	}
}

var menuFlows = []menuFlow{
	{
		name: "quit", opts: standard, lines: []string{"7"}, firstWrite: -1, lastWrite: -1,
		want: []string{
			"k6's config: " + shownPath + ". Saved accounts: " + shownAccountsPath + ".",
			"k6 uses my-team-personal: stack https://my-team.grafana.net, project stack default (100), token glc_********1234.",
			"Last validated 3 minutes ago. 3 accounts are saved.",
			"Warning: K6_CLOUD_TOKEN is set (glc_********c4n4): k6 uses it instead of token in the config file. Unset it to use this login.",
			"Warning: K6_CLOUD_PROJECT_ID is set (7): k6 uses it instead of projectID in the config file.",
			"  1. Review: token, project, file, environment",
			"  2. Switch account: use another saved account",
			"  3. Add an account: log in with another token",
			"  4. Validate again: check the token still works",
			"  5. Reset / sign out: sign out or forget accounts",
			"  6. Check all accounts: validate every login at once",
			"  7. Quit",
			"What next? Choose 1 to 7 [7]: ",
		},
		check: untouched,
	},
	{
		// Invalid answers are explained and asked again; an empty one is Quit.
		name: "invalid_then_default_quit", opts: standard, lines: []string{"9", "review", ""}, firstWrite: -1, lastWrite: -1,
		want:  []string{"What next? Choose 1 to 7 [7]: Please answer with a number from 1 to 7.\nWhat next? Choose 1 to 7 [7]: Please answer with a number from 1 to 7.\nWhat next?"},
		check: untouched,
	},
	{
		name: "review_fix_mode", opts: loose, lines: []string{"1", "y", "7"}, firstWrite: 1, lastWrite: 1,
		want: []string{
			"The login k6 uses:",
			"  Account: my-team-personal\n",
			"  Token: glc_********1234\n",
			"  Token type: personal token\n",
			"  Stack URL: https://my-team.grafana.net\n",
			"  Stack ID: 4321\n",
			"  Project: stack default (100)\n",
			"  Default project: 100\n",
			"  Config file: " + shownPath + "\n",
			"  File mode: 0644, others can read it\n",
			"  Last validated: 3 minutes ago\n",
			"Warning: environment variables override this for k6:\n",
			"  K6_CLOUD_TOKEN=glc_********c4n4: k6 uses it instead of token in the config file.\n",
			"  K6_CLOUD_PROJECT_ID=7: k6 uses it instead of projectID in the config file.\n",
			"Warning: The file holds a token and other users can read it.\n",
			"Make it owner-only (0600)? [y/N]: ",
			"The file is now owner-only: 0600 (was 0644).",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			requireMode(t, e.path, 0o600)
			if string(e.fileContent()) != configWithLogin || string(e.accountsContent()) != string(e.origAccounts) {
				t.Fatal("a file's content changed")
			}
			if res.Action != ActionFixMode || res.ModeFixedFrom.Perm() != 0o644 || res.Saved {
				t.Fatalf("result %+v", res)
			}
			if s := res.Summary(); s != "Made k6's config owner-only (was 0644, now 0600)." {
				t.Fatalf("summary %q", s)
			}
		},
	},
	{
		name: "review_fix_mode_declined", opts: loose, lines: []string{"1", "", "7"}, firstWrite: -1, lastWrite: -1,
		want: []string{"Make it owner-only (0600)? [y/N]: The file mode was not changed."},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			untouched(t, e, res, out)
			requireMode(t, e.path, 0o644)
		},
	},
	{
		name: "review_unsaved", opts: unsavedOnly, lines: []string{"1", "8"}, firstWrite: -1, lastWrite: -1,
		want: []string{
			"k6 uses my-team: stack https://my-team.grafana.net",
			"Only in k6's config; it is saved as an account when you validate it or switch away. No account is saved.",
			"  2. Keep this login: save it as an account to switch back to\n",
			"  Account: my-team (not saved: only in k6's config)\n",
			"  Token type: not recorded\n",
			"  File mode: 0600\n",
			"  Last validated: not saved\n",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			untouched(t, e, res, out)
			if strings.Contains(out, "owner-only") {
				t.Fatalf("a fix offered for a 0600 file:\n%s", out)
			}
		},
	},
	{
		// Keep this login saves what only k6's config holds; it is then a
		// saved account, and the menu no longer offers to keep it.
		name: "keep", opts: unsavedOnly, lines: []string{"2", "7"}, firstWrite: 0, lastWrite: 0,
		want: []string{
			"  2. Keep this login: save it as an account to switch back to\n",
			"What next? Choose 1 to 8 [8]: \nSaved as the account my-team: you can switch back to it after a switch.",
			"Last validated never. 1 account is saved.",
			"What next? Choose 1 to 7 [7]: ",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			if string(e.fileContent()) != string(e.original) {
				t.Fatal("k6's config changed")
			}
			if got := e.requireAccountNames("my-team"); got["my-team"].Credentials() != credsOf("my-team-personal") {
				t.Fatalf("kept %+v", got["my-team"])
			}
			if res.Action != ActionKeep || res.Account != "my-team" || res.Saved {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "validate_again", opts: standard, lines: []string{"4", "7"}, firstWrite: 0, lastWrite: 0,
		want: []string{
			"Checking the token of my-team-personal against https://my-team.grafana.net…",
			"The token works: checked just now and recorded as my-team-personal.",
			"Last validated just now.",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			if string(e.fileContent()) != configWithLogin {
				t.Fatal("k6's config changed")
			}
			got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
			if !got["my-team-personal"].LastValidated.Equal(clock) {
				t.Fatalf("last validated %v", got["my-team-personal"].LastValidated)
			}
			if res.Action != ActionValidate || res.Account != "my-team-personal" {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "switch", opts: standard, lines: []string{"2", "1", "7"}, firstWrite: 1, lastWrite: 1,
		want: []string{
			"Pick the account k6 should use. Its token is checked before anything is written.",
			"  1. ci-stack (my-team, stack token)\n",
			"  2. my-team-personal (my-team, personal token, in use)\n",
			"  3. old-laptop (my-team, personal token)\n",
			"  4. Back\n",
			"Choose 1 to 4 [4]: ",
			"Checking ci-stack (glsa********ab12) against https://my-team.grafana.net…",
			"k6 now uses ci-stack.",
			"  Project: 102\n",
			"The account k6 used before stays saved.",
			"k6 uses ci-stack: stack https://my-team.grafana.net, project 102, token glsa********ab12.",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			if n := strings.Count(out, "Checking"); n != 1 {
				t.Fatalf("Checking said %d times:\n%s", n, out)
			}
			e.requireConfig(credsOf("ci-stack"))
			got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
			if !got["ci-stack"].LastValidated.Equal(clock) || got["ci-stack"].ProjectID != 102 {
				t.Fatalf("ci-stack %+v", got["ci-stack"])
			}
			if !got["my-team-personal"].LastValidated.Equal(seedAccounts()[0].LastValidated) {
				t.Fatal("the account switched away from changed")
			}
			if res.Action != ActionSwitch || res.Account != "ci-stack" || !res.Saved || res.Credentials != credsOf("ci-stack") ||
				res.TokenMode != TokenStack || res.SaveResult.Path != e.path {
				t.Fatalf("result %+v", res)
			}
			if s := res.Summary(); s != "k6 now uses ci-stack (https://my-team.grafana.net)." {
				t.Fatalf("summary %q", s)
			}
		},
	},
	{
		// The account in use is refused as a target, and the list asked again.
		name: "switch_to_active_then_back", opts: standard, lines: []string{"2", "2", "", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"k6 already uses my-team-personal. Nothing was changed."},
		check: untouched,
	},
	{
		name: "switch_refused_anyway", opts: standard, lines: []string{"2", "3", "y", "7"}, firstWrite: 2, lastWrite: 2,
		want: []string{
			"Error: Token refused: old-laptop.",
			"k6 would be refused with this token. Nothing was changed.\nSwitch anyway? [y/N]: ",
			"k6 now uses old-laptop.",
			"Warning: Switched anyway: Grafana Cloud refused its token",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			e.requireConfig(credsOf("old-laptop"))
			got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
			if !got["old-laptop"].LastValidated.IsZero() {
				t.Fatal("a refused account was marked validated")
			}
			if res.Action != ActionSwitch || res.Account != "old-laptop" || !res.Saved || res.TokenMode != TokenPersonal || !res.Unchecked {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "switch_refused_declined", opts: standard, lines: []string{"2", "3", "n", "4", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"Switch anyway? [y/N]: \nPick the account k6 should use."},
		check: untouched,
	},
	{
		name: "add_account", opts: unsavedOnly, lines: []string{"4", "my-team", ciToken, "2", "3", "", "7"}, firstWrite: 5, lastWrite: 5,
		want: []string{
			"Add an account: log in with another token.",
			"Stack slug or URL, for example my-team; empty to go back to the menu: ",
			"Token (typing is hidden; empty to go back to the menu): ",
			"Got the token: 42 characters, ends in …ab12.",
			"Project: Project 0002  #102",
			"Save? [Y/n]: Saved to <config>.\nSaved as the account my-team-stack.",
			"k6 uses my-team-stack: stack https://my-team.grafana.net, project 102 (Project 0002), token glsa********ab12.",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			want := configstore.Credentials{Token: ciToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID, ProjectID: 102}
			e.requireConfig(want)
			got := e.requireAccountNames("my-team", "my-team-stack")
			if got["my-team"].Credentials() != credsOf("my-team-personal") {
				t.Fatalf("the replaced login was not kept: %+v", got["my-team"])
			}
			if a := got["my-team-stack"]; a.ProjectName != "Project 0002" || a.TokenMode != configstore.TokenModeStack || a.Credentials() != want {
				t.Fatalf("recorded %+v", a)
			}
			if res.Action != ActionLogin || res.Account != "my-team-stack" || !res.Saved || res.Credentials != want ||
				res.TokenMode != TokenStack || res.ProjectName != "Project 0002" || res.RecordErr != nil {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "add_account_back", opts: standard, lines: []string{"3", "", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"empty to go back to the menu: Nothing was written."},
		check: untouched,
	},
	{
		name: "add_account_declined", opts: standard, lines: []string{"3", "my-team", ciToken, "2", "", "n", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"Save? [Y/n]: Nothing was written."},
		check: untouched,
	},
	{
		// Declined once (the default), then confirmed.
		name: "sign_out", opts: standard, lines: []string{"5", "1", "", "1", "y", "5"}, firstWrite: 4, lastWrite: 4,
		want: []string{
			"What should be removed? You are asked to confirm before anything is removed.",
			"  1. Sign out of my-team-personal: k6's config will lose its login keys; the account will stay saved, so you can switch back.",
			"  2. Forget one saved account:",
			"  3. Forget all 3 saved accounts:",
			"  4. Back: change nothing.",
			"Will be removed from " + shownPath + ": token, stackID, stackURL, defaultProjectID and projectID under collectors.cloud.",
			"my-team-personal will stay saved in " + shownAccountsPath + ", so you can switch back to it.",
			"Sign k6 out of my-team-personal? [y/N]: Nothing was changed.",
			"Signed k6 out of my-team-personal.\nmy-team-personal is still saved",
			"k6 is signed out: its config holds no cloud login. 3 accounts are saved: switch to one, or add another.",
			"  1. Switch account",
			"  4. Check all accounts: validate every login at once",
			"  5. Quit",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			e.requireConfig(configstore.Credentials{})
			if string(e.accountsContent()) != string(e.origAccounts) {
				t.Fatalf("accounts changed:\n%s", e.accountsContent())
			}
			if res.Action != ActionSignOut || res.Account != "my-team-personal" || res.Saved {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "forget_one", opts: standard, lines: []string{"5", "2", "1", "y", "7"}, firstWrite: 3, lastWrite: 3,
		want: []string{
			"Which saved account should be forgotten? You are asked to confirm next.",
			"Will be deleted from " + shownAccountsPath + ": ci-stack (https://my-team.grafana.net, token glsa********ab12).",
			shownPath + " will not be changed.",
			"Forget ci-stack? [y/N]: Forgot ci-stack.\n",
			"2 accounts are saved.",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			if string(e.fileContent()) != string(e.original) {
				t.Fatalf("k6's config changed:\n%s", e.fileContent())
			}
			e.requireAccountNames("my-team-personal", "old-laptop")
			if res.Action != ActionForget || res.Account != "ci-stack" || res.SignedOut {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "forget_one_declined", opts: standard, lines: []string{"5", "2", "1", "n", "4", "4", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"Forget ci-stack? [y/N]: Nothing was changed."},
		check: untouched,
	},
	{
		name: "forget_active", opts: standard, lines: []string{"5", "2", "2", "y", "", "5"}, firstWrite: 3, lastWrite: 3,
		want: []string{
			"k6 uses it now, so token, stackID, stackURL, defaultProjectID and projectID will be removed from " + shownPath + " too: k6 will be signed out.",
			"Forgot my-team-personal.\nk6 was using it, so k6 was signed out too.\nSwitch to another account now? [y/N]: ",
			"k6 is signed out: its config holds no cloud login. 2 accounts are saved",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			e.requireConfig(configstore.Credentials{})
			e.requireAccountNames("ci-stack", "old-laptop")
			if res.Action != ActionForget || res.Account != "my-team-personal" || !res.SignedOut {
				t.Fatalf("result %+v", res)
			}
			if s := res.Summary(); s != "Forgot my-team-personal and signed k6 out of it." {
				t.Fatalf("summary %q", s)
			}
		},
	},
	{
		name: "forget_active_then_switch", opts: standard, lines: []string{"5", "2", "2", "y", "y", "1", "7"}, firstWrite: 3, lastWrite: 5,
		want: []string{"Switch to another account now? [y/N]: \nPick the account k6 should use.", "k6 now uses ci-stack."},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			e.requireConfig(credsOf("ci-stack"))
			e.requireAccountNames("ci-stack", "old-laptop")
			if res.Action != ActionSwitch || res.Account != "ci-stack" {
				t.Fatalf("result %+v", res)
			}
		},
	},
	{
		name: "forget_all_declined_first", opts: standard, lines: []string{"5", "3", "", "4", "7"}, firstWrite: -1, lastWrite: -1,
		want:  []string{"Forget all 3 saved accounts? [y/N]: Nothing was changed."},
		check: untouched,
	},
	{
		name: "forget_all_declined_second", opts: standard, lines: []string{"5", "3", "y", "n", "4", "7"}, firstWrite: -1, lastWrite: -1,
		want: []string{
			shownAccountsPath + ": 3 accounts will be deleted.\n" + shownPath + ": the login keys will be removed.\nReally forget all 3 accounts? This cannot be undone. [y/N]: Nothing was changed.",
		},
		check: untouched,
	},
	{
		name: "forget_all", opts: standard, lines: []string{"5", "3", "y", "y", "2"}, firstWrite: 3, lastWrite: 3,
		want: []string{
			"Every saved account will be deleted from " + shownAccountsPath + ".",
			"The login keys will be removed from " + shownPath + ": k6 will be signed out.",
			"Forget all 3 saved accounts? [y/N]: ",
			"Really forget all 3 accounts? This cannot be undone. [y/N]: Forgot 3 saved accounts.\nk6 was signed out too.",
			"No account is saved: add one.",
			"  1. Add an account",
			"  2. Quit",
			"What next? Choose 1 or 2 [2]: ",
		},
		check: func(t *testing.T, e *acctEnv, res Result, out string) {
			e.requireConfig(configstore.Credentials{})
			e.requireAccountNames()
			if res.Action != ActionForgetAll || res.Removed != 3 || !res.SignedOut {
				t.Fatalf("result %+v", res)
			}
			if s := res.Summary(); s != "Forgot 3 saved accounts and signed k6 out." {
				t.Fatalf("summary %q", s)
			}
		},
	},
}

// TestAccessibleMenuFlows runs each session to its end: the last answer quits.
func TestAccessibleMenuFlows(t *testing.T) {
	for _, f := range menuFlows {
		t.Run(f.name, func(t *testing.T) {
			e := newAcctEnv(t, f.opts()...)
			res, out, rest, err := runMenu(t, e, f.lines)
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if rest != "" {
				t.Fatalf("answers left unread: %q\n%s", rest, out)
			}
			requireLines(t, out, f.want...)
			f.check(t, e, res, out)
		})
	}
}

// settle drops what depends on timing: whether the project list was still
// loading when it was needed.
func settle(out string) string {
	var keep []string
	for _, l := range strings.SplitAfter(out, "\n") {
		if !strings.HasPrefix(l, "Loading the projects") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// TestAccessibleMenuEndOfInput ends the input at every question of every
// session: RunAccessible returns an error wrapping io.EOF with nothing
// written after the question, both files are byte for byte what they were
// before the first answer that writes, and what the full run left after the
// last, and Result says the same as the full run once that answer was given.
func TestAccessibleMenuEndOfInput(t *testing.T) {
	for _, f := range menuFlows {
		t.Run(f.name, func(t *testing.T) {
			full := newAcctEnv(t, f.opts()...)
			fullRes, fullOut, _, err := runMenu(t, full, f.lines)
			if err != nil {
				t.Fatal(err)
			}
			finalConfig, finalAccounts := full.fileContent(), full.accountsContent()
			for k := 0; k < len(f.lines); k++ {
				e := newAcctEnv(t, f.opts()...)
				res, out, _, err := runMenu(t, e, f.lines[:k])
				if !errors.Is(err, io.EOF) {
					t.Fatalf("after %d answers: err %v\n%s", k, err, out)
				}
				if !strings.HasSuffix(out, ": \n") {
					t.Fatalf("after %d answers the transcript does not end at a question:\n%s", k, out)
				}
				if prefix := strings.TrimSuffix(settle(out), "\n"); !strings.HasPrefix(settle(fullOut), prefix) {
					t.Fatalf("after %d answers the transcript is not the full run's beginning:\n%s\n--- full run:\n%s", k, out, fullOut)
				}
				switch {
				case f.firstWrite < 0 || k <= f.firstWrite:
					e.requireFilesUntouched()
					if res.Action != ActionNone {
						t.Fatalf("after %d answers: result %+v", k, res)
					}
				case k > f.lastWrite:
					if string(e.fileContent()) != string(finalConfig) || string(e.accountsContent()) != string(finalAccounts) {
						t.Fatalf("after %d answers the files differ from the full run's", k)
					}
					if res.Action != fullRes.Action || res.Account != fullRes.Account ||
						strings.ReplaceAll(res.Summary(), e.path, "") != strings.ReplaceAll(fullRes.Summary(), full.path, "") {
						t.Fatalf("after %d answers: result %+v, want %+v", k, res, fullRes)
					}
				}
			}
		})
	}
}

// TestAccessibleMenuModeFixedOnDisk: the loose file's mode is left alone by
// every answer but the "y" that fixes it.
func TestAccessibleMenuModeFixedOnDisk(t *testing.T) {
	for _, lines := range [][]string{{}, {"1"}, {"1", ""}, {"1", "n", "6"}, {"1", "maybe"}} {
		e := newAcctEnv(t, loose()...)
		_, out, _, _ := runMenu(t, e, lines)
		requireMode(t, e.path, 0o644)
		if len(lines) == 2 && lines[1] == "maybe" {
			requireLines(t, out, "Please answer y for yes or n for no; an empty answer is no.")
		}
	}
}

// TestAccessibleMenuSwitchNetworkTrouble: a timeout offers retry, switching
// without the check, or back; the default is back.
func TestAccessibleMenuSwitchNetworkTrouble(t *testing.T) {
	t.Run("back", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		e.api.errs = []error{timeoutErr}
		res, out, _, err := runMenu(t, e, []string{"2", "1", "", "4", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "Error: No reply in time: ci-stack.", "  1. Try again\n  2. Switch anyway, without the check\n  3. Back\nChoose 1, 2 or 3 [3]: ")
		untouched(t, e, res, out)
	})
	t.Run("retry", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		e.api.errs = []error{timeoutErr}
		res, out, _, err := runMenu(t, e, []string{"2", "1", "1", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "Checking ci-stack again…", "k6 now uses ci-stack.")
		e.requireConfig(credsOf("ci-stack"))
		if res.Action != ActionSwitch || res.Account != "ci-stack" || res.Unchecked {
			t.Fatalf("result %+v", res)
		}
	})
	t.Run("without_check", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		e.api.errs = []error{timeoutErr}
		res, out, _, err := runMenu(t, e, []string{"2", "1", "2", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "Warning: Switched without a check")
		e.requireConfig(credsOf("ci-stack"))
		got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
		if !got["ci-stack"].LastValidated.Equal(seedAccounts()[1].LastValidated) {
			t.Fatal("an unchecked account was marked validated")
		}
		if res.Action != ActionSwitch || res.Account != "ci-stack" || !res.Unchecked {
			t.Fatalf("result %+v", res)
		}
	})
}

// TestAccessibleMenuOnlyWhenLoginsExist: with nothing in either file the
// wizard runs as before.
func TestAccessibleMenuOnlyWhenLoginsExist(t *testing.T) {
	e := newAcctEnv(t, withConfig(configSignedOut, 0o600))
	res, out, _, err := runMenu(t, e, []string{"my-team", goodToken, "", "", ""})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if strings.Contains(out, "What next?") || !strings.Contains(out, "k6login: log in to Grafana Cloud k6.") {
		t.Fatalf("not the wizard:\n%s", out)
	}
	if res.Action != ActionLogin || res.Account != "my-team-personal" {
		t.Fatalf("result %+v", res)
	}
}

// TestAccessibleMenuDamagedAccounts: a damaged accounts file is a warning on
// the menu; k6's login can still be reviewed, and nothing is rewritten.
func TestAccessibleMenuDamagedAccounts(t *testing.T) {
	const damaged = `{"version":1,"accounts":[{"name":`
	e := newAcctEnv(t, withConfig(configWithLogin, 0o600), withAccountsFile(damaged))
	res, out, _, err := runMenu(t, e, []string{"1", "7"})
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	requireLines(t, out, "k6 uses my-team: stack https://my-team.grafana.net", "is damaged", "  Account: my-team\n")
	if strings.Contains(out, "Keep this login") {
		t.Fatalf("keeping offered though the accounts file cannot be written:\n%s", out)
	}
	untouched(t, e, res, out)
}

// TestAccessibleMenuValidateFailures: a timeout offers a retry (the default is
// back to the menu); a refused token says k6 will be refused too. Nothing is
// written either way.
func TestAccessibleMenuValidateFailures(t *testing.T) {
	t.Run("timeout_back", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		e.api.errs = []error{timeoutErr}
		res, out, _, err := runMenu(t, e, []string{"4", "", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "Error: No reply in time.", "Nothing was changed.\n  1. Try again\n  2. Back to the menu\nChoose 1 or 2 [2]: ")
		untouched(t, e, res, out)
	})
	t.Run("timeout_retry", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		e.api.errs = []error{timeoutErr}
		res, out, _, err := runMenu(t, e, []string{"4", "1", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "recorded as my-team-personal.")
		if res.Action != ActionValidate || res.Account != "my-team-personal" {
			t.Fatalf("result %+v", res)
		}
	})
	t.Run("refused", func(t *testing.T) {
		e := newAcctEnv(t, standard()...)
		delete(e.api.tokens, goodToken)
		res, out, _, err := runMenu(t, e, []string{"4", "7"})
		if err != nil {
			t.Fatal(err)
		}
		requireLines(t, out, "Error: Token refused.", "k6 will be refused too.")
		untouched(t, e, res, out)
	})
}

// TestAccessibleMenuNothingToSwitchTo: only k6's config holds a login.
func TestAccessibleMenuNothingToSwitchTo(t *testing.T) {
	e := newAcctEnv(t, unsavedOnly()...)
	res, out, _, err := runMenu(t, e, []string{"3", "8"})
	if err != nil {
		t.Fatal(err)
	}
	requireLines(t, out, "No other account is saved. Add one first.")
	untouched(t, e, res, out)
}

// TestAccessibleMenuAddWithSecretReader: on a terminal the token is read
// hidden; an empty one goes back to the menu, and a real one is saved.
func TestAccessibleMenuAddWithSecretReader(t *testing.T) {
	e := newAcctEnv(t, unsavedOnly()...)
	deps := e.m.deps
	deps.Getenv = func(k string) string { return accessibleVars[k] }
	in := strings.NewReader("4\nmy-team\n4\nmy-team\n2\n\n\n7\n")
	var out strings.Builder
	res, err := RunAccessible(context.Background(), deps, in, &out, secrets("  ", ciToken))
	requireNoSecret(t, out.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	requireLines(t, out.String(), "Token (typing is hidden; empty to go back to the menu): \nNothing was written.", "Saved as the account my-team-stack.")
	if res.Action != ActionLogin || res.Account != "my-team-stack" || res.Credentials.ProjectID != defaultPID {
		t.Fatalf("result %+v", res)
	}
	e.requireAccountNames("my-team", "my-team-stack")
}
