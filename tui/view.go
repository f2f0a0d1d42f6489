package tui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// View draws the current screen. It never shows the token: only its length,
// its last four characters, or configstore.MaskToken.
func (m *Model) View() string {
	var body string
	switch m.step {
	case stepWelcome:
		body = m.welcomeView()
	case stepStack:
		body = m.stackView()
	case stepToken:
		body = m.tokenView()
	case stepValidating:
		body = m.validatingView()
	case stepValidateError:
		body = m.validateErrorView()
	case stepTokenMode:
		body = m.tokenModeView()
	case stepProject:
		body = m.projectView()
	case stepReview:
		body = m.reviewView()
	case stepSaved:
		body = m.savedView()
	case stepHome:
		body = m.homeView()
	case stepAccount:
		body = m.accountView()
	case stepAccountError:
		body = m.accountErrorView()
	case stepSwitch:
		body = m.switchView()
	case stepSwitching:
		body = m.switchingView()
	case stepSwitchError:
		body = m.switchErrorView()
	case stepSwitched:
		body = m.switchedView()
	case stepReset:
		body = m.resetView()
	case stepForgetPick:
		body = m.forgetPickView()
	case stepConfirm:
		body = m.confirmView()
	case stepResetDone:
		body = m.resetDoneView()
	}
	return m.headerView() + "\n" + body + "\n\n" + m.footerView()
}

// wrap breaks text to the screen width, so a 40-column terminal still reads.
func (m *Model) wrap(s string) string {
	return wrapKeepingURLs(s, m.contentWidth())
}

// urlHyphen stands in for a hyphen inside a URL while text is wrapped: the
// wrapper breaks lines at hyphens, and https://my-\nteam.grafana.net would be
// copied wrong. A URL longer than a line is still cut, at the edge.
const urlHyphen = '\u2011'

