package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// accountView is one row of `k6login accounts`, token masked.
type accountView struct {
	Name             string `json:"name"`
	Active           bool   `json:"active"`
	Saved            bool   `json:"saved"`
	StackURL         string `json:"stackURL"`
	StackID          int64  `json:"stackID"`
	DefaultProjectID int64  `json:"defaultProjectID"`
	ProjectID        int64  `json:"projectID,omitempty"`
	ProjectName      string `json:"projectName,omitempty"`
	TokenMode        string `json:"tokenMode,omitempty"`
	Token            string `json:"token"`
	// TokenStorage is where the token is kept: "keyring" or "file".
	TokenStorage  string    `json:"tokenStorage"`
	LastValidated time.Time `json:"lastValidated,omitzero"`
}

// switchReport is what `k6login switch --json` prints.
type switchReport struct {
	accountView
	Validated bool   `json:"validated"`
	Path      string `json:"path"`
}

// removeReport is what `k6login remove --json` prints.
type removeReport struct {
	Name      string `json:"name"`
	SignedOut bool   `json:"signedOut"`
}

func viewOf(acc configstore.Account, active, saved bool) accountView {
	return accountView{
		Name: acc.Name, Active: active, Saved: saved, StackURL: acc.StackURL, StackID: acc.StackID,
		DefaultProjectID: acc.DefaultProjectID, ProjectID: acc.ProjectID, ProjectName: acc.ProjectName,
		TokenMode: string(acc.TokenMode), Token: maskedToken(acc), TokenStorage: acc.TokenStorage(), LastValidated: acc.LastValidated,
	}
}

// maskedToken is the token masked, or what stands in for one the keyring
// would not give.
func maskedToken(acc configstore.Account) string {
	if acc.TokenUnavailable() {
		return "(in the keyring, unreadable now)"
	}
	return configstore.MaskToken(acc.Token)
}

// needToken refuses an account whose token the keyring would not give.
func needToken(env *runEnv, acc configstore.Account) error {
	if !acc.TokenUnavailable() {
		return nil
	}
	msg := flow.TokenUnavailableText(acc.Name, env.accounts.SecretsError())
	return &cliError{code: exitError, msg: msg, hint: flow.TokenUnavailableHint}
}

// withEnv runs a subcommand with its files resolved (never in demo mode).
func (a *app) withEnv(cmd *cobra.Command, opts *options, run func(env *runEnv) error) error {
	if opts.demo {
		return inputError("--demo goes with the wizard or a scripted login", "Run k6login --demo on a terminal.")
	}
	env, cleanup, err := a.environment(cmd.Context(), opts)
	if err != nil {
		return err
	}
	defer cleanup()
	return run(env)
}

func (a *app) accountsCommand(opts *options) *cobra.Command {
	var jsonOut, keep bool
	cmd := &cobra.Command{
		Use:   "accounts",
		Short: "List the saved accounts; * marks the one k6 uses",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				if keep {
					if err := a.keepCurrent(env, jsonOut); err != nil {
						return err
					}
				}
				return a.listAccounts(env, jsonOut)
			})
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the accounts as JSON")
	cmd.Flags().BoolVar(&keep, "keep", false, "first save the login in k6's config as an account, if no account holds it")
	return cmd
}

// keepCurrent saves the login only k6's config holds (written by k6 cloud
// login, say) as an account, and says what it did on stderr so that stdout
// stays the list.
func (a *app) keepCurrent(env *runEnv, jsonOut bool) error {
	acc, added, err := env.session().KeepCurrent()
	switch {
	case err != nil:
		return err
	case added:
		fmt.Fprintf(a.stderr, "Saved the login in k6's config as the account %s.\n", acc.Name)
	case acc.Name != "":
		fmt.Fprintf(a.stderr, "The login in k6's config is already saved as %s.\n", acc.Name)
	default:
		fmt.Fprintln(a.stderr, "k6's config holds no login to keep.")
	}
	return nil
}

// listAccounts prints the saved accounts, and k6's own credentials when no
// account holds them.
func (a *app) listAccounts(env *runEnv, jsonOut bool) error {
	o, err := env.session().Overview()
	if err != nil {
		return err
	}
	views := make([]accountView, 0, len(o.Accounts)+1)
	if o.Unsaved != nil {
		views = append(views, viewOf(*o.Unsaved, true, false))
	}
	for i, acc := range o.Accounts {
		views = append(views, viewOf(acc, i == o.Active, true))
	}
	if jsonOut {
		return writeJSON(a.stdout, views)
	}
	printAccounts(a.stdout, views, env)
	return nil
}

