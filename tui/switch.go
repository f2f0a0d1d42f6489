package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

const (
	stepSwitch      step = "switch"       // pick an account
	stepSwitching   step = "switching"    // checking it, then writing it to k6's config
	stepSwitchError step = "switch-error" // refused, unreachable, or not written
	stepSwitched    step = "switched"     // k6 now uses it
)

// switchState is the switch screens' list and the account switched to (the
// forget screen uses the list and target too).
type switchState struct {
	list       accountList
	target     configstore.Account
	swCheck    request
	swErr      error // the check failed
	swWriteErr error // the check passed (or was skipped) but k6's config was not written
	swChecked  bool  // the target was validated just now
}

const switchTitle = "Switch account"

// switchScreen picks the saved account k6 should use.
type switchScreen struct{}

func (switchScreen) title() string                           { return switchTitle }
func (switchScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitch(msg) }
func (switchScreen) view(m *Model) string                    { return m.switchView() }
func (switchScreen) help(m *Model) stepKeys {
	return m.keys.list(&m.acc.list.pickList, m.keys.BackHome)
}

// switchingScreen checks the chosen account's token, then writes it.
type switchingScreen struct{}

func (switchingScreen) title() string                           { return switchTitle }
func (switchingScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitching(msg) }
func (switchingScreen) view(m *Model) string                    { return m.switchingView() }
func (switchingScreen) busy(m *Model) bool                      { return true }

func (switchingScreen) help(m *Model) stepKeys {
	if m.acc.busy {
		return only(m.keys.Quit)
	}
	return only(m.keys.Cancel, m.keys.Quit)
}

// switchErrorScreen says why the switch did not happen.
type switchErrorScreen struct{}

func (switchErrorScreen) title() string                           { return switchTitle }
func (switchErrorScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitchError(msg) }
func (switchErrorScreen) view(m *Model) string                    { return m.switchErrorView() }

func (switchErrorScreen) help(m *Model) stepKeys {
	k := &m.keys
	switch {
	case m.acc.swWriteErr != nil:
		return k.withToggle(k.Back, k.RetryEnter)
	case flow.Refused(m.acc.swErr):
		return k.withToggle(k.Back, k.SwitchAnyway)
	}
	return k.withToggle(k.Back, k.Retry, k.SwitchAnyway)
}

// switchedScreen says which account k6 now uses.
type switchedScreen struct{}

func (switchedScreen) title() string                           { return switchTitle }
func (switchedScreen) update(m *Model, msg tea.KeyMsg) tea.Cmd { return m.keySwitched(msg) }
func (switchedScreen) view(m *Model) string                    { return m.switchedView() }
func (switchedScreen) help(m *Model) stepKeys                  { return only(m.keys.ToHome, m.keys.QuitLetter) }

// accountList is the switch and forget screens' list of accounts.
type accountList struct {
	pickList
	entries   []flow.Entry
	nameCols  []int // each name's width on screen, measured once
	nameWidth int   // the name column, from the accounts shown
}

func (l *accountList) selected() (flow.Entry, bool) {
	if i, ok := l.pickList.selected(); ok {
		return l.entries[i], true
	}
	return flow.Entry{}, false
}

// buildAccountList fills the list from the overview; withUnsaved adds the login
// that only k6's config holds (it can be switched back to, not forgotten).
func (m *Model) buildAccountList(withUnsaved bool) {
	l := &m.acc.list
	l.entries = m.acc.accts.Entries(withUnsaved)
	l.nameCols = make([]int, len(l.entries))
	targets := make([]string, len(l.entries))
	for i, e := range l.entries {
		l.nameCols[i] = ansi.StringWidth(e.Name())
		targets[i] = strings.ToLower(e.Account.Name + " " + e.Account.StackURL)
	}
	l.reset(targets)
	// Start on the first account that is not in use: that is where a switch goes.
	for i, e := range l.entries {
		if !e.Active {
			l.selectEntry(i)
			break
		}
	}
}

// listKey moves in the list and filters it. It reports chosen on Enter with
// an account selected, and back on Esc with no filter to clear.
func (m *Model) listKey(msg tea.KeyMsg) (cmd tea.Cmd, chosen, back bool) {
	l := &m.acc.list
	if cmd, ok := l.key(msg, &m.keys); ok {
		return cmd, false, false
	}
	k := &m.keys
	switch {
	case key.Matches(msg, k.Choose):
		_, ok := l.selected()
		return nil, ok, false
	case key.Matches(msg, k.Back):
		return nil, false, true
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.QuitLetter):
		m.quitting = true
		return tea.Quit, false, false
	}
	return nil, false, false
}

