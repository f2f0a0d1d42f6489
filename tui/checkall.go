package tui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

const stepCheckAll step = "check-all" // every login checked at once, each row answering as it can

// checkAllState is the list of logins being checked and what each answered.
type checkAllState struct {
	list      pickList
	entries   []flow.Entry
	checks    []flow.Check // one per entry; Status "" while its check runs
	nameCols  []int        // each name's width on screen, measured once
	nameWidth int
	// run is the round of checks in flight: its results carry its sequence
	// number, and stopping it cancels the requests.
	run     request
	results <-chan authclient.CheckResult
	entryOf []int // entryOf[target index] is the entry it checks
	pending int   // checks not answered yet
}

// checkAllMsg is one answer of a round of checks; ok is false once the round
// has no more.
type checkAllMsg struct {
	seq int
	res authclient.CheckResult
	ok  bool
}

// nextCheckCmd waits for the next answer of a round. Each answer brings the
// Cmd for the one after, so Update is fed one answer at a time and never waits.
func nextCheckCmd(results <-chan authclient.CheckResult, seq int) tea.Cmd {
	return func() tea.Msg {
		r, ok := <-results
		return checkAllMsg{seq: seq, res: r, ok: ok}
	}
}

// checkAllScreen checks every login against the API and shows the answers as they come.
type checkAllScreen struct{}

func (checkAllScreen) title() string      { return flow.CheckAllTitle }
func (checkAllScreen) busy(m *Model) bool { return m.acc.ca.pending > 0 }

func (checkAllScreen) help(m *Model) stepKeys {
	k := &m.keys
	l := &m.acc.ca.list
	if l.filtering {
		return only(k.filterKeys(l)...)
	}
	back := k.BackHome
	if l.term != "" {
		back = k.ClearFilter
	}
	main := []key.Binding{k.Move, k.Filter}
	full := []key.Binding{k.Up, k.Down, k.Home, k.End, k.Filter}
	if m.acc.ca.pending == 0 {
		// Enter has nothing to choose here: c runs the checks again.
		main = append(main, k.CheckAgain)
		full = append(full, k.CheckAgain)
	}
	s := k.withToggle(back, main...)
	s.full[0] = full
	return s
}

// secretsReporter is a session that can say why the keyring would not give a
// token (configstore.Session).
type secretsReporter interface{ SecretsError() error }

// checkRound prepares one round of checks, on either face: a login whose
// token the keyring will not give is answered at once (checks), the others
// are the targets to send; entryOf maps a target's index to its entry.
func checkRound(deps Deps, entries []flow.Entry) (checks []flow.Check, targets []authclient.Target, entryOf []int) {
	var reason error
	if s, ok := deps.Accounts.(secretsReporter); ok {
		reason = s.SecretsError()
	}
	checks = make([]flow.Check, len(entries))
	for i, e := range entries {
		if e.Account.TokenUnavailable() {
			checks[i] = flow.TokenUnavailable(e.Account, reason)
			continue
		}
		targets = append(targets, authclient.Target{Name: e.Account.Name, Token: e.Account.Token, StackURL: e.Account.StackURL})
		entryOf = append(entryOf, i)
	}
	return checks, targets, entryOf
}

// goCheckAll lists every login and starts checking them all.
func (m *Model) goCheckAll() tea.Cmd {
	m.stopAccountRequests()
	ca := &m.acc.ca
	if ca.list.draw == nil {
		ca.list = newPickList("login", "logins", "  No login matches.")
		ca.list.draw = m.drawCheckRow
		ca.list.subtle = m.st.Subtle.Render
		f := &ca.list.filter
		f.promptStyle, f.textStyle, f.holderStyle, f.cursorStyle = m.st.Prompt, m.st.Input, m.st.Holder, m.st.Cursor
	}
	ca.entries = m.acc.accts.CheckEntries()
	ca.nameCols = make([]int, len(ca.entries))
	targets := make([]string, len(ca.entries))
	for i, e := range ca.entries {
		ca.nameCols[i] = ansi.StringWidth(e.Name())
		targets[i] = strings.ToLower(e.Account.Name + " " + e.Account.StackURL)
	}
	ca.list.reset(targets)
	m.setStep(stepCheckAll)
	return m.startChecks()
}

// startChecks starts a round: every login whose token can be read is sent,
// the others are answered at once.
func (m *Model) startChecks() tea.Cmd {
	ca := &m.acc.ca
	ca.run.stop()
	var targets []authclient.Target
	ca.checks, targets, ca.entryOf = checkRound(m.deps, ca.entries)
	ca.pending = len(targets)
	if len(targets) == 0 {
		return nil
	}
	if m.deps.API == nil {
		// Nothing to ask: say so rather than spin for ever.
		for _, e := range ca.entryOf {
			ca.checks[e] = flow.Check{Status: authclient.CheckCancelled.String()}
		}
		ca.pending = 0
		return nil
	}
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	ca.run = request{seq: seq, cancel: cancel}
	ca.results = authclient.CheckAll(ctx, m.deps.API, targets, 0)
	return tea.Batch(nextCheckCmd(ca.results, seq), m.startSpinner())
}