// wrapKeepingURLs wraps s to width like ansi.Wrap, but never at a hyphen in a URL.
func wrapKeepingURLs(s string, width int) string {
	if !strings.Contains(s, "://") || !strings.Contains(s, "-") {
		return ansi.Wrap(s, width, "")
	}
	var b strings.Builder
	inURL := false
	for i, r := range s {
		switch {
		case r == ':' && strings.HasPrefix(s[i:], "://"):
			inURL = true
		case r == ' ' || r == '\n' || r == '\x1b':
			inURL = false
		case r == '-' && inURL:
			r = urlHyphen
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(ansi.Wrap(b.String(), width, ""), string(urlHyphen), "-")
}

// viewCache keeps a drawn piece of the screen while what it depends on stays
// the same, so moving in a long list redraws only the list.
type viewCache[K comparable] struct {
	key  K
	view string
	ok   bool
}

func (c *viewCache[K]) get(key K, draw func() string) string {
	if !c.ok || c.key != key {
		c.key, c.view, c.ok = key, draw(), true
	}
	return c.view
}

type headerKey struct {
	step  step
	width int
}

type introKey struct {
	width          int
	mode           TokenMode
	defaultProject int64
	loadFailed     bool
}

func (m *Model) headerView() string {
	return m.headerCache.get(headerKey{m.step, m.contentWidth()}, m.drawHeader)
}

func (m *Model) drawHeader() string {
	var b strings.Builder
	b.WriteString(m.st.Title.Render("k6login") + m.st.Subtle.Render(" · Grafana Cloud k6 login"))
	if n, title := m.step.numbered(); n > 0 {
		b.WriteString("\n" + m.st.Step.Render(fmt.Sprintf("Step %d of %d · %s", n, numberedSteps, title)))
	} else if title := m.step.screenTitle(); title != "" {
		b.WriteString("\n" + m.st.Step.Render(title))
	}
	if m.opts.Demo {
		b.WriteString("\n" + m.wrap(m.st.Demo.Render("DEMO")+m.st.Demo.Render(" · nothing real is touched: simulated API, throwaway file")))
	}
	b.WriteString("\n")
	return b.String()
}

// footerState is everything the footer depends on; the footer is drawn again
// only when it changes, not on every cursor move.
type footerState struct {
	step             step
	width            int
	showAll          bool
	idOpen, checking bool
	listReady, empty bool
	filtering        bool
	filtered         bool
	saving, saveErr  bool
	action           action
	accounts         string // the account screens' state, see accountsFooterKey
}

func (m *Model) footerView() string {
	fs := footerState{step: m.step, width: m.help.Width, showAll: m.help.ShowAll, idOpen: m.idOpen, checking: m.idSeq != 0,
		listReady: m.listReady, saving: m.saving, saveErr: m.saveErr != nil,
		filtering: m.projList.filtering, filtered: m.projList.term != ""}
	if m.listReady {
		fs.empty = len(m.projItems) == 0
	}
	if m.valErr != nil {
		fs.action = failureAction(m.valErr)
	}
	fs.accounts = m.accountsFooterKey()
	for _, c := range m.footerCache {
		if c.ok && c.state == fs {
			return c.view
		}
	}
	v := m.drawFooter()
	c := &m.footerCache[m.footerNext]
	c.state, c.view, c.ok = fs, v, true
	m.footerNext = (m.footerNext + 1) % len(m.footerCache)
	return v
}

func (m *Model) drawFooter() string {
	keys := m.helpKeys()
	if m.help.ShowAll {
		return m.help.FullHelpView(keys.full)
	}
	return m.shortHelp(keys.short)
}

// shortHelp draws the one-line footer, leaving out what does not fit (the
// help bubble would overflow a narrow terminal when even its "…" does not fit).
func (m *Model) shortHelp(bindings []key.Binding) string {
	const sepWidth, tail = 3, " …"
	width, n := 0, 0
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		w := ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
		if width > 0 {
			w += sepWidth
		}
		if width+w > m.help.Width-len(tail) && n < len(bindings)-1 || width+w > m.help.Width {
			return m.help.ShortHelpView(bindings[:n]) + m.st.Subtle.Render(tail)
		}
		width += w
		n++
	}
	return m.help.ShortHelpView(bindings)
}

func (m *Model) para(s string) string { return m.wrap(m.st.Text.Render(s)) }

func (m *Model) warnings() string {
	if len(m.overrides) == 0 {
		return ""
	}
	lines := make([]string, 0, len(m.overrides))
	for _, o := range m.overrides {
		lines = append(lines, m.wrap(m.st.Warn.Render(overrideWarning(o))))
	}
	return strings.Join(lines, "\n")
}

func overrideWarning(o configstore.Override) string {
	if o.Key == "hostv6" {
		return fmt.Sprintf("⚠ %s is set (%s): %s.", o.Var, o.Value, o.Effect())
	}
	return fmt.Sprintf("⚠ %s is set (%s): %s. Unset it to use this login.", o.Var, o.Value, o.Effect())
}

func (m *Model) welcomeView() string {
	var parts []string
	parts = append(parts, m.para("This wizard logs k6 in to Grafana Cloud k6: it checks your API token against your stack, lets you pick a project, and saves the result where k6 reads it. Nothing is written until you confirm."))
	path := "(no file)"
	if m.deps.Store != nil {
		path = m.deps.Store.Path()
	}
	parts = append(parts, m.para("Credentials will be saved to:")+"\n"+m.wrap("  "+m.st.Value.Render(path)))
	switch {
	case m.loadErr != nil:
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ The file could not be read: "+m.loadErr.Error())))
	case m.loaded && m.snapshot.Exists && m.snapshot.Credentials.StackURL != "":
		c := m.snapshot.Credentials
		parts = append(parts, m.para(fmt.Sprintf("It already holds a login for %s (stack %d); saving replaces it and keeps every other setting.", c.StackURL, c.StackID)))
	case m.loaded && m.snapshot.Exists:
		parts = append(parts, m.para("The file exists; saving keeps every other setting in it."))
	}
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) stackView() string {
	var b strings.Builder
	b.WriteString(m.para("Which Grafana Cloud stack should k6 use? Type its slug (like my-team) or its URL."))
	b.WriteString("\n\n" + m.stackInput.View() + "\n")
	switch {
	case m.stackReason != "":
		b.WriteString(m.wrap(m.st.Err.Render("✗ " + m.stackReason)))
	case m.stackPreview != "":
		b.WriteString(m.wrap(m.st.Accent.Render("→ " + m.stackPreview)))
	}
	return b.String()
}

func (m *Model) tokenView() string {
	var b strings.Builder
	b.WriteString(m.para("Paste an API token for " + m.stackURL + "."))
	b.WriteString("\n")
	b.WriteString(m.wrap(m.st.Subtle.Render("Create one in Grafana Cloud at " + m.stackURL + ": Testing & synthetics → Performance → Settings → Access → Personal token (or Stack token, for CI; admins only).")))
	if m.refusedTail != "" {
		b.WriteString("\n\n" + m.wrap(m.st.Warn.Render("The token ending in …"+m.refusedTail+" was refused; paste another one.")))
	}
	b.WriteString("\n\n" + m.tokenInput.View() + "\n")
	if d := describeToken(strings.TrimSpace(m.tokenInput.Value())); d != "" {
		b.WriteString(m.st.Subtle.Render(d))
	}
	if m.tokenErr != "" {
		b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.tokenErr)))
	}
	return b.String()
}

