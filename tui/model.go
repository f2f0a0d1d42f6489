package tui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Model is the wizard. Create it with NewWizard, run it with tea.NewProgram,
// and read Result once the program has exited.
type Model struct {
	deps Deps
	opts Options
	st   styles
	keys keyMap
	help help.Model
	spin spinner.Model
	// spinning is true while a tick chain is alive, so only one runs at a time.
	spinning bool
	// still turns animation off (fixed spinner frame, steady cursor), so that
	// tests see the same screens on every run and no timer is left running.
	still bool

	ctx           context.Context
	width, height int
	step          step
	quitting      bool

	snapshot  configstore.Snapshot
	loadErr   error
	loaded    bool
	overrides []configstore.Override

	stackInput   field
	stackPreview string // the normalised URL of what is typed, "" when invalid
	stackReason  string // why what is typed is not a stack, "" when valid or empty
	stackURL     string // the stack the token step and validation use

	tokenInput  field
	tokenErr    string
	refusedTail string // how the last refused token ended, to say which one was refused

	seq        int // last sequence number handed out
	validation request
	token      string // the cleaned token being checked or checked
	auth       authclient.AuthInfo
	valErr     error

	mode       TokenMode
	modeCursor int // 0 personal, 1 stack

	projLoad   request
	projects   []authclient.Project
	projErr    error
	projLoaded bool
	projItems  []projectItem // the list's entries, the stack's default first for a personal token
	projList   pickList
	listReady  bool
	listMode   TokenMode // the mode the list was built for
	idOpen     bool
	idInput    field
	idErr      string
	idCheck    request
	idSeq      int // the seq of the ID check in flight, 0 when none
	choice     projectChoice

	saving        bool
	saveErr       error
	quitAfterSave bool

	headerCache viewCache[headerKey]
	introCache  viewCache[introKey]
	// The last few footers: a list's footer changes as its filter is opened
	// and closed, and back.
	footerCache [4]struct {
		state footerState
		view  string
		ok    bool
	}
	footerNext int // the footerCache entry to replace next

	acc accountsState

	result Result
}

// projectChoice is the project the user picked; useDefault means "leave
// projectID out so k6 follows the stack's default".
type projectChoice struct {
	set        bool
	useDefault bool
	id         int64
	name       string
}

const (
	defaultWidth  = 80
	defaultHeight = 24
	maxWidth      = 100
)

// NewWizard builds the first-time setup wizard.
func NewWizard(deps Deps, opts Options) *Model {
	st := newStyles(newRenderers(opts))
	m := &Model{
		deps:   deps,
		opts:   opts,
		st:     st,
		keys:   newKeyMap(),
		ctx:    context.Background(),
		width:  defaultWidth,
		height: defaultHeight,
	}
	m.help = help.New()
	m.help.Styles = st.Help
	m.spin = spinner.New(spinner.WithSpinner(spinner.Dot), spinner.WithStyle(st.Spinner))

	m.stackInput = m.newInput("my-team or https://my-team.grafana.net")

	m.tokenInput = m.newInput("paste the API token")
	m.tokenInput.mask = '•'

	m.idInput = m.newInput("4242")
	m.idInput.limit = 19 // the digits of an int64

	m.projList = m.newPickList("project", "projects", "  No project matches.")
	m.projList.draw = m.drawProjectRow
	m.projList.fixed = true // the footer stays put while the filter is typed
	m.acc.list.pickList = m.newPickList("account", "accounts", "  No account matches.")
	m.acc.list.draw = m.drawAccountRow

	m.overrides = configstore.EnvOverrides(m.deps.getenv)
	m.resize(defaultWidth, defaultHeight)
	return m
}

func (m *Model) newInput(placeholder string) field {
	return field{
		prompt:      "> ",
		placeholder: placeholder,
		promptStyle: m.st.Prompt,
		textStyle:   m.st.Input,
		holderStyle: m.st.Holder,
		cursorStyle: m.st.Cursor,
	}
}

// Result reports what the wizard did; Saved is false unless the file was written.
func (m *Model) Result() Result { return m.result }

// Init loads the current file, to say on the welcome screen what will be replaced.
func (m *Model) Init() tea.Cmd {
	if m.acc.home {
		return tea.Batch(m.reloadOverview(), m.startSpinner())
	}
	if m.deps.Store == nil {
		return nil
	}
	return loadCmd(m.deps.Store)
}

