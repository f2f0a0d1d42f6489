package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// maxStdinToken bounds how much of standard input is read for --token-stdin.
const maxStdinToken = authclient.MaxTokenLength + 1024

// login is the scripted form: validate, check the project, then save. Nothing is
// written unless every check passed.
func (a *app) login(ctx context.Context, env *runEnv, opts *options) error {
	creds, err := a.loginInput(ctx, opts)
	if err != nil {
		return err
	}
	// Read the file first: a file we cannot merge into fails before any request.
	api, err := env.loadAPI()
	if err != nil {
		return err
	}
	a.noteEndpoint(env)
	info, err := api.Validate(ctx, creds.Token, creds.StackURL)
	if err != nil {
		return err
	}
	creds.StackID = info.StackID
	creds.DefaultProjectID = info.DefaultProjectID
	projectName := ""
	if creds.ProjectID != 0 {
		p, err := api.Project(ctx, creds.Token, info.StackID, creds.ProjectID)
		if err != nil {
			return err
		}
		projectName = p.Name
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	mode := configstore.TokenModePersonal
	if opts.stackToken {
		mode = configstore.TokenModeStack
	}
	res, account, err := env.session().SaveLogin(creds, mode, projectName, time.Now().UTC())
	if err != nil && !configstore.IsAccountsError(err) {
		return err
	}
	if err != nil {
		// k6's config is written; only our own accounts file failed.
		fmt.Fprintf(a.stderr, "Warning: k6 is logged in, but the account was not saved for switching: %s\n", safeErr(err))
	}
	a.warnAfterSave(env, res)
	summary := loginSummary{
		Account:          account.Name,
		Path:             res.Path,
		StackURL:         creds.StackURL,
		StackID:          creds.StackID,
		DefaultProjectID: creds.DefaultProjectID,
		ProjectID:        creds.ProjectID,
		ProjectName:      projectName,
		Token:            configstore.MaskToken(creds.Token),
		TokenMode:        string(mode),
		Demo:             env.demo,
	}
	if opts.jsonOut {
		return reportFailed(writeJSON(a.stdout, summary), "k6 is logged in (saved to "+res.Path+")")
	}
	summary.print(a.stdout)
	return nil
}

// loginInput checks every flag before any I/O, so bad input never costs a request.
func (a *app) loginInput(ctx context.Context, opts *options) (configstore.Credentials, error) {
	var creds configstore.Credentials
	if opts.stack == "" {
		return creds, inputError("--stack is missing", "Pass the stack slug or URL: --stack my-team (or --stack https://my-team.grafana.net).")
	}
	stackURL, err := authclient.NormalizeStack(opts.stack)
	if err != nil {
		return creds, err
	}
	creds.StackURL = stackURL

	if opts.projectID != "" {
		id, err := parseProjectID(opts.projectID)
		if err != nil {
			return creds, err
		}
		creds.ProjectID = id
	} else if opts.stackToken {
		return creds, inputError("a stack token needs a project: --project-id is missing",
			"Pass --project-id N (the ID is in Grafana Cloud under Testing & synthetics → Performance → Projects), or run k6login on a terminal to pick one from a list.")
	}

	raw := opts.token
	switch {
	case opts.tokenStdin && a.stdinIsTerminal():
		// Nothing was piped: waiting for end of input would look like a hang, so
		// ask for one line, without echo.
		fmt.Fprint(a.stderr, "Paste the API token (it is not shown) and press Enter: ")
		line, err := a.readHiddenLine(ctx)
		if err != nil {
			return creds, fmt.Errorf("reading the token from the terminal: %w", err)
		}
		raw = line
	case opts.tokenStdin:
		data, err := io.ReadAll(io.LimitReader(a.stdin, maxStdinToken+1))
		if err != nil {
			return creds, fmt.Errorf("reading the token from standard input: %w", err)
		}
		if len(data) > maxStdinToken {
			// Only the start was read: say so rather than give its length as the whole.
			return creds, &authclient.TokenInputError{Reason: fmt.Sprintf(
				"standard input holds more than %d bytes, more than any API token (%d at most); pass only the token",
				maxStdinToken, authclient.MaxTokenLength)}
		}
		raw = string(data)
	case raw == "":
		hint := "Pass it with --token-stdin (reads standard input) or --token T."
		if a.getenv("K6_CLOUD_TOKEN") != "" {
			hint += " K6_CLOUD_TOKEN is set, but k6login never copies a token from the environment into the file."
		}
		return creds, inputError("no token given", hint)
	}
	token, err := authclient.CleanToken(raw)
	if err != nil {
		return creds, err
	}
	creds.Token = token
	return creds, nil
}

// parseProjectID accepts a positive int64 and explains anything else.
func parseProjectID(s string) (int64, error) {
	s = strings.TrimSpace(s)
	id, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil && strings.Contains(err.Error(), "out of range"):
		return 0, inputError(fmt.Sprintf("project ID %q is too large", s), "Project IDs are whole numbers; copy the ID from the project's page in Grafana Cloud.")
	case err != nil && authclient.LooksLikeToken(s):
		return 0, inputError("the project ID is not a number (it looks like a token, so it is not repeated here)", "Pass the numeric ID, for example --project-id 123456, and the token with --token-stdin.")
	case err != nil:
		return 0, inputError(fmt.Sprintf("project ID %q is not a number", s), "Pass the numeric ID, for example --project-id 123456.")
	case id <= 0:
		return 0, inputError(fmt.Sprintf("project ID %d is not valid", id), "Project IDs are positive numbers; leave --project-id out to use the stack's default project.")
	}
	return id, nil
}