func (m *Model) spinnerView() string {
	if m.still {
		return m.st.Spinner.Render("*")
	}
	return m.spin.View()
}

func (m *Model) validatingView() string {
	return m.wrap(m.spinnerView() + " " + m.st.Text.Render("Checking the token ("+describeToken(m.token)+") against "+m.stackURL+"…"))
}

func (m *Model) validateErrorView() string {
	if m.valErr == nil {
		return ""
	}
	f := describeFailure(m.valErr)
	var b strings.Builder
	b.WriteString(m.wrap(m.st.Err.Render("✗ " + f.Title)))
	b.WriteString("\n\n" + m.para(sentence(f.What)))
	b.WriteString("\n\n" + m.para(f.Hint))
	var next string
	switch failureAction(m.valErr) {
	case actionNewToken:
		next = "Press Enter to paste another token."
	case actionEditStack:
		next = "Press Enter to change the stack, or Esc to change the token."
	default:
		next = "Press r or Enter to try again, or Esc to edit the token. What you typed is kept."
	}
	b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render(next)))
	return b.String()
}

// optionIndent sets an option's description under its name.
const optionIndent = "     "

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func (m *Model) tokenModeView() string {
	var b strings.Builder
	b.WriteString(m.wrap(m.st.OK.Render(fmt.Sprintf("✓ Token accepted for %s (stack %d).", m.stackURL, m.auth.StackID))))
	b.WriteString("\n\n" + m.para("Which kind of token is it? Grafana Cloud does not say, and a stack token needs a project."))
	b.WriteString("\n\n")
	options := []struct{ name, about string }{
		{"Personal token", "Acts as you; works on every stack you belong to."},
		{"Stack token", "Belongs to this stack, for CI; needs a project."},
	}
	for i, o := range options {
		line := fmt.Sprintf("%d. %s", i+1, o.name)
		if i == m.modeCursor {
			b.WriteString(m.st.Selected.Render("> " + line))
		} else {
			b.WriteString("  " + line)
		}
		b.WriteString("\n" + indent(ansi.Wrap(m.st.Subtle.Render(o.about), m.contentWidth()-len(optionIndent), ""), optionIndent))
		if i == 0 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

func (m *Model) projectIntroView() string {
	key := introKey{m.contentWidth(), m.mode, m.auth.DefaultProjectID, m.projLoaded && m.projErr != nil}
	return m.introCache.get(key, m.drawProjectIntro)
}

func (m *Model) drawProjectIntro() string {
	q := fmt.Sprintf("Which project should k6 cloud runs go to? The stack's default is %d.", m.auth.DefaultProjectID)
	if m.mode == TokenStack {
		q = fmt.Sprintf("A stack token needs a project. The stack's default is %d.", m.auth.DefaultProjectID)
	}
	s := m.para(q)
	if m.projLoaded && m.projErr != nil {
		f := describeFailure(m.projErr)
		s += "\n" + m.wrap(m.st.Warn.Render("⚠ The project list could not be loaded: "+sentence(f.What)+" Press i to type a project ID."))
	}
	return s
}

func (m *Model) projectView() string {
	if m.listReady && !m.idOpen {
		// The list, redrawn on every key: one string, not a builder that grows.
		return m.projectIntroView() + "\n\n" + m.projectListView()
	}
	var b strings.Builder
	b.WriteString(m.projectIntroView())
	b.WriteString("\n\n")
	switch {
	case m.idOpen:
		b.WriteString(m.para("Project ID:") + "\n" + m.idInput.View())
		switch {
		case m.idSeq != 0:
			b.WriteString("\n" + m.spinnerView() + " " + m.st.Text.Render("Checking project "+strings.TrimSpace(m.idInput.Value())+"…"))
		case m.idErr != "":
			b.WriteString("\n" + m.wrap(m.st.Err.Render("✗ "+m.idErr)))
		}
	case !m.projLoaded:
		b.WriteString(m.wrap(m.spinnerView() + " " + m.st.Text.Render("Loading the projects of "+authclient.StackSlug(m.stackURL)+"…")))
		b.WriteString("\n\n" + m.wrap(m.st.Subtle.Render("Press i to type a project ID instead.")))
	}
	return b.String()
}

// summaryRows is what will be (or was) written, the token masked.
func (m *Model) summaryRows(c configstore.Credentials) [][2]string {
	project := fmt.Sprintf("stack default (%d)", c.DefaultProjectID)
	if c.ProjectID != 0 {
		project = strconv.FormatInt(c.ProjectID, 10)
		if m.choice.name != "" {
			project += " (" + m.choice.name + ")"
		}
	}
	return [][2]string{
		{"Stack URL", c.StackURL},
		{"Stack ID", strconv.FormatInt(c.StackID, 10)},
		{"Token", configstore.MaskToken(c.Token)},
		{"Token type", m.mode.String()},
		{"Project", project},
		{"Default project", strconv.FormatInt(c.DefaultProjectID, 10)},
	}
}

// table lays out label/value rows; on a narrow screen as "label: value" lines.
func (m *Model) table(rows [][2]string) string { return m.tableWithLabels(rows, 17) }

// compactTable is table with a narrower label column, for the home screen.
func (m *Model) compactTable(rows [][2]string) string { return m.tableWithLabels(rows, 13) }

func (m *Model) tableWithLabels(rows [][2]string, labelWidth int) string {
	narrow := m.contentWidth() < 60
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		if narrow {
			lines = append(lines, m.wrap(m.st.Label.Render(r[0]+": ")+m.st.Value.Render(r[1])))
			continue
		}
		lines = append(lines, m.wrap(m.st.Label.Render(fmt.Sprintf("  %-*s", labelWidth, r[0]))+m.st.Value.Render(r[1])))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) reviewView() string {
	var parts []string
	rows := append([][2]string{{"File", m.deps.Store.Path()}}, m.summaryRows(m.credentials())...)
	parts = append(parts, m.para("Ready to save. This is what will be written:")+"\n"+m.table(rows))
	parts = append(parts, m.wrap(m.st.Subtle.Render("Only the login keys under collectors.cloud change; other settings are kept.")))
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	switch {
	case m.saving:
		parts = append(parts, m.st.Text.Render("Saving…"))
	case m.saveErr != nil:
		parts = append(parts, m.wrap(m.st.Err.Render("✗ Could not save: "+m.saveErr.Error()))+"\n"+
			m.wrap(m.st.Subtle.Render("Press Enter to try again, or Esc to go back. Nothing else changed.")))
	}
	return strings.Join(parts, "\n\n")
}

func (m *Model) savedView() string {
	res := m.result.SaveResult
	var parts []string
	head := m.st.OK.Render("✓ Saved to " + m.deps.Store.Path())
	var notes []string
	if res.Created {
		notes = append(notes, "The file was created.")
	}
	if res.TightenedFrom != 0 {
		notes = append(notes, fmt.Sprintf("Its permissions were tightened from %04o to 0600: it holds a token.", res.TightenedFrom.Perm()))
	}
	if len(notes) > 0 {
		head += "\n" + m.st.Subtle.Render(strings.Join(notes, " "))
	}
	parts = append(parts, m.wrap(head))
	parts = append(parts, m.table(m.summaryRows(m.result.Credentials)))
	switch {
	case m.result.RecordErr != nil:
		parts = append(parts, m.wrap(m.st.Warn.Render("⚠ k6 is logged in. "+sentence(m.result.RecordErr.Error()))))
	case m.result.Account != "":
		path := m.accountsPath()
		parts = append(parts, m.wrap(m.st.Subtle.Render("Saved as the account "+m.result.Account+" in "+path+".")))
	}
	if w := m.warnings(); w != "" {
		parts = append(parts, w)
	}
	parts = append(parts, m.para("k6 is ready for cloud tests. Next, run:")+"\n"+m.st.Accent.Render("  k6 cloud run script.js"))
	return strings.Join(parts, "\n\n")
}