// listView draws the filter line and up to rows accounts around the cursor.
func (m *Model) listView(rows int) string {
	l := &m.acc.list
	nameWidth := 0
	for _, i := range l.shown {
		nameWidth = max(nameWidth, l.nameCols[i])
	}
	l.nameWidth = min(nameWidth, 28)
	return l.view(rows, m.contentWidth())
}

// drawAccountRow is one row of the account list (pickList.draw).
func (m *Model) drawAccountRow(i int, selected bool, width int) string {
	l := &m.acc.list
	e := l.entries[i]
	mark := "○ "
	if e.Active {
		mark = "● "
	}
	name := e.Name()
	var tags []string
	switch {
	case width >= 60:
		name += strings.Repeat(" ", max(0, l.nameWidth-l.nameCols[i]))
		name = ansi.Truncate(name, l.nameWidth, "…")
		tags = e.Tags(false)
	case e.Unsaved:
		tags = []string{"not saved", "in use"}
	case e.Active:
		tags = []string{"in use"}
	}
	detail := ""
	if len(tags) > 0 {
		detail = "  " + m.st.Subtle.Render(strings.Join(tags, " · "))
	}
	if selected {
		return ansi.Truncate(m.st.Selected.Render("> "+mark+name)+detail, width, "…")
	}
	return ansi.Truncate("  "+mark+name+detail, width, "…")
}

// fitList draws a screen's body holding a list with as many rows as fit the
// terminal under the header and above the footer (at least 3).
func (m *Model) fitList(s screen, body func(rows int) string) string {
	used := lipgloss.Height(m.headerView(s.title()) + "\n" + body(1) + "\n\n" + m.footerView(s.help(m)))
	return body(max(3, 1+m.height-used))
}

func (m *Model) goSwitch() tea.Cmd {
	m.stopAccountRequests()
	m.acc.swErr, m.acc.swWriteErr = nil, nil
	m.buildAccountList(true)
	m.setStep(stepSwitch)
	return nil
}

func (m *Model) keySwitch(msg tea.KeyMsg) tea.Cmd {
	cmd, chosen, back := m.listKey(msg)
	switch {
	case back:
		return m.goHome()
	case chosen:
		e, _ := m.acc.list.selected()
		if e.Active {
			m.setNote(flow.AlreadyUsed(e.Account), false)
			return nil
		}
		m.setNote("", false)
		m.acc.target = e.Account
		return m.startSwitch()
	}
	if msg.String() != "enter" {
		m.setNote("", false)
	}
	return cmd
}

// startSwitch checks the target's token before anything is written.
func (m *Model) startSwitch() tea.Cmd {
	m.acc.swErr, m.acc.swWriteErr, m.acc.swChecked = nil, nil, false
	m.setStep(stepSwitching)
	return m.startCheck(&m.acc.swCheck, m.acc.target)
}

func (m *Model) onSwitchValidated(msg validatedMsg) tea.Cmd {
	m.acc.swCheck.stop()
	if msg.err != nil {
		m.acc.swErr = msg.err
		m.setStep(stepSwitchError)
		return nil
	}
	m.acc.target = flow.Checked(m.acc.target, msg.info, m.deps.now(), flow.Lookup{})
	m.acc.swChecked = true
	return m.activate()
}

// activate writes the target to k6's config (keeping what k6 used as an account).
func (m *Model) activate() tea.Cmd {
	m.acc.swWriteErr = nil
	m.setStep(stepSwitching)
	return activateCmd(m.deps.Accounts, m.acc.target, m.writeSeq())
}

func (m *Model) onActivated(msg activatedMsg) tea.Cmd {
	quit := m.doneWriting()
	_ = m.onOverview(msg.ov)
	// Activate fails after writing k6's config when only the accounts file
	// could not be updated: k6 uses the account then, which is what counts.
	written := flow.Written(msg.account, msg.err, msg.ov.ov)
	switch {
	case !written:
		m.acc.swWriteErr = msg.err
		m.setStep(stepSwitchError)
	default:
		m.setNote("", false)
		if msg.err != nil {
			m.setNote("k6 uses it, but the saved account could not be updated: "+flow.ErrText(msg.err), true)
		}
		m.result = Result{Saved: true, Credentials: msg.account.Credentials(), SaveResult: msg.res,
			TokenMode: fromConfigMode(msg.account.TokenMode), Action: ActionSwitch, Account: msg.account.Name}
		m.setStep(stepSwitched)
	}
	if quit {
		return tea.Quit
	}
	return nil
}