// Update is the Bubble Tea update loop. It never blocks: requests run in Cmds.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		if key.Matches(msg, m.keys.Quit) {
			m.result.Interrupted = true
			return m, m.quit()
		}
		if m.quitting {
			return m, nil
		}
		return m, m.handleKey(msg)
	case snapshotMsg:
		m.snapshot, m.loadErr, m.loaded = msg.snap, msg.err, true
		if msg.err == nil && m.stackInput.Value() == "" && msg.snap.Credentials.StackURL != "" {
			// Offer the saved stack; the token is never prefilled.
			m.stackInput.SetValue(msg.snap.Credentials.StackURL)
			m.updateStackPreview()
		}
		return m, nil
	case validatedMsg:
		return m, m.routeValidated(msg)
	case projectsMsg:
		return m, m.onProjects(msg)
	case projectCheckedMsg:
		return m, m.routeProjectChecked(msg)
	case overviewMsg:
		return m, m.onOverview(msg)
	case recordedMsg:
		return m, m.onRecorded(msg)
	case fixedModeMsg:
		return m, m.onFixedMode(msg)
	case keptMsg:
		return m, m.onKept(msg)
	case activatedMsg:
		return m, m.onActivated(msg)
	case resetMsg:
		return m, m.onReset(msg)
	case savedMsg:
		return m, m.onSaved(msg)
	case spinner.TickMsg:
		if !m.needsSpinner() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	}
	return m, nil
}

// quit leaves with nothing written: every request in flight is cancelled. A save
// already under way is waited for, so Result tells the truth about the file;
// a second Ctrl+C leaves without waiting.
func (m *Model) quit() tea.Cmd {
	m.validation.stop()
	m.projLoad.stop()
	m.idCheck.stop()
	m.stopAccountRequests()
	if (m.saving || m.acc.busy) && !m.quitAfterSave {
		m.quitAfterSave = true
		return nil
	}
	m.quitting = true
	return tea.Quit
}

// holdStill stops every animation; see Model.still.
func (m *Model) holdStill() {
	m.still = true
}

func (m *Model) nextSeq() int {
	m.seq++
	return m.seq
}

func (m *Model) resize(w, h int) {
	if w <= 0 {
		w = defaultWidth
	}
	if h <= 0 {
		h = defaultHeight
	}
	m.width, m.height = w, h
	cw := m.contentWidth()
	m.help.Width = cw
	// The inputs scroll sideways inside this width: a 2,000-character token
	// shows as one line of bullets, not thousands.
	inputWidth := max(8, cw-lipgloss.Width(m.stackInput.prompt)-1)
	m.stackInput.width = inputWidth
	m.tokenInput.width = inputWidth
	m.idInput.width = min(inputWidth, 24)
	m.projList.filter.width = max(8, cw-lipgloss.Width(m.projList.filter.prompt)-1)
	m.acc.list.filter.width = m.projList.filter.width
	m.layoutList()
}

func (m *Model) contentWidth() int { return min(m.width, maxWidth) }

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if cmd, ok := m.accountsKey(msg); ok {
		return cmd
	}
	switch m.step {
	case stepWelcome:
		return m.keyWelcome(msg)
	case stepStack:
		return m.keyStack(msg)
	case stepToken:
		return m.keyToken(msg)
	case stepValidating:
		if key.Matches(msg, m.keys.Cancel) {
			m.validation.stop()
			return m.goToken()
		}
	case stepValidateError:
		return m.keyValidateError(msg)
	case stepTokenMode:
		return m.keyTokenMode(msg)
	case stepProject:
		return m.keyProject(msg)
	case stepReview:
		return m.keyReview(msg)
	case stepSaved:
		if m.acc.home && key.Matches(msg, m.keys.ToHome) {
			return m.goHome()
		}
		if key.Matches(msg, m.keys.Done) {
			m.quitting = true
			return tea.Quit
		}
	}
	return nil
}

// toggleHelp is only reached on screens without a focused text field.
func (m *Model) toggleHelp() {
	m.help.ShowAll = !m.help.ShowAll
	m.layoutList()
}

func (m *Model) keyWelcome(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Start):
		return m.goStack()
	case key.Matches(msg, m.keys.QuitLetter):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) setStep(s step) {
	m.step = s
	m.stackInput.Blur()
	m.tokenInput.Blur()
	m.idInput.Blur()
}

