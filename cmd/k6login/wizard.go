package main

import (
	"context"
	"fmt"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui"
)

// runWizard runs the interactive flow: the Bubble Tea wizard, or line-by-line
// prompts with --accessible or TERM=dumb. The wizard draws on the terminal; the
// summary goes to stdout afterwards, so `k6login > log` still shows the screens.
func (a *app) runWizardOnTerminal(ctx context.Context, opts *options, env *runEnv, api authclient.API) error {
	deps := tui.Deps{API: api, Store: env.store, Getenv: env.getenv}
	noColor := opts.noColor || a.getenv("NO_COLOR") != "" || a.getenv("K6_NO_COLOR") != ""

	var res tui.Result
	if opts.accessible || a.getenv("TERM") == "dumb" {
		var err error
		res, err = tui.RunAccessible(ctx, deps, a.stdin, a.stderr, a.secretReader())
		if err != nil {
			return err
		}
	} else {
		screen, closeScreen := a.screen()
		defer closeScreen()
		m := tui.NewWizard(deps, tui.Options{NoColor: noColor, Demo: env.demo, Output: screen})
		p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.stdin), tea.WithOutput(screen))
		if _, err := p.Run(); err != nil && ctx.Err() == nil {
			return fmt.Errorf("the terminal interface failed: %w", err)
		}
		res = m.Result()
	}
	if !res.Saved {
		fmt.Fprintf(a.stderr, "Nothing was saved; %s is unchanged.\n", env.store.Path())
		return &cliError{code: exitInterrupted, msg: "cancelled"}
	}
	a.warnAfterSave(env, res.SaveResult)
	mode := configstore.TokenModePersonal
	if res.TokenMode == tui.TokenStack {
		mode = configstore.TokenModeStack
	}
	c := res.Credentials
	account := a.recordAccount(env, c, mode, "")
	loginSummary{
		Account: account,
		Path:    res.SaveResult.Path, StackURL: c.StackURL, StackID: c.StackID,
		DefaultProjectID: c.DefaultProjectID, ProjectID: c.ProjectID,
		Token: configstore.MaskToken(c.Token), TokenMode: string(mode), Demo: env.demo,
	}.print(a.stdout)
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
	return func() (string, error) {
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.stderr)
		return string(b), err
	}
}
