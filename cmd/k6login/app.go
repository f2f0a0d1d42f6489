package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// app holds everything a run touches, so tests can replace the outside world.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// environ is the whole environment, which exec passes on to its command.
	environ func() []string
	// stdinIsTerminal decides between the wizard and the scripted form.
	stdinIsTerminal func() bool
	// newAPI builds the API client; tests point it at a loopback server.
	newAPI func(endpoint authclient.Endpoint) authclient.API
	// runWizard runs the interactive flow; set by wizard.go, replaced in tests.
	runWizard func(ctx context.Context, opts *options, env *runEnv, api authclient.API) error
	// runScreen runs a full-screen program drawn on screen; tests run it with teatest.
	runScreen func(ctx context.Context, m tea.Model, screen io.Writer) error
	// watchInterrupt makes Ctrl+C, SIGTERM and SIGHUP call cancel, with the
	// signal as the cause, until stop is called. main sets it (watchSignals);
	// tests leave it nil and cancel the context instead.
	watchInterrupt func(cancel context.CancelCauseFunc) (stop func())

	// newSecrets gives the store for the tokens of saved accounts: the system
	// keyring; nil keeps them in the accounts file. Tests replace it.
	newSecrets func() configstore.SecretStore
	// notices are one-line notes (a keyring that does not answer) printed on
	// stderr when the command ends, never under a full-screen interface.
	noticesMu sync.Mutex
	notices   []string

	// cancelRun cancels the context of the running command line.
	cancelRun context.CancelCauseFunc
	// stopWatching ends watchInterrupt's watch, once one was started.
	stopWatching func()
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) *app {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv, environ: os.Environ}
	a.stdinIsTerminal = func() bool {
		f, ok := stdin.(*os.File)
		return ok && term.IsTerminal(int(f.Fd()))
	}
	a.newAPI = func(ep authclient.Endpoint) authclient.API {
		return authclient.New(authclient.Options{
			BaseURL:       ep.BaseURL,
			BaseURLSource: ep.BaseURLSource,
			Timeout:       ep.Timeout,
			UserAgent:     "k6login/" + buildVersion(),
		})
	}
	a.runWizard = a.runWizardOnTerminal
	a.runScreen = a.runScreenOnTerminal
	a.newSecrets = func() configstore.SecretStore { return configstore.NewKeyring(0) }
	return a
}

// options are the flags of the root command.
type options struct {
	token        string
	tokenStdin   bool
	stack        string
	projectID    string
	stackToken   bool
	show         bool
	reset        bool
	jsonOut      bool
	configPath   string
	noColor      bool
	accessible   bool
	demo         bool
	showVersion  bool
	importLegacy bool
	// insecureStorage keeps saved tokens in the accounts file, not the keyring.
	insecureStorage bool
	// tokenFlag knows whether --token was given twice.
	tokenFlag *onceString
}

// loginFlagsUsed reports whether any flag asks for the scripted login.
func (o *options) loginFlagsUsed() bool {
	return o.token != "" || o.tokenStdin || o.stack != "" || o.projectID != "" || o.stackToken
}

