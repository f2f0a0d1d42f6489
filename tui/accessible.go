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
)

// RunAccessible runs the same flows as New as plain line-by-line prompts that
// a screen reader can follow: numbered choices, no cursor movement, no colour,
// no animation. The token is read with readSecret (a no-echo terminal reader);
// every other answer is a line from in. A refused answer is explained, with
// what to do, and the question is asked again.
//
// With Deps.Accounts and a login anywhere (k6's config holds a token, or an
// account is saved) it opens a numbered menu: review, switch account, add an
// account (the wizard), validate again, reset or sign out, quit. Every write
// there follows an explicit "y", and every default answer writes nothing.
// Otherwise it runs the wizard.
//
// Result is the last change made, as Model.Result is. RunAccessible returns
// with a nil error when the user quits the menu or finishes or declines the
// wizard; with an error wrapping io.EOF when in ends at a question (Result
// still reports any change made before); and with ctx.Err() when ctx is
// cancelled between questions. Nothing is written after the input ends.
//
// in is read one byte at a time, never ahead, so that readSecret may read the
// same stream (piped input) without losing lines. A nil readSecret reads the
// token as a line from in.
func RunAccessible(ctx context.Context, deps Deps, in io.Reader, out io.Writer, readSecret func() (string, error)) (Result, error) {
	a := &accessible{ctx: ctx, deps: deps, in: in, out: out, readSecret: readSecret}
	if a.readSecret == nil {
		a.readSecret = func() (string, error) { return a.readLine() }
	}
	return a.run()
}