func fromConfigMode(t configstore.TokenMode) TokenMode {
	switch t {
	case configstore.TokenModePersonal:
		return TokenPersonal
	case configstore.TokenModeStack:
		return TokenStack
	}
	return TokenModeUnset
}

func (m *Model) keySwitching(msg tea.KeyMsg) tea.Cmd {
	if m.acc.busy {
		return nil
	}
	if key.Matches(msg, m.keys.Cancel) {
		m.acc.swCheck.stop()
		m.setStep(stepSwitch)
	}
	return nil
}

func (m *Model) keySwitchError(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	switch {
	case key.Matches(msg, k.Help):
		m.toggleHelp()
	case key.Matches(msg, k.Back):
		m.setStep(stepSwitch)
	case m.acc.swWriteErr != nil:
		if key.Matches(msg, k.RetryEnter) {
			return m.activate()
		}
	case key.Matches(msg, k.SwitchAnyway):
		return m.activate()
	case !flow.Refused(m.acc.swErr) && key.Matches(msg, k.Retry):
		return m.startSwitch()
	}
	return nil
}

func (m *Model) keySwitched(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.ToHome):
		return m.goHome()
	case key.Matches(msg, m.keys.QuitLetter):
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) switchView() string {
	intro := m.para(flow.SwitchIntro)
	if len(m.acc.list.entries) == 0 {
		return intro + "\n\n" + m.para("No account is saved yet. Go back and add one.")
	}
	return m.fitList(switchScreen{}, func(rows int) string {
		parts := []string{intro, m.listView(rows)}
		if m.acc.note != "" {
			parts = append(parts, m.noteView())
		}
		return strings.Join(parts, "\n\n")
	})
}

func (m *Model) switchingView() string {
	a := m.acc.target
	if m.acc.busy {
		return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Writing "+authclient.SafeText(a.Name)+" to k6's config…"))
	}
	return m.wrap(m.spinnerView() + " " + m.st.Text.Render(flow.SwitchChecking(a)))
}

func (m *Model) switchErrorView() string {
	a := m.acc.target
	var b strings.Builder
	if m.acc.swWriteErr != nil {
		b.WriteString(m.wrap(m.st.Err.Render("✗ Could not switch to " + authclient.SafeText(a.Name))))
		b.WriteString("\n\n" + m.para(flow.ErrText(m.acc.swWriteErr)))
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render("Press Enter to try again, or Esc to go back.")))
		return b.String()
	}
	if m.acc.swErr == nil {
		return ""
	}
	f := flow.Describe(m.acc.swErr)
	b.WriteString(m.wrap(m.st.Err.Render("✗ " + f.Title + ": " + authclient.SafeText(a.Name))))
	b.WriteString("\n\n" + m.para(f.What))
	b.WriteString("\n\n" + m.para(f.Hint))
	next := "Press r or Enter to try again, s to switch anyway without the check, or Esc to go back. Nothing was changed."
	if flow.Refused(m.acc.swErr) {
		next = "k6 would be refused with this token. Press s to switch anyway, or Esc to go back. Nothing was changed."
	}
	b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(next)))
	return b.String()
}

func (m *Model) switchedView() string {
	a := m.acc.target
	var parts []string
	head := m.st.OK.Render("✓ " + flow.Switched(a))
	how := flow.HowChecked
	if !m.acc.swChecked {
		how = flow.HowUnchecked
		if m.acc.swErr != nil && flow.Refused(m.acc.swErr) {
			how = flow.HowRefused
		}
	}
	if w := how.Warning(); w != "" {
		head += "\n" + m.st.Warn.Render("⚠ "+w)
	}
	parts = append(parts, m.wrap(head))
	parts = append(parts, m.compactTable(m.acc.accts.SwitchRows(a, m.acc.lookup)))
	if m.acc.note != "" {
		parts = append(parts, m.noteView())
	}
	if w := m.overridesLine(); w != "" {
		parts = append(parts, w)
	}
	parts = append(parts, m.wrap(m.st.Subtle.Render(flow.SwitchKept)))
	return strings.Join(parts, "\n\n")
}
