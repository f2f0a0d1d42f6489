package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// RunAccessible runs the same flows as New as plain line-by-line prompts that
// a screen reader can follow: numbered choices, no cursor movement, no colour,
// no animation. The questions, choices and texts are those of the screens
// (package flow); the token is read with readSecret (a no-echo terminal
// reader), every other answer is a line from in. A refused answer is
// explained, with what to do, and the question is asked again.
//
// With Deps.Accounts and a login anywhere (k6's config holds a token, or an
// account is saved) it opens a numbered menu: review, keep this login, switch
// account, add an account (the wizard), validate again, reset or sign out,
// quit. Every write there follows an explicit "y", and every default answer
// writes nothing. Otherwise it runs the wizard.
//
// Result is the last change made, as Model.Result is. RunAccessible returns
// with a nil error when the user quits the menu or finishes or declines the
// wizard; with an error wrapping io.EOF when in ends at a question; and, as
// soon as ctx is cancelled (Ctrl+C reaches the process's signal handler),
// with an error wrapping ctx.Err() and its cause, even while a question waits
// for its answer: what was being typed is not taken as an answer, and
// nothing more is written. Result still reports a change made before.
//
// in is read one byte at a time, never ahead, so that readSecret may read the
// same stream (piped input) without losing lines. A nil readSecret reads the
// token as a line from in.
func RunAccessible(ctx context.Context, deps Deps, in io.Reader, out io.Writer, readSecret func() (string, error)) (Result, error) {
	l := &lineMode{ctx: ctx, deps: deps, in: in, out: out, readSecret: readSecret}
	if l.readSecret == nil {
		l.readSecret = l.readLine
	}
	defer l.stopLoading()
	var err error
	if deps.Accounts != nil && l.loadOverview(true) {
		err = l.menu()
	} else {
		l.welcome()
		err = l.wizard()
	}
	if ierr := l.interrupted(); ierr != nil {
		err = ierr
	}
	return l.result, err
}

// lineMode is one run of the line mode: the flow's state, and where the answers come from.
type lineMode struct {
	ctx        context.Context
	deps       Deps
	in         io.Reader
	out        io.Writer
	readSecret func() (string, error)

	login flow.Login
	// adding: the wizard runs from the menu, where an empty stack or token goes back.
	adding bool
	inMenu bool
	// projects delivers the project list the wizard started loading when the
	// token passed; cancelLoad cancels that request.
	projects   chan projectsMsg
	cancelLoad context.CancelFunc

	acc    flow.Accounts
	lookup flow.Lookup
	result Result
}

func (l *lineMode) stopLoading() {
	if l.cancelLoad != nil {
		l.cancelLoad()
	}
}

// errBack leaves the wizard started from the menu, for the menu.
var errBack = errors.New("back to the menu")

// interrupted is the error to return once ctx is cancelled, nil before.
func (l *lineMode) interrupted() error {
	if l.ctx.Err() == nil {
		return nil
	}
	l.result.Interrupted = true
	const what = "interrupted; nothing more was written"
	if cause := context.Cause(l.ctx); cause != nil && !errors.Is(cause, l.ctx.Err()) {
		return fmt.Errorf("%s: %w (%w)", what, l.ctx.Err(), cause)
	}
	return fmt.Errorf("%s: %w", what, l.ctx.Err())
}

func (l *lineMode) inputEnded() error {
	if l.inMenu && !l.adding {
		return fmt.Errorf("the input ended before k6login was told to quit; nothing more was written: %w", io.EOF)
	}
	return fmt.Errorf("the input ended before the login was saved: %w", io.EOF)
}

// readLine reads up to and without the next newline; the last line may lack one.
func (l *lineMode) readLine() (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := l.in.Read(b[:])
		if n == 1 {
			if b[0] == '\n' {
				return string(line), nil
			}
			line = append(line, b[0])
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(line) > 0 {
				return string(line), nil
			}
			return string(line), err
		}
	}
}

