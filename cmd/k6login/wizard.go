package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
)

// runWizardOnTerminal runs the interactive flow: home and the wizard in Bubble
// Tea, or line-by-line prompts with --accessible or TERM=dumb. The screens use
// the terminal's alternate screen and vanish on exit; what was done is then
// printed to stdout, where it stays (and can be redirected).
func (a *app) runWizardOnTerminal(ctx context.Context, opts *options, env *runEnv, api authclient.API) error {
	deps := tui.Deps{
		API:          api,
		Store:        env.store,
		Accounts:     env.session(),
		AccountsPath: env.accounts.Path(),
		Getenv:       env.getenv,
	}
	noColor := opts.noColor || a.getenv("NO_COLOR") != "" || a.getenv("K6_NO_COLOR") != ""

	var res tui.Result
	if opts.accessible || a.getenv("TERM") == "dumb" {
		var err error
		res, err = tui.RunAccessible(ctx, deps, a.stdin, a.stderr, a.secretReader())
		if err != nil {
			// Input can end after a change was made: report that change first.
			if res.Action != tui.ActionNone {
				_ = a.reportResult(env, res)
			}
			return err
		}
	} else {
		screen, closeScreen := a.screen()
		defer closeScreen()
		m := tui.New(deps, tui.Options{NoColor: noColor, Demo: env.demo, Output: screen})
		p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.stdin), tea.WithOutput(screen), tea.WithAltScreen())
		_, err := p.Run()
		res = m.Result()
		if err != nil && ctx.Err() == nil {
			// A change made before the failure still gets reported.
			if res.Action != tui.ActionNone {
				_ = a.reportResult(env, res)
			}
			return fmt.Errorf("the terminal interface failed: %w", err)
		}
	}
	return a.reportResult(env, res)
}

// reportResult prints what the interactive session changed, if anything.
func (a *app) reportResult(env *runEnv, res tui.Result) error {
	switch res.Action {
	case tui.ActionNone:
		fmt.Fprintf(a.stderr, "Nothing was changed in %s.\n", safe(env.store.Path()))
		if res.Interrupted {
			return &cliError{code: exitInterrupted, msg: "cancelled"}
		}
		return nil
	case tui.ActionLogin:
		a.warnAfterSave(env, res.SaveResult)
		if res.RecordErr != nil {
			fmt.Fprintf(a.stderr, "Warning: k6 is logged in, but the account was not saved for switching: %s\n", safeErr(res.RecordErr))
		}
		mode := configstore.TokenModePersonal
		if res.TokenMode == tui.TokenStack {
			mode = configstore.TokenModeStack
		}
		c := res.Credentials
		loginSummary{
			Account: res.Account, Path: res.SaveResult.Path, StackURL: c.StackURL, StackID: c.StackID,
			DefaultProjectID: c.DefaultProjectID, ProjectID: c.ProjectID, ProjectName: res.ProjectName,
			Token: configstore.MaskToken(c.Token), TokenMode: string(mode), Demo: env.demo,
		}.print(a.stdout)
		return nil
	case tui.ActionSwitch:
		a.warnAfterSave(env, res.SaveResult)
	}
	if env.demo {
		fmt.Fprintln(a.stdout, "DEMO: nothing real was touched.")
	}
	fmt.Fprintln(a.stdout, safeLines(res.Summary()))
	return nil
}

// screen is where the wizard draws: stderr when it is a terminal, else the
// controlling terminal itself, so stdout can be redirected.
func (a *app) screen() (io.Writer, func()) {
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return f, func() {}
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		return tty, func() { tty.Close() }
	}
	return a.stderr, func() {}
}

// secretReader reads the token without echo when stdin is a terminal; nil lets
// the accessible prompts read it as a line of their own input, so nothing piped
// after it is lost to a second buffer.
func (a *app) secretReader() func() (string, error) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return a.readHiddenLine
}

// readHiddenLine reads one line from the terminal on stdin without echo.
func (a *app) readHiddenLine() (string, error) {
	f, ok := a.stdin.(*os.File)
	if !ok {
		return "", errors.New("standard input is not a terminal")
	}
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(a.stderr)
	return string(b), err
}