// readLine reads up to and without the next newline; the last line may lack one.
func (a *accessible) readLine() (string, error) {
	var line []byte
	var b [1]byte
	for {
		n, err := a.in.Read(b[:])
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

type accessible struct {
	ctx        context.Context
	deps       Deps
	in         io.Reader
	out        io.Writer
	readSecret func() (string, error)

	stackURL string
	token    string
	auth     authclient.AuthInfo
	mode     TokenMode
	choice   projectChoice

	// projects delivers the project list fetchProjects started loading;
	// stopProjects cancels that request.
	projects     chan projectsMsg
	stopProjects context.CancelFunc

	// The menu over the saved accounts (accessible_accounts.go).
	inMenu bool // the menu was opened: an end of input is not "before the login was saved"
	adding bool // the login flow runs from the menu: an empty stack or token goes back
	result Result
	ov     configstore.Overview
	ovErr  error
	nameID int64 // the project whose name was looked up, and the name
	name   string
}

// errInputEnded is returned when the answers run out before the save.
var errInputEnded = fmt.Errorf("the input ended before the login was saved: %w", io.EOF)

// errMenuInputEnded is returned when the answers run out at a question of the
// menu, or of the screens it leads to.
var errMenuInputEnded = fmt.Errorf("the input ended before k6login was told to quit; nothing more was written: %w", io.EOF)

// errBack leaves the login flow started from the menu, for the menu.
var errBack = errors.New("back to the menu")

func (a *accessible) inputEnded() error {
	if a.inMenu && !a.adding {
		return errMenuInputEnded
	}
	return errInputEnded
}

// maxListed bounds how many projects are read out at once; more is noise.
const maxListed = 20

func (a *accessible) say(format string, args ...any) {
	fmt.Fprintf(a.out, format+"\n", args...)
}

// sayFailure reads out what went wrong with a request and what to do next.
func (a *accessible) sayFailure(err error) {
	f := describeFailure(err)
	a.say("Error: %s. %s", f.Title, sentence(f.What))
	a.say("What to do: %s", f.Hint)
}

func (a *accessible) ask(question string) (string, error) {
	if err := a.ctx.Err(); err != nil {
		return "", err
	}
	fmt.Fprint(a.out, question+" ")
	line, err := a.readLine()
	if err != nil {
		a.say("")
		if errors.Is(err, io.EOF) {
			return "", a.inputEnded()
		}
		return "", err
	}
	return strings.TrimSpace(line), nil
}

// choose asks for a number from 1 to n; an empty answer picks def.
func (a *accessible) choose(question string, n, def int) (int, error) {
	for {
		ans, err := a.ask(fmt.Sprintf("%s [%d]:", question, def))
		if err != nil {
			return 0, err
		}
		if ans == "" {
			return def, nil
		}
		if k, err := strconv.Atoi(ans); err == nil && k >= 1 && k <= n {
			return k, nil
		}
		a.say("Please answer with a number from 1 to %d.", n)
	}
}

func (a *accessible) run() (Result, error) {
	defer func() {
		if a.stopProjects != nil {
			a.stopProjects()
		}
	}()
	if a.deps.Accounts != nil && a.loadOverview(true) {
		return a.menu()
	}
	a.welcome()
	return a.login()
}

// login is the wizard: stack, token, validation, token type, project, review.
func (a *accessible) login() (Result, error) {
	if err := a.askStack(); err != nil {
		return Result{}, err
	}
	if err := a.askToken(); err != nil {
		return Result{}, err
	}
	if err := a.validate(); err != nil {
		return Result{}, err
	}
	if err := a.askMode(); err != nil {
		return Result{}, err
	}
	if err := a.askProject(); err != nil {
		return Result{}, err
	}
	return a.review()
}

func (a *accessible) welcome() {
	a.say("k6login: log in to Grafana Cloud k6.")
	a.say("This checks your API token against your stack, lets you pick a project, and saves the result where k6 reads it. Nothing is written until you confirm.")
	a.say("Credentials will be saved to: %s", a.deps.Store.Path())
	if snap, err := a.deps.Store.Load(); err != nil {
		a.say("Warning: the file could not be read: %v", err)
	} else if snap.Exists && snap.Credentials.StackURL != "" {
		a.say("It already holds a login for %s (stack %d); saving replaces it and keeps every other setting.", snap.Credentials.StackURL, snap.Credentials.StackID)
		a.stackURL = snap.Credentials.StackURL
	}
	for _, o := range configstore.EnvOverrides(a.deps.getenv) {
		a.say("Warning: %s", strings.TrimPrefix(overrideWarning(o), "⚠ "))
	}
	a.say("Press Ctrl+C at any question to leave without saving.")
	a.say("")
}

func (a *accessible) askStack() error {
	for {
		q := "Stack slug or URL, for example my-team:"
		switch {
		case a.stackURL != "":
			q = "Stack slug or URL [" + a.stackURL + "]:"
		case a.adding:
			q = "Stack slug or URL, for example my-team; empty to go back to the menu:"
		}
		ans, err := a.ask(q)
		if err != nil {
			return err
		}
		if ans == "" && a.stackURL == "" && a.adding {
			return errBack
		}
		if ans == "" && a.stackURL != "" {
			ans = a.stackURL
		}
		url, err := authclient.NormalizeStack(ans)
		if err != nil {
			a.say("%s", stackReason(err))
			continue
		}
		a.stackURL = url
		a.say("Stack: %s", url)
		return nil
	}
}

func (a *accessible) askToken() error {
	a.say("Create a token in Grafana Cloud at %s: Testing & synthetics, then Performance, Settings, Access, and Personal token (or Stack token, for CI; admins only).", a.stackURL)
	for {
		if err := a.ctx.Err(); err != nil {
			return err
		}
		prompt := "Token (typing is hidden): "
		if a.adding {
			prompt = "Token (typing is hidden; empty to go back to the menu): "
		}
		fmt.Fprint(a.out, prompt)
		raw, err := a.readSecret()
		a.say("")
		if err != nil {
			if errors.Is(err, io.EOF) {
				return a.inputEnded()
			}
			return err
		}
		if a.adding && strings.TrimSpace(raw) == "" {
			return errBack
		}
		tok, err := authclient.CleanToken(raw)
		if err != nil {
			a.say("%s", sentence(err.Error()))
			continue
		}
		a.token = tok
		a.say("Got the token: %s.", describeToken(tok))
		return nil
	}
}

// validate checks the token until it is accepted, asking again for what the
// failure points at.
func (a *accessible) validate() error {
	for {
		a.say("Checking the token against %s…", a.stackURL)
		info, err := a.deps.API.Validate(a.ctx, a.token, a.stackURL)
		if err == nil {
			a.auth = info
			a.say("Token accepted for %s (stack %d, default project %d).", a.stackURL, info.StackID, info.DefaultProjectID)
			a.say("")
			a.fetchProjects()
			return nil
		}
		if cerr := a.ctx.Err(); cerr != nil {
			return cerr
		}
		a.sayFailure(err)
		switch failureAction(err) {
		case actionNewToken:
			err = a.askToken()
		case actionEditStack:
			a.say("  1. Change the stack")
			a.say("  2. Change the token")
			var k int
			if k, err = a.choose("Choose 1 or 2", 2, 1); err == nil {
				if k == 1 {
					err = a.askStack()
				} else {
					err = a.askToken()
				}
			}
		default:
			a.say("  1. Try again")
			a.say("  2. Change the token")
			a.say("  3. Change the stack")
			var k int
			if k, err = a.choose("Choose 1, 2 or 3", 3, 1); err == nil {
				switch k {
				case 2:
					err = a.askToken()
				case 3:
					err = a.askStack()
				}
			}
		}
		if err != nil {
			return err
		}
	}
}

// fetchProjects starts loading the project list while the token type is asked.
func (a *accessible) fetchProjects() {
	if a.stopProjects != nil {
		a.stopProjects()
	}
	ctx, stop := context.WithCancel(a.ctx)
	a.stopProjects = stop
	ch := make(chan projectsMsg, 1) // buffered: the goroutine never waits for a reader
	a.projects = ch
	api, token, id := a.deps.API, a.token, a.auth.StackID
	go func() {
		ps, err := api.Projects(ctx, token, id)
		ch <- projectsMsg{projects: ps, err: err}
	}()
}

func (a *accessible) askMode() error {
	a.say("Which kind of token is it? Grafana Cloud does not say, and a stack token needs a project.")
	a.say("  1. Personal token: acts as you; works on every stack you belong to.")
	a.say("  2. Stack token: belongs to this stack, for CI; needs a project.")
	k, err := a.choose("Choose 1 or 2", 2, 1)
	if err != nil {
		return err
	}
	a.mode = TokenPersonal
	if k == 2 {
		a.mode = TokenStack
	}
	a.say("")
	return nil
}

func (a *accessible) askProject() error {
	var res projectsMsg
	select {
	case res = <-a.projects:
	default:
		a.say("Loading the projects of %s…", authclient.StackSlug(a.stackURL))
		select {
		case res = <-a.projects:
		case <-a.ctx.Done():
			return a.ctx.Err()
		}
	}
	if res.err != nil {
		a.say("The project list could not be loaded: %s You can still type a project ID.", sentence(describeFailure(res.err).What))
	}
	all := make([]projectItem, 0, len(res.projects)+1)
	if a.mode == TokenPersonal {
		all = append(all, projectItem{useDefault: true, id: a.auth.DefaultProjectID, label: useDefaultLabel(a.auth.DefaultProjectID)})
	}
	for _, p := range res.projects {
		all = append(all, newProjectItem(p))
	}
	shown := all
	a.say("Which project should k6 cloud runs go to? The stack's default is %d.", a.auth.DefaultProjectID)
	for {
		def := a.listProjects(shown, len(all))
		q := "Project: a number from the list, #ID for a project ID, or text to search"
		if len(shown) == 0 {
			q = "Project: #ID for a project ID, or text to search"
		}
		if def > 0 {
			q += fmt.Sprintf(" [%d]", def)
		}
		ans, err := a.ask(q + ":")
		if err != nil {
			return err
		}
		switch {
		case ans == "" && def > 0:
			a.pick(shown[def-1])
			return nil
		case ans == "":
			a.say("Please choose a project.")
		case strings.HasPrefix(ans, "#") || strings.HasPrefix(strings.ToLower(ans), "id "):
			ok, err := a.checkID(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(ans), "id "), "#")))
			if err != nil || ok {
				return err
			}
		default:
			if k, err := strconv.Atoi(ans); err == nil && k >= 1 && k <= min(len(shown), maxListed) {
				a.pick(shown[k-1])
				return nil
			}
			// Anything else searches the names ("0042" finds "Project 0042").
			found := searchProjects(all, ans)
			if len(found) == 0 {
				a.say("No choice and no project name matches %q. For a project ID, type #ID.", ans)
				continue
			}
			shown = found
		}
	}
}