func (m *Model) goStack() tea.Cmd {
	m.setStep(stepStack)
	m.updateStackPreview()
	m.stackInput.Focus()
	return nil
}

func (m *Model) keyStack(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Next):
		url, err := authclient.NormalizeStack(m.stackInput.Value())
		if err != nil {
			m.stackReason = stackReason(err)
			return nil
		}
		m.stackURL = url
		return m.goToken()
	case key.Matches(msg, m.keys.Back):
		if m.acc.home {
			return m.goHome()
		}
		m.setStep(stepWelcome)
		return nil
	}
	if m.stackInput.Update(cleanPaste(msg)) {
		m.updateStackPreview()
	}
	return nil
}

// updateStackPreview shows, as the user types, the URL the input stands for or
// why it is not one. Nothing is said about an empty field until Enter.
func (m *Model) updateStackPreview() {
	m.stackPreview, m.stackReason = "", ""
	if strings.TrimSpace(m.stackInput.Value()) == "" {
		return
	}
	url, err := authclient.NormalizeStack(m.stackInput.Value())
	if err != nil {
		m.stackReason = stackReason(err)
		return
	}
	m.stackPreview = url
}

func stackReason(err error) string {
	var se *authclient.StackInputError
	if errors.As(err, &se) {
		return "Not a stack: " + se.Reason + "."
	}
	return err.Error()
}

func (m *Model) goToken() tea.Cmd {
	m.setStep(stepToken)
	m.tokenInput.CursorEnd()
	m.tokenInput.Focus()
	return nil
}

func (m *Model) keyToken(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Check):
		tok, err := authclient.CleanToken(m.tokenInput.Value())
		if err != nil {
			m.tokenErr = sentence(err.Error())
			return nil
		}
		m.token = tok
		m.tokenErr = ""
		return m.startValidation()
	case key.Matches(msg, m.keys.Back):
		return m.goStack()
	}
	if msg.Type == tea.KeyCtrlV {
		// A terminal that pastes on Ctrl+V sends the text, not the key.
		m.tokenErr = "Ctrl+V reached k6login as a key, so this terminal does not paste with it: use its paste (Ctrl+Shift+V, Cmd+V, or a right click)."
		return nil
	}
	if msg.Type == tea.KeyRunes && hasControlRune(cleanPaste(msg).Runes) {
		// The field would drop them silently and send what is left.
		m.tokenErr = "What was pasted holds control characters (an escape sequence, say), which no token has; paste only the token."
		return nil
	}
	if m.tokenInput.Update(cleanPaste(msg)) {
		m.tokenErr = ""
	}
	return nil
}

func hasControlRune(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// cleanPaste takes the line breaks out of a bracketed paste, and the spaces
// around it: a token copied from a web page often comes with both.
func cleanPaste(msg tea.KeyMsg) tea.KeyMsg {
	if !msg.Paste {
		return msg
	}
	s := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, string(msg.Runes))
	msg.Runes = []rune(strings.TrimSpace(s))
	return msg
}

func (m *Model) startValidation() tea.Cmd {
	m.validation.stop()
	m.projLoad.stop()
	m.idCheck.stop()
	m.idSeq = 0
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.validation = request{seq: seq, cancel: cancel}
	m.valErr = nil
	m.setStep(stepValidating)
	return tea.Batch(validateCmd(ctx, m.deps.API, seq, m.token, m.stackURL), m.startSpinner())
}

func (m *Model) onValidated(msg validatedMsg) tea.Cmd {
	if !m.validation.waitingFor(msg.seq) {
		return nil // cancelled or superseded: the user has moved on
	}
	m.validation.stop()
	if msg.err != nil {
		m.valErr = msg.err
		m.setStep(stepValidateError)
		return nil
	}
	m.auth = msg.info
	m.refusedTail = ""
	m.choice = projectChoice{}
	m.setStep(stepTokenMode)
	// Fetch the projects now, while the user reads the token type question, so
	// the project step usually opens with the list ready.
	m.projects, m.projErr, m.projLoaded, m.listReady = nil, nil, false, false
	ctx, cancel := context.WithCancel(m.ctx)
	seq := m.nextSeq()
	m.projLoad = request{seq: seq, cancel: cancel}
	return projectsCmd(ctx, m.deps.API, seq, m.token, m.auth.StackID)
}

