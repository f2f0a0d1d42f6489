package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

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
	deps := a.tuiDeps(env, api)
	var res tui.Result
	if a.lineMode(opts) {
		var err error
		if f, ok := a.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			// Ctrl+C ends the line mode while the hidden prompt may still
			// have echo off: the terminal is put back as it was.
			if state, serr := term.GetState(int(f.Fd())); serr == nil {
				defer term.Restore(int(f.Fd()), state)
			}
		}
		res, err = a.runLineMode(ctx, deps)
		if err != nil {
			// Input can end after a change was made: report that change first.
			if res.Action != tui.ActionNone {
				_ = a.reportResult(env, res)
				if ctx.Err() != nil {
					return nil // the change stands; the signal came after it
				}
			}
			return err
		}
	} else {
		screen, closeScreen := a.screen()
		defer closeScreen()
		m := tui.New(deps, a.tuiOptions(opts, env, screen))
		err := a.runScreen(ctx, m, screen)
		res = m.Result()
		if err != nil && ctx.Err() == nil {
			// A change made before the failure still gets reported.
			if res.Action != tui.ActionNone {
				_ = a.reportResult(env, res)
			}
			return fmt.Errorf("the terminal interface failed: %w", err)
		}
	}
	if res.Action == tui.ActionNone && ctx.Err() != nil {
		return context.Cause(ctx)
	}
	return a.reportResult(env, res)
}

// lineMode: --accessible or TERM=dumb ask for line-by-line questions.
func (a *app) lineMode(opts *options) bool {
	return opts.accessible || a.getenv("TERM") == "dumb"
}

// tuiDeps are the screens' ways out to the world.
func (a *app) tuiDeps(env *runEnv, api authclient.API) tui.Deps {
	deps := tui.Deps{
		API:          api,
		Store:        env.store,
		Accounts:     env.session(),
		AccountsPath: env.accounts.Path(),
		Getenv:       env.getenv,
		Endpoint:     env.endpoint,
		Demo:         env.demo,
	}
	if !env.demo {
		// The demo's stacks have no token page to open.
		deps.OpenURL = a.openURL
	}
	return deps
}

// tuiOptions are how the screens drawn on screen look.
func (a *app) tuiOptions(opts *options, env *runEnv, screen io.Writer) tui.Options {
	noColor := opts.noColor || a.getenv("NO_COLOR") != "" || a.getenv("K6_NO_COLOR") != ""
	return tui.Options{NoColor: noColor, Demo: env.demo, Output: screen}
}

// runScreenOnTerminal runs m full screen on screen (see app.screen), reading
// keys from stdin, until it quits or ctx is cancelled.
func (a *app) runScreenOnTerminal(ctx context.Context, m tea.Model, screen io.Writer) error {
	defer a.restoreTerminalOnForcedExit(screen)()
	// The run's context is the one owner of signals (see watchSignals):
	// Bubble Tea's own handler raced with it and could hang on SIGTERM.
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithoutSignalHandler(),
		tea.WithInput(a.stdin), tea.WithOutput(screen), tea.WithAltScreen())
	_, err := p.Run()
	return err
}

// lineModeGrace is how long line mode gets to end by itself once the run is
// cancelled, before k6login stops waiting for it: it may be blocked reading
// a line that will never come.
const lineModeGrace = 300 * time.Millisecond

// runLineMode runs the line-by-line prompts and ends promptly when the run
// is cancelled (Ctrl+C is SIGINT there: the terminal is not in raw mode).
func (a *app) runLineMode(ctx context.Context, deps tui.Deps) (tui.Result, error) {
	type outcome struct {
		res tui.Result
		err error
	}
	done := make(chan outcome, 1)
	go func() {
		res, err := tui.RunAccessible(ctx, deps, a.stdin, a.stderr, a.secretReader(ctx))
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err
	case <-ctx.Done():
	}
	select {
	case o := <-done:
		if o.err == nil && o.res.Action == tui.ActionNone {
			o.err = context.Cause(ctx)
		}
		return o.res, o.err
	case <-time.After(lineModeGrace):
		// Still waiting for a line: nothing was saved (a save is the last
		// step, and atomic), so stop waiting.
		fmt.Fprintln(a.stderr)
		return tui.Result{}, context.Cause(ctx)
	}
}

// restoreTerminalOnForcedExit registers what undoes the wizard's terminal
// modes (raw input, alternate screen, hidden cursor), for an exit that
// cannot wait for Bubble Tea to undo them itself.
func (a *app) restoreTerminalOnForcedExit(screen io.Writer) (remove func()) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return func() {}
	}
	state, err := term.GetState(int(f.Fd()))
	if err != nil {
		return func() {}
	}
	return atLastResort(func() {
		_ = term.Restore(int(f.Fd()), state)
		_, _ = io.WriteString(screen, "\x1b[?1049l\x1b[?25h")
	})
}

// reportResult prints what the interactive session changed, if anything.
func (a *app) reportResult(env *runEnv, res tui.Result) error {
	switch res.Action {
	case tui.ActionNone:
		if res.Interrupted {
			return errCancelled // run says "Cancelled; nothing was changed."
		}
		fmt.Fprintf(a.stderr, "Nothing was changed in %s.\n", safe(env.store.Path()))
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
func (a *app) secretReader(ctx context.Context) func() (string, error) {
	f, ok := a.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return func() (string, error) { return a.readHiddenLine(ctx) }
}

// readHiddenLine reads one line from the terminal on stdin without echo. The
// terminal keeps its Ctrl+C (ISIG), so Ctrl+C cancels ctx: it then returns at
// once with ctx's cause and echo turned back on, and nothing typed is used.
func (a *app) readHiddenLine(ctx context.Context) (string, error) {
	f, ok := a.stdin.(*os.File)
	if !ok {
		return "", errors.New("standard input is not a terminal")
	}
	fd := int(f.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	defer atLastResort(func() { _ = term.Restore(fd, state) })()
	type line struct {
		b   []byte
		err error
	}
	done := make(chan line, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- line{b, err}
	}()
	select {
	case l := <-done:
		fmt.Fprintln(a.stderr)
		return string(l.b), l.err
	case <-ctx.Done():
		// ReadPassword is still blocked in read and would restore echo only
		// after a line: restore it now.
		_ = term.Restore(fd, state)
		fmt.Fprintln(a.stderr)
		return "", context.Cause(ctx)
	}
}
