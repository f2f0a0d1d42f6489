package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
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
		fmt.Fprintf(a.stderr, "Saved the login in k6's config as the account %s.\n", safe(acc.Name))
	case acc.Name != "":
		fmt.Fprintf(a.stderr, "The login in k6's config is already saved as %s.\n", safe(acc.Name))
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
		v = v.safe()
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
		fmt.Fprintf(w, "\n* is the account k6 uses (in %s).\n", safe(env.store.Path()))
	} else {
		fmt.Fprintf(w, "\nk6 is signed out: %s holds no credentials. Pick one with: k6login switch NAME\n", safe(env.store.Path()))
	}
	for _, v := range views {
		if !v.Saved {
			fmt.Fprintf(w, "%q is only in k6's config; switching to another account saves it first, or save it now with: k6login accounts --keep\n", safe(v.Name))
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
		fmt.Fprintf(w, "Tokens of saved accounts: %d in the system keyring, %d in %s.\n", inKeyring, inFile, safe(env.accounts.Path()))
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
		Use:   "switch [NAME]",
		Short: "Make a saved account the one k6 uses (validated first)",
		Long: `Writes a saved account's credentials to k6's config file; every other key in it is
kept. The token is validated first; a refused token, or an API that cannot be
reached, stops the switch unless --force is given. Without NAME, on a terminal,
it opens the switch picker of the k6login screens (with --accessible or
TERM=dumb it lists the saved accounts and asks for a number or a name).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && a.stdinIsTerminal() {
				return nil // the picker asks
			}
			return exactlyOneName(cmd, args)
		},
		ValidArgsFunction: a.completeAccountNames(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				switch {
				case len(args) > 0:
				case !a.lineMode(opts):
					return a.switchOnScreen(cmd.Context(), opts, env, jsonOut)
				default:
					name, err := a.pickAccount(cmd.Context(), env)
					if err != nil {
						return err
					}
					args = []string{name}
				}
				return a.switchTo(cmd.Context(), env, args[0], force, jsonOut)
			})
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "switch even if the token cannot be validated")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the result as JSON")
	cmd.Flags().BoolVar(&opts.accessible, "accessible", false, "without NAME, ask line by line instead of the picker (also TERM=dumb)")
	return cmd
}

// switchOnScreen opens the full-screen switch picker (the screen home's
// Switch leads to): the token is validated before anything is written, and
// Esc, q or Ctrl+C there changes nothing.
func (a *app) switchOnScreen(ctx context.Context, opts *options, env *runEnv, jsonOut bool) error {
	o, err := env.session().Overview()
	if err != nil {
		return err
	}
	if len(o.Accounts) == 0 {
		return inputError("no accounts are saved yet", "Every login saves one. Run k6login to log in.")
	}
	api, err := env.loadAPI()
	if err != nil {
		return err
	}
	a.noteEndpoint(env)
	a.interruptible()
	screen, closeScreen := a.screen()
	defer closeScreen()
	m := tui.NewSwitch(a.tuiDeps(env, api), a.tuiOptions(opts, env, screen))
	err = a.runScreen(ctx, m, screen)
	res := m.Result()
	if res.Action != tui.ActionSwitch {
		switch {
		case ctx.Err() != nil:
			return context.Cause(ctx)
		case err != nil:
			return fmt.Errorf("the terminal interface failed: %w", err)
		}
		return errCancelled // run says "Cancelled; nothing was changed."
	}
	if res.RecordErr != nil {
		fmt.Fprintf(a.stderr, "Warning: k6 uses %s, but the saved account could not be updated: %s\n", safe(res.Account), safeErr(res.RecordErr))
	}
	acc, gerr := env.accounts.Get(res.Account)
	if gerr != nil {
		// The accounts file could not be read after the switch: what was
		// written to k6's config is what there is to say.
		acc = configstore.Account{Name: res.Account, Token: res.Credentials.Token, StackURL: res.Credentials.StackURL,
			StackID: res.Credentials.StackID, DefaultProjectID: res.Credentials.DefaultProjectID, ProjectID: res.Credentials.ProjectID}
	}
	return a.reportSwitch(env, acc, !res.Unchecked, res.SaveResult, jsonOut)
}

// pickAccount lists the saved accounts on stderr, * marking the one k6 uses,
// and asks for a number or a name; Enter alone, or Ctrl+C, cancels.
func (a *app) pickAccount(ctx context.Context, env *runEnv) (string, error) {
	o, err := env.session().Overview()
	if err != nil {
		return "", err
	}
	if len(o.Accounts) == 0 {
		return "", inputError("no accounts are saved yet", "Every login saves one. Run k6login to log in.")
	}
	fmt.Fprintln(a.stderr, "Saved accounts (* is the one k6 uses):")
	for i, acc := range o.Accounts {
		mark := " "
		if i == o.Active {
			mark = "*"
		}
		kind := ""
		if acc.TokenMode != "" {
			kind = "  (" + safe(string(acc.TokenMode)) + " token)"
		}
		fmt.Fprintf(a.stderr, "%s %d. %s  %s%s\n", mark, i+1, safe(acc.Name), safe(acc.StackURL), kind)
	}
	a.interruptible()
	answer, err := a.ask(ctx, fmt.Sprintf("Switch to which account? [1-%d or a name, Enter to cancel]: ", len(o.Accounts)))
	if err != nil {
		return "", err
	}
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return "", errCancelled
	}
	if n, err := strconv.Atoi(answer); err == nil {
		if n < 1 || n > len(o.Accounts) {
			return "", inputError(fmt.Sprintf("there is no account number %d", n), fmt.Sprintf("Pick a number from 1 to %d.", len(o.Accounts)))
		}
		return o.Accounts[n-1].Name, nil
	}
	return answer, nil
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
	a.noteEndpoint(env)
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
		fmt.Fprintf(a.stderr, "Warning: %s; switching anyway (--force).\n", safeErr(verr))
	}
	res, err := sess.Activate(acc)
	if err != nil {
		return err
	}
	return a.reportSwitch(env, acc, validated, res, jsonOut)
}

// reportSwitch says which account k6 now uses, on stdout.
func (a *app) reportSwitch(env *runEnv, acc configstore.Account, validated bool, res configstore.SaveResult, jsonOut bool) error {
	a.warnAfterSave(env, res)
	if jsonOut {
		v := viewOf(acc, true, true)
		return reportFailed(writeJSON(a.stdout, switchReport{v, validated, res.Path}), "k6 now uses "+acc.Name)
	}
	fmt.Fprintf(a.stdout, "k6 now uses %s: %s (stack %d), project %s.\n", safe(acc.Name), safe(acc.StackURL), acc.StackID,
		projectLine(acc.ProjectID, safe(acc.ProjectName), acc.DefaultProjectID))
	if !validated {
		fmt.Fprintln(a.stdout, "The token was not validated.")
	}
	return nil
}

// noAccount turns an unknown name into an input error (exit 2). The name
// given is never repeated: it may be a token typed in the wrong place, and no
// rule can tell every token from a name. The saved names are listed instead.
func noAccount(err error) error {
	var nae *configstore.NoAccountError
	if !errors.As(err, &nae) {
		return err
	}
	hint := "No accounts are saved yet; every login saves one. Run k6login to log in."
	if len(nae.Known) > 0 {
		const most = 10
		names := make([]string, 0, most)
		for i, n := range nae.Known {
			if i == most {
				names = append(names, fmt.Sprintf("and %d more", len(nae.Known)-most))
				break
			}
			names = append(names, n)
		}
		hint = "Saved accounts: " + strings.Join(names, ", ") + ". List them with: k6login accounts"
	}
	if authclient.LooksLikeToken(nae.Name) {
		hint = "What was given looks like a token; switch and remove take an account's name.\n" + hint
	}
	return &cliError{code: exitInput, msg: "no saved account has that name", hint: hint, jsonCode: "no-such-account"}
}

func (a *app) removeCommand(opts *options) *cobra.Command {
	var jsonOut, yes bool
	cmd := &cobra.Command{
		Use:   "remove NAME",
		Short: "Forget a saved account (and sign k6 out of it if it is in use)",
		Long: `Forgets a saved account: its token is deleted from k6login's accounts file, and
from k6's config too when k6 uses it. On a terminal it asks first (--yes skips
the question); in scripts, without a terminal, it never asks.`,
		Args:              exactlyOneName,
		ValidArgsFunction: a.completeAccountNames(opts),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withEnv(cmd, opts, func(env *runEnv) error {
				return a.removeAccount(cmd.Context(), env, args[0], jsonOut, yes)
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation on a terminal")
	cmd.Flags().BoolVar(&jsonOut, "json", false, "print the result as JSON")
	return cmd
}

// removeAccount forgets a saved account, signing k6 out of it when it is in
// use. On a terminal it asks first, unless yes.
func (a *app) removeAccount(ctx context.Context, env *runEnv, name string, jsonOut, yes bool) error {
	if !yes && a.stdinIsTerminal() {
		acc, err := env.session().Accounts.Get(name)
		if err != nil {
			return noAccount(err)
		}
		question := fmt.Sprintf("Forget the account %s (%s)? Its token will be deleted", safe(acc.Name), safe(acc.StackURL))
		if snap, err := env.store.Load(); err == nil && acc.Matches(snap.Credentials) {
			question += ", and k6 will be signed out, since it uses this account"
		}
		a.interruptible()
		ok, err := a.confirm(ctx, question+". [y/N]: ")
		if err != nil {
			return err
		}
		if !ok {
			return errCancelled
		}
	}
	removed, wasActive, err := env.session().Forget(name)
	if err != nil {
		return noAccount(err)
	}
	if jsonOut {
		return reportFailed(writeJSON(a.stdout, removeReport{removed.Name, wasActive}), "the account "+removed.Name+" was forgotten")
	}
	fmt.Fprintf(a.stdout, "Forgot %s (%s).\n", safe(removed.Name), safe(removed.StackURL))
	if wasActive {
		fmt.Fprintf(a.stdout, "k6 used it, so its credentials were removed from %s too.\n", safe(env.store.Path()))
		if rest, err := env.accounts.List(); err == nil && len(rest) > 0 {
			fmt.Fprintf(a.stdout, "Switch to another account with: k6login switch %s\n", safe(rest[0].Name))
		}
	}
	return nil
}