// listProjects reads out up to maxListed choices and gives the default one's number.
func (a *accessible) listProjects(shown []projectItem, total int) int {
	def := 0
	for i, p := range shown {
		if i == maxListed {
			a.say("… and %d more of %d; type part of a name to search, or #ID.", len(shown)-maxListed, total)
			break
		}
		a.say("  %d. %s", i+1, p.label)
		if def == 0 && (p.useDefault || (a.mode == TokenStack && p.id == a.auth.DefaultProjectID)) {
			def = i + 1
		}
	}
	return def
}

func searchProjects(all []projectItem, text string) []projectItem {
	text = strings.ToLower(text)
	var out []projectItem
	for _, p := range all {
		if !p.useDefault && strings.Contains(strings.ToLower(p.name), text) {
			out = append(out, p)
		}
	}
	return out
}

func (a *accessible) pick(p projectItem) {
	a.choice = projectChoice{set: true, useDefault: p.useDefault, id: p.id, name: p.name}
	a.say("Project: %s", p.label)
	a.say("")
}

// checkID looks a typed project ID up; ok is false when the question must be asked again.
func (a *accessible) checkID(s string) (ok bool, err error) {
	id, valid := parseProjectID(s)
	if !valid {
		a.say("A project ID is a whole number, like #4242.")
		return false, nil
	}
	a.say("Checking project %d…", id)
	p, err := a.deps.API.Project(a.ctx, a.token, a.auth.StackID, id)
	if err != nil {
		if cerr := a.ctx.Err(); cerr != nil {
			return false, cerr
		}
		if kindOf(err) == authclient.KindProjectNotFound {
			a.say("There is no project %d in this stack.", id)
			return false, nil
		}
		a.sayFailure(err)
		return false, nil
	}
	if p.ID == 0 {
		p.ID = id
	}
	a.pick(newProjectItem(p))
	return true, nil
}

