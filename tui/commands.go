package tui

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// Every request carries the sequence number it was started with; the model
// keeps the number it waits for and drops any reply that carries another, so a
// reply that arrives after Esc, Ctrl+C or a newer request changes nothing.

type snapshotMsg struct {
	snap configstore.Snapshot
	err  error
}

type validatedMsg struct {
	seq  int
	info authclient.AuthInfo
	err  error
}

type projectsMsg struct {
	seq      int
	projects []authclient.Project
	err      error
}

type projectCheckedMsg struct {
	seq     int
	id      int64
	project authclient.Project
	err     error
}

type savedMsg struct {
	res configstore.SaveResult
	err error
	// account is the name the login was recorded under; recErr why it could
	// not be (or why the login it replaced could not be kept).
	account string
	recErr  error
}

func loadCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		snap, err := store.Load()
		return snapshotMsg{snap: snap, err: err}
	}
}

func validateCmd(ctx context.Context, api authclient.API, seq int, token, stackURL string) tea.Cmd {
	return func() tea.Msg {
		info, err := api.Validate(ctx, token, stackURL)
		return validatedMsg{seq: seq, info: info, err: err}
	}
}

func projectsCmd(ctx context.Context, api authclient.API, seq int, token string, stackID int64) tea.Cmd {
	return func() tea.Msg {
		ps, err := api.Projects(ctx, token, stackID)
		return projectsMsg{seq: seq, projects: ps, err: err}
	}
}

func projectCheckCmd(ctx context.Context, api authclient.API, seq int, token string, stackID, id int64) tea.Cmd {
	return func() tea.Msg {
		p, err := api.Project(ctx, token, stackID, id)
		return projectCheckedMsg{seq: seq, id: id, project: p, err: err}
	}
}

// saveCmd writes a login to k6's config and, with a session, records it as a
// saved account, in one command so Ctrl+C waits for both. Credentials that only
// k6's config held are kept as an account first. Only the write to k6's
// config decides success: the accounts file failing is a warning.
func saveCmd(deps Deps, c configstore.Credentials, mode TokenMode, projectName string) tea.Cmd {
	return func() tea.Msg { return saveLogin(deps, c, mode, projectName) }
}

func saveLogin(deps Deps, c configstore.Credentials, mode TokenMode, projectName string) savedMsg {
	if deps.Accounts == nil {
		res, err := deps.Store.Save(c)
		return savedMsg{res: res, err: err}
	}
	// The session keeps whatever only k6's config held before replacing it, and
	// refuses to replace it when it cannot be kept.
	res, a, err := deps.Accounts.SaveLogin(c, mode.configMode(), projectName, deps.now())
	switch {
	case err != nil && !configstore.IsAccountsError(err):
		return savedMsg{err: err}
	case err != nil:
		return savedMsg{res: res, recErr: fmt.Errorf("the login could not be recorded as a saved account: %w", err)}
	}
	return savedMsg{res: res, account: a.Name}
}

// loginResult is what a saved login reports, on either face.
func loginResult(deps Deps, l *flow.Login, msg savedMsg) Result {
	res := msg.res
	if res.Path == "" {
		res.Path = deps.Store.Path()
	}
	return Result{Saved: true, Credentials: l.Credentials(), SaveResult: res, TokenMode: fromConfigMode(l.Mode),
		Action: ActionLogin, Account: msg.account, RecordErr: msg.recErr, ProjectName: l.ProjectName()}
}

// request is one cancellable request in flight; the zero value is "none".
type request struct {
	seq    int
	cancel context.CancelFunc
}

func (r *request) stop() {
	if r.cancel != nil {
		r.cancel()
	}
	*r = request{}
}

func (r request) waitingFor(seq int) bool { return r.seq != 0 && r.seq == seq }