// warnAfterSave tells the user about what the save changed besides the keys, and
// about anything that will make k6 use other values than the ones just saved.
func (a *app) warnAfterSave(env *runEnv, res configstore.SaveResult) {
	if res.TightenedFrom != 0 {
		fmt.Fprintf(a.stderr, "Note: %s was readable by others (%04o); it is now %04o.\n", safe(res.Path), res.TightenedFrom.Perm(), 0o600)
	}
	for _, o := range configstore.EnvOverrides(env.getenv) {
		fmt.Fprintf(a.stderr, "Warning: %s is set (%s): %s.\n", o.Var, safe(o.Value), o.Effect())
	}
	a.warnUnsafeFolders(env)
}

// warnUnsafeFolders names, on stderr, each folder holding k6's config or the
// saved accounts that someone else could write to.
func (a *app) warnUnsafeFolders(env *runEnv) {
	for _, w := range configstore.UnsafeFolders(env.store.Path(), env.accounts.Path()) {
		fmt.Fprintf(a.stderr, "Warning: %s\n", safe(w.String()))
	}
}

type loginSummary struct {
	Account          string `json:"account,omitempty"`
	Path             string `json:"path"`
	StackURL         string `json:"stackURL"`
	StackID          int64  `json:"stackID"`
	DefaultProjectID int64  `json:"defaultProjectID"`
	ProjectID        int64  `json:"projectID,omitempty"`
	ProjectName      string `json:"projectName,omitempty"`
	Token            string `json:"token"`
	TokenMode        string `json:"tokenMode"`
	Demo             bool   `json:"demo,omitempty"`
}

func (s loginSummary) print(w io.Writer) {
	s = s.safe()
	if s.Demo {
		fmt.Fprintln(w, "DEMO: nothing real was touched; this file is thrown away on exit.")
	}
	fmt.Fprintf(w, "Logged in to %s (stack %d).\n", s.StackURL, s.StackID)
	fmt.Fprintf(w, "  token     %s (%s token)\n", s.Token, s.TokenMode)
	fmt.Fprintf(w, "  project   %s\n", projectLine(s.ProjectID, s.ProjectName, s.DefaultProjectID))
	fmt.Fprintf(w, "  saved to  %s\n", s.Path)
	if s.Account != "" && !s.Demo {
		fmt.Fprintf(w, "  account   %s (switch back to it with: k6login switch %s)\n", s.Account, s.Account)
	}
	if s.Demo {
		fmt.Fprintln(w, flow.DemoDone)
		return
	}
	fmt.Fprintln(w, "Next: "+flow.NextCommand)
}

func projectLine(id int64, name string, defaultID int64) string {
	switch {
	case id == 0:
		return fmt.Sprintf("the stack's default project (%d)", defaultID)
	case name != "":
		return fmt.Sprintf("%d (%s)", id, name)
	default:
		return strconv.FormatInt(id, 10)
	}
}