func (a *app) rootCommand(ctx context.Context) *cobra.Command {
	opts := &options{}
	cmd := &cobra.Command{
		Use:   "k6login",
		Short: "Log k6 in to Grafana Cloud",
		Long: `k6login validates a Grafana Cloud k6 API token against a stack and saves it in
k6's own config file, so that "k6 cloud run" just works.

On a terminal, k6login with no flags opens a step-by-step wizard. In scripts and
CI, pass the token and the stack as flags; k6login then never prompts.`,
		Example: `  k6login                                    # the wizard
  k6login --stack my-team --token-stdin < token.txt
  k6login --stack my-team --token-stdin --stack-token --project-id 123
  k6login --show --json
  k6login --reset`,
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runRoot(cmd.Context(), cmd, opts)
		},
	}
	f := cmd.Flags()
	opts.tokenFlag = newOnceString(&opts.token, true)
	f.VarP(opts.tokenFlag, "token", "t", "API token to save (visible in shell history and ps: prefer --token-stdin)")
	f.BoolVar(&opts.tokenStdin, "token-stdin", false, "read the API token from standard input")
	f.Var(newOnceString(&opts.stack, false), "stack", "stack slug (my-team) or URL (https://my-team.grafana.net)")
	f.Var(newOnceString(&opts.projectID, false), "project-id", "project to run tests in (default: the stack's default project)")
	f.BoolVar(&opts.stackToken, "stack-token", false, "the token is a stack token (requires --project-id)")
	f.BoolVarP(&opts.show, "show", "s", false, "show the stored credentials, masked")
	f.BoolVarP(&opts.reset, "reset", "r", false, "remove the stored credentials, keeping the rest of the file")
	f.BoolVar(&opts.importLegacy, "import-legacy", false, "copy the credentials of k6's legacy config (loadimpact/k6/config.json) into a config that has none")
	f.BoolVar(&opts.jsonOut, "json", false, "print the result as JSON")
	pf := cmd.PersistentFlags()
	pf.VarP(newOnceString(&opts.configPath, false), "config", "c", "k6 config file (default: $K6_CONFIG, then the platform's k6/config.json)")
	pf.BoolVar(&opts.noColor, "no-color", false, "plain output without colour (also NO_COLOR, K6_NO_COLOR)")
	pf.BoolVar(&opts.insecureStorage, "insecure-storage", false, "keep the tokens of accounts saved now in k6login's accounts file, not the system keyring")
	f.BoolVar(&opts.accessible, "accessible", false, "line-by-line prompts for screen readers (also TERM=dumb)")
	f.BoolVar(&opts.demo, "demo", false, "try k6login offline against a built-in stand-in of the API")
	f.BoolVarP(&opts.showVersion, "version", "v", false, "print the version")
	f.SortFlags = false
	cmd.AddCommand(a.accountsCommand(opts), a.switchCommand(opts), a.removeCommand(opts),
		a.execCommand(opts), a.envCommand(opts), a.statusCommand(opts))

	addExitCodesToUsage(cmd)
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return inputError(err.Error(), usageHint(c))
	})
	cmd.SetIn(a.stdin)
	cmd.SetOut(a.stdout)
	cmd.SetErr(a.stderr)
	return cmd
}

// usageHint is the short usage shown under a flag or argument error.
func usageHint(c *cobra.Command) string {
	return "Usage: " + c.UseLine() + "\nRun '" + c.CommandPath() + " --help' for the flags."
}

// run executes the command line and returns the exit code.
func (a *app) run(ctx context.Context, args []string) int {
	ctx, a.cancelRun = context.WithCancelCause(ctx)
	defer a.cancelRun(nil)
	defer func() {
		if a.stopWatching != nil {
			a.stopWatching()
		}
	}()
	cmd := a.rootCommand(ctx)
	cmd.SetArgs(args)
	ran, err := cmd.ExecuteContextC(ctx)
	a.printNotices()
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errAlreadyReported) {
		// Said where it happened (a command run by exec, status's report),
		// JSON included: its exit status is all that is left to give.
		return exitCodeFor(err)
	}
	var ranFlags interface{ GetBool(string) (bool, error) }
	if ran != nil {
		ranFlags = ran.Flags()
	}
	jsonOut := jsonRequested(ranFlags, args)
	if code, ok := cancelledCode(ctx, err); ok {
		// Whatever cancelled the run (Ctrl+C, a signal, "no"), it stopped
		// before any change: changes are made last, and atomically.
		fmt.Fprintln(a.stderr, cancelledMessage)
		if jsonOut {
			_ = writeJSONError(a.stdout, code, err)
		}
		return code
	}
	code := exitCodeFor(err)
	if strings.HasPrefix(err.Error(), "unknown command") || strings.Contains(err.Error(), "accepts 0 arg") {
		code = exitInput
		args := cmd.Flags().Args()
		hint := "k6login takes flags and the commands accounts, switch, remove, exec, env, status and completion.\n" + usageHint(cmd)
		for i, arg := range args {
			if authclient.LooksLikeToken(arg) {
				// A token typed without -t must not end up in a terminal's scrollback or a CI log.
				args[i] = "(what looks like a token, not repeated here)"
				hint = "Pass a token with --token-stdin (or --token T).\n" + hint
			}
		}
		err = inputError(fmt.Sprintf("unexpected argument: %s", strings.Join(args, " ")), hint)
	}
	if !errors.Is(err, errAlreadyReported) {
		a.printError(err)
	}
	if jsonOut {
		_ = writeJSONError(a.stdout, code, err)
	}
	return code
}

