package tui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

// The wizard as questions: each step of flow.Login asked in turn.

// maxListed bounds how many projects are read out at once; more is noise.
const maxListed = 20

func (l *lineMode) welcome() {
	l.say("k6login: log in to Grafana Cloud k6.")
	l.say("This checks your API token against your stack, lets you pick a project, and saves the result where k6 reads it. Nothing is written until you confirm.")
	l.say("Credentials will be saved to: %s", l.configPath())
	if snap, err := l.deps.Store.Load(); err != nil {
		l.warn("The file could not be read: " + flow.ErrText(err))
	} else if c := snap.Credentials; snap.Exists && c.StackURL != "" {
		l.say("%s", flow.HoldsLogin(c))
		l.login.StackURL = c.StackURL
	}
	l.warn(flow.OverridesBeside(l.envOverrides(), l.deps.Endpoint)...)
	l.sayContext()
	l.say("Press Ctrl+C at any question to leave without saving.")
	l.say("")
}

// wizard asks each step's question until the login is saved or declined.
func (l *lineMode) wizard() error {
	if l.login.Step == flow.Welcome {
		l.login.Start()
	}
	for {
		var err error
		switch l.login.Step {
		case flow.Stack:
			err = l.askStack()
		case flow.Token:
			err = l.askToken()
		case flow.Validating:
			err = l.validate()
		case flow.ValidateError:
			err = l.recover()
		case flow.TokenType:
			err = l.askMode()
		case flow.Project:
			err = l.askProject()
		case flow.Review:
			return l.review()
		default:
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func (l *lineMode) askStack() error {
	q := "Stack slug or URL, for example my-team:"
	switch {
	case l.login.StackURL != "":
		q = "Stack slug or URL [" + authclient.SafeText(l.login.StackURL) + "]:"
	case l.adding:
		q = "Stack slug or URL, for example my-team; empty to go back to the menu:"
	}
	ans, err := l.ask(q)
	switch {
	case err != nil:
		return err
	case ans == "" && l.login.StackURL != "":
		ans = l.login.StackURL
	case ans == "" && l.adding:
		return errBack
	}
	if flow.LooksLikeToken(ans) {
		// Not repeated, not sent: it may be the token, typed one step early.
		l.say("%s", flow.TokenInStack)
		yes, err := l.confirm("Use it as the token?")
		if err != nil || !yes {
			return err
		}
		if err := l.login.KeepToken(ans); err != nil {
			l.say("%s", err)
			return nil
		}
		l.say("Kept as the token: %s. Now the stack.", flow.DescribeToken(l.login.Token))
		return nil
	}
	if err := l.login.SetStack(ans); err != nil {
		l.say("%s", err)
		return nil
	}
	l.say("Stack: %s", authclient.SafeText(l.login.StackURL))
	return nil
}

func (l *lineMode) askToken() error {
	// Words, not arrows, for a screen reader.
	l.say("%s %s", l.login.TokenQuestion(), l.login.TokenHelp())
	if note := l.login.RefusedNote(); note != "" {
		l.say("%s", note)
	}
	for {
		if err := l.interrupted(); err != nil {
			return err
		}
		// The token already typed is kept, as the screens keep the field's
		// text when the stack is changed; a refused one is not.
		kept := l.login.Token
		q := "Token (typing is hidden):"
		switch {
		case kept != "" && flow.TokenTail(kept) != "":
			q = "Token (typing is hidden; empty keeps the one ending in …" + flow.TokenTail(kept) + "):"
		case kept != "":
			q = "Token (typing is hidden; empty keeps the one typed before):"
		case l.adding:
			q = "Token (typing is hidden; empty to go back to the menu):"
		}
		fmt.Fprint(l.out, l.prompt(q))
		raw, err := l.read(l.readSecret)
		if err != nil {
			return err
		}
		l.say("")
		switch empty := strings.TrimSpace(raw) == ""; {
		case empty && kept != "":
			raw = kept
		case empty && l.adding:
			return errBack
		}
		if err := l.login.SetToken(raw); err != nil {
			l.say("%s", err)
			continue
		}
		l.say("Got the token: %s.", flow.DescribeToken(l.login.Token))
		return nil
	}
}

func (l *lineMode) validate() error {
	l.say("%s", l.login.Checking())
	info, err := l.deps.API.Validate(l.ctx, l.login.Token, l.login.StackURL)
	if ierr := l.interrupted(); ierr != nil {
		return ierr
	}
	l.login.Validated(info, err)
	if err != nil {
		l.sayFailure(err, "")
		return nil
	}
	l.say("%s", l.login.Accepted())
	l.say("")
	l.loadProjects()
	return nil
}

// recover offers the ways out of a failed check; a refused token leaves one.
func (l *lineMode) recover() error {
	ways := l.login.Remedies()
	k := 0
	if len(ways) > 1 {
		labels := make([]string, len(ways))
		for i, w := range ways {
			labels[i] = w.Label()
		}
		var err error
		if k, err = l.chooseFrom(labels, 1); err != nil {
			return err
		}
	}
	l.login.Recover(ways[k])
	return nil
}

// loadProjects starts loading the project list while the token type is asked.
func (l *lineMode) loadProjects() {
	l.stopLoading()
	ctx, stop := context.WithCancel(l.ctx)
	l.cancelLoad = stop
	ch := make(chan projectsMsg, 1) // buffered: the request never waits for a reader
	l.projects = ch
	api, token, id := l.deps.API, l.login.Token, l.login.Auth.StackID
	go func() {
		ps, err := api.Projects(ctx, token, id)
		ch <- projectsMsg{projects: ps, err: err}
	}()
}

func (l *lineMode) askMode() error {
	l.say("%s", flow.TokenType.Question())
	labels := make([]string, len(flow.Modes))
	for i, m := range flow.Modes {
		name, about := flow.ModeLabel(m)
		labels[i] = name + ": " + about
	}
	k, err := l.chooseFrom(labels, 1)
	if err != nil {
		return err
	}
	l.login.SetMode(flow.Modes[k])
	l.say("")
	return nil
}

// waitForProjects hands the project list to the flow once it is there.
func (l *lineMode) waitForProjects() error {
	if l.login.ProjectsLoaded {
		return nil
	}
	var res projectsMsg
	select {
	case res = <-l.projects:
	default:
		l.say("Loading the projects of %s…", authclient.SafeText(authclient.StackSlug(l.login.StackURL)))
		select {
		case res = <-l.projects:
		case <-l.ctx.Done():
			return l.interrupted()
		}
	}
	l.login.SetProjects(res.projects, res.err)
	return nil
}

func (l *lineMode) askProject() error {
	if err := l.waitForProjects(); err != nil {
		return err
	}
	question, warning := l.login.ProjectQuestion()
	if warning != "" {
		l.say("%s You can still type a project ID.", warning)
	}
	all, sel := l.login.ProjectItems()
	shown := all
	l.say("%s", question)
	for {
		def := l.listProjects(shown, len(all), all, sel)
		q := "Project: a number from the list, #ID for a project ID, or text to search"
		if len(shown) == 0 {
			q = "Project: #ID for a project ID, or text to search"
		}
		if def > 0 {
			q += " [" + strconv.Itoa(def) + "]"
		}
		ans, err := l.ask(q + ":")
		if err != nil {
			return err
		}
		lower := strings.ToLower(ans)
		switch {
		case ans == "" && def > 0:
			l.pick(shown[def-1])
			return nil
		case ans == "":
			l.say("Please choose a project.")
		case strings.HasPrefix(ans, "#") || strings.HasPrefix(lower, "id "):
			if err := l.checkID(strings.TrimPrefix(strings.TrimPrefix(lower, "id "), "#")); err != nil || l.login.Step != flow.Project {
				return err
			}
		default:
			if k, err := strconv.Atoi(ans); err == nil && k >= 1 && k <= min(len(shown), maxListed) {
				l.pick(shown[k-1])
				return nil
			}
			found := flow.Search(all, ans)
			if len(found) == 0 {
				l.say("No choice and no project name matches %q. For a project ID, type #ID.", authclient.SafeText(ans))
				continue
			}
			shown = found
		}
	}
}

// listProjects reads out up to maxListed choices and gives the number of the
// one the flow preselects, 0 when it is not among them.
func (l *lineMode) listProjects(shown []flow.ProjectItem, total int, all []flow.ProjectItem, sel int) int {
	def := 0
	for i, p := range shown {
		if i == maxListed {
			l.say("… and %d more of %d; type part of a name to search, or #ID.", len(shown)-maxListed, total)
			break
		}
		l.say("  %d. %s", i+1, p.Label)
		if def == 0 && sel < len(all) && p.UseDefault == all[sel].UseDefault && p.ID == all[sel].ID {
			def = i + 1
		}
	}
	return def
}

func (l *lineMode) pick(p flow.ProjectItem) {
	l.login.Choose(p)
	l.say("Project: %s", p.Label)
	l.say("")
}

// checkID looks a typed project ID up; the flow moves on when it exists.
func (l *lineMode) checkID(typed string) error {
	id, ok := flow.ParseProjectID(typed)
	if !ok {
		l.say("%s", flow.BadProjectID)
		return nil
	}
	l.say("Checking project %d…", id)
	p, err := l.deps.API.Project(l.ctx, l.login.Token, l.login.Auth.StackID, id)
	if ierr := l.interrupted(); ierr != nil {
		return ierr
	}
	if err := l.login.ProjectChecked(id, p, err); err != nil {
		l.say("%s", err)
		return nil
	}
	if p.ID == 0 {
		p.ID = id
	}
	l.say("Project: %s", flow.NewProjectItem(p).Label)
	l.say("")
	return nil
}

// review reads out what will be written and saves it after a yes (the default).
func (l *lineMode) review() error {
	c := l.login.Credentials()
	l.say("This is what will be written to %s (under collectors.cloud; other settings are kept):", l.configPath())
	l.sayRows(l.login.Summary())
	l.warn(l.overrides()...)
	q := "Save? [Y/n]:"
	for {
		ans, err := l.ask(q)
		if err != nil {
			return err
		}
		switch strings.ToLower(ans) {
		case "", "y", "yes":
		case "n", "no":
			l.say("Nothing was written.")
			if !l.inMenu {
				l.result = Result{TokenMode: fromConfigMode(l.login.Mode)}
			}
			return nil
		default:
			l.say("Please answer y or n.")
			continue
		}
		msg := saveLogin(l.deps, c, fromConfigMode(l.login.Mode), l.login.ProjectName())
		if msg.err != nil {
			l.say("Could not save: %s", flow.ErrText(msg.err))
			q = "Try again? [Y/n]:"
			continue
		}
		l.result = loginResult(l.deps, &l.login, msg)
		l.login.Step = flow.Saved
		res := l.result.SaveResult
		l.say("Saved to %s.", authclient.SafeText(res.Path))
		for _, note := range flow.SaveNotes(res) {
			l.say("%s", note)
		}
		if msg.account != "" {
			l.say("Saved as the account %s.", authclient.SafeText(msg.account))
		}
		if msg.recErr != nil {
			l.warn(flow.ErrText(msg.recErr))
		}
		if l.deps.Demo {
			l.say("%s", flow.DemoDone)
		} else {
			l.say("%s %s", flow.Ready, flow.NextCommand)
		}
		return nil
	}
}