func (a *accessible) credentials() configstore.Credentials {
	c := configstore.Credentials{Token: a.token, StackID: a.auth.StackID, StackURL: a.stackURL, DefaultProjectID: a.auth.DefaultProjectID}
	if !a.choice.useDefault {
		c.ProjectID = a.choice.id
	}
	return c
}

func (a *accessible) summary(c configstore.Credentials) {
	project := fmt.Sprintf("stack default (%d)", c.DefaultProjectID)
	if c.ProjectID != 0 {
		project = strconv.FormatInt(c.ProjectID, 10)
		if a.choice.name != "" {
			project += " (" + a.choice.name + ")"
		}
	}
	a.say("  Stack URL: %s", c.StackURL)
	a.say("  Stack ID: %d", c.StackID)
	a.say("  Token: %s", configstore.MaskToken(c.Token))
	a.say("  Token type: %s", a.mode)
	a.say("  Project: %s", project)
	a.say("  Default project: %d", c.DefaultProjectID)
}

func (a *accessible) review() (Result, error) {
	c := a.credentials()
	path := a.deps.Store.Path()
	a.say("This is what will be written to %s (under collectors.cloud; other settings are kept):", path)
	a.summary(c)
	for _, o := range configstore.EnvOverrides(a.deps.getenv) {
		a.say("Warning: %s", strings.TrimPrefix(overrideWarning(o), "⚠ "))
	}
	q := "Save? [Y/n]:"
	for {
		ans, err := a.ask(q)
		if err != nil {
			return Result{}, err
		}
		switch strings.ToLower(ans) {
		case "", "y", "yes":
		case "n", "no":
			a.say("Nothing was written.")
			return Result{TokenMode: a.mode}, nil
		default:
			a.say("Please answer y or n.")
			continue
		}
		msg := saveLogin(a.deps, c, a.mode, a.projectName())
		res, err := msg.res, msg.err
		if err != nil {
			a.say("Could not save: %v", err)
			q = "Try again? [Y/n]:"
			continue
		}
		if res.Path == "" {
			res.Path = path
		}
		a.say("Saved to %s.", res.Path)
		if res.Created {
			a.say("The file was created.")
		}
		if res.TightenedFrom != 0 {
			a.say("Its permissions were tightened from %04o to 0600: it holds a token.", res.TightenedFrom.Perm())
		}
		if msg.account != "" {
			a.say("Saved as the account %s.", msg.account)
		}
		if msg.recErr != nil {
			a.say("Warning: %s", sentence(msg.recErr.Error()))
		}
		a.say("k6 is ready for cloud tests. Next, run: k6 cloud run script.js")
		return Result{Saved: true, Credentials: c, SaveResult: res, TokenMode: a.mode,
			Action: ActionLogin, Account: msg.account, RecordErr: msg.recErr, ProjectName: a.projectName()}, nil
	}
}

// projectName is the chosen project's name, recorded with the account; "" for the stack's default.
func (a *accessible) projectName() string {
	if a.choice.useDefault {
		return ""
	}
	return a.choice.name
}