func (m *Model) keyValidateError(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.keys.Help) {
		m.toggleHelp()
		return nil
	}
	switch failureAction(m.valErr) {
	case actionNewToken:
		if key.Matches(msg, m.keys.NewToken, m.keys.Back) {
			// The refused token is cleared so the next paste replaces it.
			m.refusedTail = tokenTail(m.token)
			m.tokenInput.Reset()
			return m.goToken()
		}
	case actionEditStack:
		switch {
		case key.Matches(msg, m.keys.EditStack):
			return m.goStack()
		case key.Matches(msg, m.keys.EditToken):
			return m.goToken()
		}
	default:
		switch {
		case key.Matches(msg, m.keys.Retry):
			return m.startValidation()
		case key.Matches(msg, m.keys.Edit):
			return m.goToken()
		}
	}
	return nil
}

func (m *Model) keyTokenMode(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Up):
		m.modeCursor = 0
	case key.Matches(msg, m.keys.Down):
		m.modeCursor = 1
	case key.Matches(msg, m.keys.Pick):
		m.modeCursor = int(msg.Runes[0] - '1')
		return m.chooseMode()
	case key.Matches(msg, m.keys.Next):
		return m.chooseMode()
	case key.Matches(msg, m.keys.Back):
		m.projLoad.stop()
		return m.goToken()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

func (m *Model) chooseMode() tea.Cmd {
	m.mode = TokenPersonal
	if m.modeCursor == 1 {
		m.mode = TokenStack
	}
	return m.goProject()
}

func (m *Model) keyReview(msg tea.KeyMsg) tea.Cmd {
	if m.saving {
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Save):
		m.saving = true
		m.saveErr = nil
		return saveCmd(m.deps, m.credentials(), m.mode, m.chosenProjectName())
	case key.Matches(msg, m.keys.Back):
		m.saveErr = nil
		return m.goProject()
	case key.Matches(msg, m.keys.Help):
		m.toggleHelp()
	}
	return nil
}

// credentials are what Save writes: ProjectID stays 0 when the user chose the
// stack's default, so that k6 follows the default if it changes.
func (m *Model) credentials() configstore.Credentials {
	c := configstore.Credentials{
		Token:            m.token,
		StackID:          m.auth.StackID,
		StackURL:         m.stackURL,
		DefaultProjectID: m.auth.DefaultProjectID,
	}
	if m.choice.set && !m.choice.useDefault {
		c.ProjectID = m.choice.id
	}
	return c
}

// chosenProjectName is the name of an explicitly chosen project, "" for the stack's default.
func (m *Model) chosenProjectName() string {
	if m.choice.set && !m.choice.useDefault {
		return m.choice.name
	}
	return ""
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		m.saveErr = msg.err
		if m.quitAfterSave {
			m.quitting = true
			return tea.Quit
		}
		return nil
	}
	m.result = Result{Saved: true, Credentials: m.credentials(), SaveResult: msg.res, TokenMode: m.mode,
		Action: ActionLogin, Account: msg.account, RecordErr: msg.recErr, ProjectName: m.chosenProjectName()}
	m.setStep(stepSaved)
	m.help.ShowAll = false
	if m.quitAfterSave {
		m.quitting = true
		return tea.Quit
	}
	return nil
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || m.still {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) needsSpinner() bool {
	switch m.step {
	case stepValidating, stepSwitching:
		return true
	case stepHome:
		return !m.acc.ovLoaded
	case stepAccount:
		return m.acc.check.seq != 0
	case stepProject:
		return m.idSeq != 0 || (!m.projLoaded && m.projLoad.seq != 0)
	}
	return false
}

func tokenTail(tok string) string {
	r := []rune(tok)
	if len(r) < 12 {
		return ""
	}
	return string(r[len(r)-4:])
}

// describeToken says enough about a token to recognise it, never enough to use it.
func describeToken(tok string) string {
	n := len([]rune(tok))
	if n == 0 {
		return ""
	}
	unit := "characters"
	if n == 1 {
		unit = "character"
	}
	if tail := tokenTail(tok); tail != "" {
		return fmt.Sprintf("%d %s, ends in …%s", n, unit, tail)
	}
	return fmt.Sprintf("%d %s", n, unit)
}

// capitalise starts a sentence with a capital, unless it starts with a host
// name ("api.k6.io did not reply"), which must stay as it is.
func capitalise(s string) string {
	first, _, _ := strings.Cut(s, " ")
	if s == "" || strings.ContainsAny(first, ".:/") {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = capitalise(strings.TrimSpace(s))
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func parseProjectID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}
