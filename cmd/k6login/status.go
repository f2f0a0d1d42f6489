package main

import (
	"bytes"
	"errors"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// statusReport is what `k6login status --json` prints.
type statusReport struct {
	Path string `json:"path"`
	// Active names the login in k6's config, "" when k6 is signed out.
	Active      string                 `json:"active,omitempty"`
	ActiveValid bool                   `json:"activeValid"`
	Accounts    []statusEntry          `json:"accounts"`
	Overrides   []configstore.Override `json:"overrides"`
}

// statusEntry is one login checked.
type statusEntry struct {
	Name      string `json:"name"`
	Active    bool   `json:"active"`
	Saved     bool   `json:"saved"`
	StackURL  string `json:"stackURL"`
	Token     string `json:"token"`
	ProjectID int64  `json:"projectID,omitempty"`
	// Status is valid, refused, no-access, unreachable, invalid, cancelled or
	// token-unavailable (kept in a keyring that cannot be read now).
	Status           string `json:"status"`
	StackID          int64  `json:"stackID,omitempty"`
	DefaultProjectID int64  `json:"defaultProjectID,omitempty"`
	Error            string `json:"error,omitempty"`
	ErrorKind        string `json:"errorKind,omitempty"`
	ElapsedMS        int64  `json:"elapsedMs"`
}

func (a *app) statusCommand(opts *options) *cobra.Command {
	var jsonOut bool
	var workers int
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Check the login k6 uses and every saved account against the API, all at once",
		Long: `Validates the login in k6's config and every saved account, a few at a time
(one request each, within the API timeout), and shows for each: valid (with its
stack ID and default project), refused, no access to the stack, or unreachable.
Nothing is written.

The exit code is 0 when the login k6 uses is valid, else that login's failure:
3 refused or no access, 4 unreachable, 1 when k6 has no login at all.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error { return a.status(cmd, env, jsonOut, workers) })
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the result as JSON")
	cmd.Flags().IntVar(&workers, "parallel", authclient.DefaultCheckWorkers, "how many checks may be in flight at once")
	_ = cmd.Flags().MarkHidden("parallel")
	return cmd
}

func (a *app) status(cmd *cobra.Command, env *runEnv, jsonOut bool, workers int) error {
	o, err := env.session().Overview()
	if err != nil {
		return err
	}
	api, err := env.loadAPI()
	if err != nil {
		return err
	}
	report := statusReport{Path: env.store.Path(), Overrides: configstore.EnvOverrides(env.getenv)}
	if report.Overrides == nil {
		report.Overrides = []configstore.Override{}
	}
	var logins []configstore.Account
	if o.Unsaved != nil {
		logins = append(logins, *o.Unsaved)
		report.Accounts = append(report.Accounts, entryOf(*o.Unsaved, true, false))
	}
	for i, acc := range o.Accounts {
		logins = append(logins, acc)
		report.Accounts = append(report.Accounts, entryOf(acc, i == o.Active, true))
	}
	if report.Accounts == nil {
		report.Accounts = []statusEntry{}
	}
	// A token the keyring will not give is reported, not sent.
	var targets []authclient.Target
	var entryOfTarget []int
	for i, acc := range logins {
		if err := needToken(env, acc); err != nil {
			e := &report.Accounts[i]
			e.Status, e.Error = flow.StatusTokenUnavailable, err.Error()
			continue
		}
		targets = append(targets, authclient.Target{Name: acc.Name, Token: acc.Token, StackURL: acc.StackURL})
		entryOfTarget = append(entryOfTarget, i)
	}

	a.interruptible()
	ctx := cmd.Context()
	var activeErr error
	for r := range authclient.CheckAll(ctx, api, targets, workers) {
		e := &report.Accounts[entryOfTarget[r.Index]]
		e.Status = r.Status.String()
		e.ElapsedMS = r.Elapsed.Milliseconds()
		if r.Err != nil {
			if e.Active {
				activeErr = r.Err
			}
			e.Error = r.Err.Error()
			var ae *authclient.Error
			if errors.As(r.Err, &ae) {
				e.ErrorKind = ae.Kind.String()
			}
		} else {
			e.StackID, e.DefaultProjectID = r.Info.StackID, r.Info.DefaultProjectID
		}
	}
	for _, e := range report.Accounts {
		if e.Active {
			report.Active, report.ActiveValid = e.Name, e.Status == "valid"
		}
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	for _, ov := range report.Overrides {
		fmt.Fprintf(a.stderr, "Warning: %s is set (%s): %s.\n", ov.Var, authclient.SafeText(ov.Value), ov.Effect())
	}
	if jsonOut {
		if err := writeJSON(a.stdout, report); err != nil {
			return err
		}
	} else {
		var b bytes.Buffer
		report.print(&b)
		if _, err := a.stdout.Write(b.Bytes()); err != nil {
			return err
		}
	}
	switch {
	case report.Active == "", !report.ActiveValid && activeErr == nil:
		return &exitStatusError{code: exitError}
	case activeErr != nil:
		return &exitStatusError{code: exitCodeFor(activeErr)}
	}
	return nil
}

func entryOf(acc configstore.Account, active, saved bool) statusEntry {
	return statusEntry{
		Name: acc.Name, Active: active, Saved: saved, StackURL: acc.StackURL,
		Token: configstore.MaskToken(acc.Token), ProjectID: acc.ProjectID,
	}
}

func (r statusReport) print(b *bytes.Buffer) {
	if len(r.Accounts) == 0 {
		fmt.Fprintf(b, "No login to check: %s holds none and no account is saved. Run k6login to log in.\n", safe(r.Path))
		return
	}
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tSTACK\tSTATUS")
	for _, e := range r.Accounts {
		mark := " "
		if e.Active {
			mark = "*"
		}
		name := authclient.SafeText(e.Name)
		if !e.Saved {
			name += " (not saved)"
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\n", mark, name, authclient.SafeText(e.StackURL), e.statusLine())
	}
	tw.Flush()
	switch {
	case r.Active == "":
		fmt.Fprintf(b, "\nk6 is signed out: %s holds no login. Pick one with: k6login switch NAME\n", safe(r.Path))
	case r.ActiveValid:
		fmt.Fprintf(b, "\n* k6 uses %s (in %s), and it works.\n", authclient.SafeText(r.Active), safe(r.Path))
	default:
		fmt.Fprintf(b, "\n* k6 uses %s (in %s), and it does not work. Log in again (k6login) or switch to a valid account (k6login switch NAME).\n",
			authclient.SafeText(r.Active), safe(r.Path))
	}
}

// statusLine says what the check found, in the words of the home screen's
// "Check all accounts".
func (e statusEntry) statusLine() string {
	return flow.Check{Status: e.Status, StackID: e.StackID, DefaultProjectID: e.DefaultProjectID, ProjectID: e.ProjectID, Error: e.Error}.Text()
}