// read waits for read to answer, or for ctx to be cancelled, whichever comes
// first. An answer that arrives once ctx is cancelled is dropped: the Enter
// typed after Ctrl+C is not a "yes". A read left waiting ends with the
// process (or the input).
func (l *lineMode) read(read func() (string, error)) (string, error) {
	if err := l.interrupted(); err != nil {
		return "", err
	}
	type reply struct {
		s   string
		err error
	}
	ch := make(chan reply, 1)
	go func() {
		s, err := read()
		ch <- reply{s, err}
	}()
	select {
	case r := <-ch:
		if err := l.interrupted(); err != nil {
			return "", err
		}
		if r.err != nil {
			l.say("")
			if errors.Is(r.err, io.EOF) {
				return "", l.inputEnded()
			}
			return "", r.err
		}
		return r.s, nil
	case <-l.ctx.Done():
		l.say("")
		return "", l.interrupted()
	}
}

// say writes a line. The screens' arrows ("Settings → Access") are read out
// as words: a screen reader would say "right arrow", and a dumb terminal may
// not draw one.
func (l *lineMode) say(format string, args ...any) {
	fmt.Fprintln(l.out, strings.ReplaceAll(fmt.Sprintf(format, args...), " → ", ", then "))
}

// warn says each line as a warning.
func (l *lineMode) warn(lines ...string) {
	for _, s := range lines {
		l.say("Warning: %s", s)
	}
}

// prompt is a question as written before the answer: in demo mode every
// question says so.
func (l *lineMode) prompt(question string) string {
	if l.deps.Demo {
		return "DEMO: " + question + " "
	}
	return question + " "
}

func (l *lineMode) ask(question string) (string, error) {
	if err := l.interrupted(); err != nil {
		return "", err
	}
	fmt.Fprint(l.out, l.prompt(question))
	line, err := l.read(l.readLine)
	return strings.TrimSpace(line), err
}

// choose asks for a number from 1 to n; an empty answer picks def.
func (l *lineMode) choose(question string, n, def int) (int, error) {
	for {
		ans, err := l.ask(fmt.Sprintf("%s [%d]:", question, def))
		if err != nil {
			return 0, err
		}
		if ans == "" {
			return def, nil
		}
		if k, err := strconv.Atoi(ans); err == nil && k >= 1 && k <= n {
			return k, nil
		}
		l.say("Please answer with a number from 1 to %d.", n)
	}
}

// chooseFrom reads out labels as numbered choices and asks for one; def is
// the 1-based default.
func (l *lineMode) chooseFrom(labels []string, def int) (int, error) {
	for i, s := range labels {
		l.say("  %d. %s", i+1, s)
	}
	k, err := l.choose("Choose "+numbers(len(labels)), len(labels), def)
	return k - 1, err
}

// numbers says which numbers answer a question with n choices.
func numbers(n int) string {
	switch n {
	case 1:
		return "1"
	case 2:
		return "1 or 2"
	case 3:
		return "1, 2 or 3"
	}
	return fmt.Sprintf("1 to %d", n)
}

// confirm asks a yes/no question whose default, an empty answer, is no.
func (l *lineMode) confirm(question string) (bool, error) {
	for {
		ans, err := l.ask(question + " [y/N]:")
		if err != nil {
			return false, err
		}
		switch strings.ToLower(ans) {
		case "y", "yes":
			return true, nil
		case "", "n", "no":
			return false, nil
		}
		l.say("Please answer y for yes or n for no; an empty answer is no.")
	}
}

// sayFailure reads out what went wrong with a request and what to do next;
// about names what it concerned, "" for the login being made.
func (l *lineMode) sayFailure(err error, about string) {
	f := flow.Describe(err)
	if about != "" {
		f.Title += ": " + about
	}
	l.say("Error: %s. %s", f.Title, f.What)
	l.say("What to do: %s", f.Hint)
}

// sayRows reads out a summary table, one "Label: value" line a row.
func (l *lineMode) sayRows(rows []flow.Row) {
	for _, r := range rows {
		if r.Note != "" {
			r.Value += ", " + r.Note
		}
		l.say("  %s: %s", r.Label, r.Value)
	}
}

func (l *lineMode) configPath() string { return authclient.SafeText(l.deps.Store.Path()) }

func (l *lineMode) overrides() []string { return flow.Overrides(l.envOverrides()) }

func (l *lineMode) envOverrides() []configstore.Override {
	return configstore.EnvOverrides(l.deps.getenv)
}

// sayContext says what is true of every run: demo mode, and an API address
// that is not the default, before any token is sent.
func (l *lineMode) sayContext() {
	if l.deps.Demo {
		l.say("DEMO: %s.", flow.DemoNote)
	}
	if note := flow.EndpointNote(l.deps.Endpoint); note != "" {
		l.warn(note)
	}
}