// stopChecks cancels the round in flight; its late answers are dropped.
func (m *Model) stopChecks() {
	m.acc.ca.run.stop()
	m.acc.ca.results = nil
	m.acc.ca.pending = 0
}

func (m *Model) onCheckAll(msg checkAllMsg) tea.Cmd {
	ca := &m.acc.ca
	if !ca.run.waitingFor(msg.seq) {
		return nil
	}
	if !msg.ok {
		ca.run.stop()
		ca.pending = 0
		return nil
	}
	if i := msg.res.Index; i >= 0 && i < len(ca.entryOf) {
		e := ca.entryOf[i]
		if !ca.checks[e].Done() {
			ca.pending--
		}
		ca.checks[e] = flow.CheckOf(ca.entries[e].Account, msg.res)
	}
	return nextCheckCmd(ca.results, msg.seq)
}

func (checkAllScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd {
	l := &m.acc.ca.list
	if cmd, ok := l.key(msg, &m.keys); ok {
		return cmd
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Back):
		m.stopChecks()
		return m.goHome()
	case key.Matches(msg, k.CheckAgain) && m.acc.ca.pending == 0:
		return m.startChecks()
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.acc.ca.run.stop()
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (checkAllScreen) view(m *Model) string {
	ca := &m.acc.ca
	intro := m.para(flow.CheckAllIntro)
	if len(ca.entries) == 0 {
		return intro + "\n\n" + m.para(flow.NothingToCheck)
	}
	return m.fitList(checkAllScreen{}, func(rows int) string {
		parts := []string{intro, m.checkListView(rows)}
		if i, ok := ca.list.selected(); ok {
			// A row holds what fits; the selected login's whole answer is here.
			parts = append(parts, m.wrap(m.st.Subtle.Render(ca.entries[i].Name()+": "+ca.checks[i].Text())))
		}
		return strings.Join(parts, "\n\n")
	})
}

// checkListView is the summary line and up to rows logins around the cursor.
func (m *Model) checkListView(rows int) string {
	ca := &m.acc.ca
	ca.list.filter.width = m.acc.list.filter.width
	nameWidth := 0
	for _, i := range ca.list.shown[ca.list.top:min(len(ca.list.shown), ca.list.top+max(1, rows))] {
		nameWidth = max(nameWidth, ca.nameCols[i])
	}
	ca.nameWidth = min(nameWidth, 24)
	summary := flow.CheckSummary(ca.checks)
	if ca.pending > 0 {
		summary = m.spinnerView() + " " + summary
	}
	return m.wrap(m.st.Text.Render(summary)) + "\n" + ca.list.view(rows, m.contentWidth())
}

// drawCheckRow is one login of the list (pickList.draw): its mark, its name,
// its stack on a wide screen, and what its check says so far.
func (m *Model) drawCheckRow(i int, selected bool, width int) string {
	ca := &m.acc.ca
	e, c := ca.entries[i], ca.checks[i]
	mark := "○ "
	if e.Active {
		mark = "● "
	}
	name, stack := e.Name(), ""
	wide := width >= 60
	nameWidth := ca.nameWidth
	if !wide {
		nameWidth = min(nameWidth, max(8, width-24))
	}
	name = ansi.Truncate(name+strings.Repeat(" ", max(0, nameWidth-ca.nameCols[i])), nameWidth, "…")
	if wide {
		slug := ansi.Truncate(authclient.SafeText(authclient.StackSlug(e.Account.StackURL)), 16, "…")
		stack = "  " + m.st.Subtle.Render(slug+strings.Repeat(" ", max(0, 16-ansi.StringWidth(slug))))
	}
	state := c.Word()
	if wide {
		state = c.Text()
	}
	switch {
	case !c.Done():
		state = m.spinnerView() + " " + m.st.Subtle.Render(state)
	case c.Valid():
		state = m.st.OK.Render("✓ " + state)
	case c.Status == flow.StatusTokenUnavailable || c.Status == authclient.CheckCancelled.String():
		state = m.st.Warn.Render("- " + state)
	default:
		state = m.st.Err.Render("✗ " + state)
	}
	if selected {
		return ansi.Truncate(m.st.Selected.Render("> "+mark+name)+stack+"  "+state, width, "…")
	}
	return ansi.Truncate("  "+mark+name+stack+"  "+state, width, "…")
}