// cancelledCode gives the exit code of a cancelled run: 128 + the signal's
// number when a signal ended it, 130 for Ctrl+C in the wizard or a "no".
func cancelledCode(ctx context.Context, err error) (int, bool) {
	if c, ok := stoppedBy(ctx); ok {
		return c.exitCode(), true
	}
	if ctx.Err() != nil || exitCodeFor(err) == exitInterrupted {
		return exitInterrupted, true
	}
	return 0, false
}

// interruptible makes Ctrl+C and SIGTERM cancel the command from now on. Only
// commands that wait on the network or on a person call it: listening for
// signals starts a goroutine and, with it, threads that cost printing commands
// such as --show about a millisecond at start-up. A command that is not
// listening ends at once on Ctrl+C, and its writes are atomic, so the files
// stay whole either way.
func (a *app) interruptible() {
	if a.watchInterrupt != nil && a.stopWatching == nil && a.cancelRun != nil {
		a.stopWatching = a.watchInterrupt(a.cancelRun)
	}
}

// notice queues a one-line note for the end of the command. Safe to call
// from any goroutine (the wizard saves in tea.Cmds).
func (a *app) notice(line string) {
	a.noticesMu.Lock()
	defer a.noticesMu.Unlock()
	for _, n := range a.notices {
		if n == line {
			return
		}
	}
	a.notices = append(a.notices, line)
}

func (a *app) printNotices() {
	a.noticesMu.Lock()
	defer a.noticesMu.Unlock()
	for _, n := range a.notices {
		fmt.Fprintln(a.stderr, authclient.SafeText(n))
	}
	a.notices = nil
}

// errAlreadyReported marks a failure whose message was printed where it happened.
var errAlreadyReported = errors.New("already reported")

func (a *app) printError(err error) {
	fmt.Fprintf(a.stderr, "Error: %s\n", safeErr(err))
	if hint := hintFor(err); hint != "" {
		fmt.Fprintf(a.stderr, "%s\n", safeLines(hint))
	}
}

func (a *app) runRoot(ctx context.Context, cmd *cobra.Command, opts *options) error {
	if opts.showVersion {
		fmt.Fprintf(a.stdout, "k6login %s\n", buildVersion())
		return nil
	}
	if err := checkFlagCombinations(cmd, opts); err != nil {
		return err
	}
	env, cleanup, err := a.environment(ctx, opts)
	if err != nil {
		return err
	}
	defer cleanup()

	// Precedence as k6: reset > show > login.
	switch {
	case opts.reset:
		return a.reset(env, opts)
	case opts.show:
		return a.show(env, opts)
	case opts.importLegacy:
		return a.importLegacy(env, opts)
	case opts.loginFlagsUsed():
		a.interruptible()
		return a.login(ctx, env, opts)
	}
	if !a.stdinIsTerminal() {
		return inputError("no terminal to ask on, and no flags to say what to do",
			"In scripts, pass the credentials as flags: k6login --stack SLUG --token-stdin < token-file\n"+
				"(or --token T, with --stack-token --project-id N for a stack token). See --show, --reset and --help.")
	}
	api, err := env.loadAPI()
	if err != nil {
		return err
	}
	a.interruptible()
	return a.runWizard(ctx, opts, env, api)
}

// checkFlagCombinations refuses flags that make no sense together, before any I/O.
func checkFlagCombinations(cmd *cobra.Command, opts *options) error {
	if opts.tokenFlag != nil && opts.tokenFlag.twice {
		return inputError("--token is given twice with different values", "Pass the token once (--token-stdin keeps it out of shell history).")
	}
	if opts.token != "" && opts.tokenStdin {
		return inputError("--token and --token-stdin both give the token", "Pass only one of them (--token-stdin keeps it out of shell history).")
	}
	if cmd.Flags().Changed("token") && strings.TrimSpace(opts.token) == "" {
		return inputError("--token is empty", "Pass the API token, or use --token-stdin.")
	}
	if (opts.reset || opts.show || opts.importLegacy) && opts.loginFlagsUsed() {
		what := "--show"
		switch {
		case opts.reset:
			what = "--reset"
		case opts.importLegacy && !opts.show:
			what = "--import-legacy"
		}
		return inputError(what+" does not take login flags (--token, --stack, --project-id, --stack-token)",
			"Run the login and "+what+" as two commands.")
	}
	if opts.jsonOut && !opts.show && !opts.reset && !opts.importLegacy && !opts.loginFlagsUsed() {
		return inputError("--json goes with --show, --reset, --import-legacy or a scripted login", "For example: k6login --show --json")
	}
	return nil
}