func printAccounts(w io.Writer, views []accountView, env *runEnv) {
	if len(views) == 0 {
		fmt.Fprintln(w, "No accounts yet. Run k6login to log in; every login is saved as an account.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  NAME\tSTACK\tPROJECT\tTOKEN\tVALIDATED")
	for _, v := range views {
		mark := " "
		if v.Active {
			mark = "*"
		}
		name := v.Name
		if !v.Saved {
			name += " (not saved)"
		}
		token := v.Token
		if v.TokenMode != "" {
			token += " (" + v.TokenMode + ")"
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\n", mark, name, v.StackURL, projectShort(v), token, validatedShort(v.LastValidated))
	}
	tw.Flush()
	active := false
	for _, v := range views {
		active = active || v.Active
	}
	if active {
		fmt.Fprintf(w, "\n* is the account k6 uses (in %s).\n", env.store.Path())
	} else {
		fmt.Fprintf(w, "\nk6 is signed out: %s holds no credentials. Pick one with: k6login switch NAME\n", env.store.Path())
	}
	for _, v := range views {
		if !v.Saved {
			fmt.Fprintf(w, "%q is only in k6's config; switching to another account saves it first, or save it now with: k6login accounts --keep\n", v.Name)
		}
	}
	inKeyring, inFile := 0, 0
	for _, v := range views {
		switch {
		case !v.Saved:
		case v.TokenStorage == "keyring":
			inKeyring++
		default:
			inFile++
		}
	}
	switch {
	case inFile == 0 && inKeyring > 0:
		fmt.Fprintln(w, "Tokens of saved accounts are in the system keyring.")
	case inFile > 0:
		fmt.Fprintf(w, "Tokens of saved accounts: %d in the system keyring, %d in %s.\n", inKeyring, inFile, env.accounts.Path())
	}
}

func projectShort(v accountView) string {
	switch {
	case v.ProjectID == 0:
		return fmt.Sprintf("default (%d)", v.DefaultProjectID)
	case v.ProjectName != "":
		return fmt.Sprintf("%d %s", v.ProjectID, v.ProjectName)
	}
	return fmt.Sprint(v.ProjectID)
}

func validatedShort(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.Local().Format("2006-01-02 15:04")
}

// completeAccountNames lets the shell complete NAME from the saved accounts.
func (a *app) completeAccountNames(opts *options) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		path, err := configstore.AccountsPath(a.getenv)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		accounts, err := configstore.NewAccountStore(path).List()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []string
		for _, acc := range accounts {
			if strings.HasPrefix(acc.Name, prefix) {
				names = append(names, acc.Name+"\t"+acc.StackURL)
			}
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

func (a *app) switchCommand(opts *options) *cobra.Command {
	var force, jsonOut bool
	cmd := &cobra.Command{
		Use:   "switch NAME",
		Short: "Make a saved account the one k6 uses (validated first)",
		Long: `Writes a saved account's credentials to k6's config file; every other key in it is
kept. The token is validated first; a refused token, or an API that cannot be
reached, stops the switch unless --force is given.`,
		Args:              exactlyOneName,
		ValidArgsFunction: a.completeAccountNames(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				return a.switchTo(cmd.Context(), env, args[0], force, jsonOut)
			})
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "switch even if the token cannot be validated")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the result as JSON")
	return cmd
}

func exactlyOneName(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return inputError(fmt.Sprintf("%s takes one account name, got %d", cmd.Name(), len(args)),
			"List the names with: k6login accounts")
	}
	return nil
}

func (a *app) switchTo(ctx context.Context, env *runEnv, name string, force, jsonOut bool) error {
	sess := env.session()
	acc, err := sess.Accounts.Get(name)
	if err != nil {
		return noAccount(err)
	}
	if err := needToken(env, acc); err != nil {
		return err
	}
	api, err := env.loadAPI()
	if err != nil {
		return err
	}
	a.interruptible()
	validated := false
	info, verr := api.Validate(ctx, acc.Token, acc.StackURL)
	switch {
	case verr == nil:
		acc.StackID, acc.DefaultProjectID = info.StackID, info.DefaultProjectID
		acc.LastValidated = time.Now().UTC()
		validated = true
	case errors.Is(verr, authclient.ErrCancelled) || ctx.Err() != nil:
		return verr
	case !force:
		return &cliError{code: exitCodeFor(verr), msg: fmt.Sprintf("%s was not switched to: %v", acc.Name, verr),
			hint: hintFor(verr) + "\nTo switch anyway: k6login switch --force " + acc.Name}
	default:
		fmt.Fprintf(a.stderr, "Warning: %v; switching anyway (--force).\n", verr)
	}
	res, err := sess.Activate(acc)
	if err != nil {
		return err
	}
	a.warnAfterSave(env, res)
	if jsonOut {
		v := viewOf(acc, true, true)
		return writeJSON(a.stdout, switchReport{v, validated, res.Path})
	}
	fmt.Fprintf(a.stdout, "k6 now uses %s: %s (stack %d), project %s.\n", acc.Name, acc.StackURL, acc.StackID,
		projectLine(acc.ProjectID, acc.ProjectName, acc.DefaultProjectID))
	if !validated {
		fmt.Fprintln(a.stdout, "The token was not validated.")
	}
	return nil
}

// noAccount turns an unknown name into an input error (exit 2).
func noAccount(err error) error {
	var nae *configstore.NoAccountError
	if errors.As(err, &nae) {
		return inputError(err.Error(), "List the names with: k6login accounts")
	}
	return err
}

func (a *app) removeCommand(opts *options) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:               "remove NAME",
		Short:             "Forget a saved account (and sign k6 out of it if it is in use)",
		Args:              exactlyOneName,
		ValidArgsFunction: a.completeAccountNames(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error { return a.removeAccount(env, args[0], jsonOut) })
		},
	}
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the result as JSON")
	return cmd
}

// removeAccount forgets a saved account, signing k6 out of it when it is in use.
func (a *app) removeAccount(env *runEnv, name string, jsonOut bool) error {
	removed, wasActive, err := env.session().Forget(name)
	if err != nil {
		return noAccount(err)
	}
	if jsonOut {
		return writeJSON(a.stdout, removeReport{removed.Name, wasActive})
	}
	fmt.Fprintf(a.stdout, "Forgot %s (%s).\n", removed.Name, removed.StackURL)
	if wasActive {
		fmt.Fprintf(a.stdout, "k6 used it, so its credentials were removed from %s too.\n", env.store.Path())
		if rest, err := env.accounts.List(); err == nil && len(rest) > 0 {
			fmt.Fprintf(a.stdout, "Switch to another account with: k6login switch %s\n", rest[0].Name)
		}
	}
	return nil
}
