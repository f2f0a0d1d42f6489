package tui

import (
	"context"
	"strconv"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/k6login/k6login/configstore"
	"github.com/k6login/k6login/tui/flow"
)

// Model is k6login's terminal interface. Create it with New or NewWizard, run
// it with tea.NewProgram, and read Result once the program has exited.
//
// The model only routes: each screen lives in one file with its state (a
// struct embedded here), its keys, its view and its footer, and is registered
// once in screenTable.
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
	// scroll is the first line drawn of a body taller than the window, on a
	// screen where no list or field has the arrows (see frameBody).
	scroll int
	// canScroll: the screen drawn last is taller than the window and has no
	// focused line, so pgup/pgdn and the arrows scroll it.
	canScroll bool
	// reading: pgup/pgdn let the window of a menu leave its focus (readKey);
	// canRead says the frame drawn last leaves lines out of a menu, from its
	// line readFrom on.
	reading  bool
	canRead  bool
	readFrom int
	readGap  bool

	snapshot  configstore.Snapshot
	loadErr   error
	loaded    bool
	overrides []configstore.Override

	// login is the wizard's flow: its step, the answers so far and the
	// replies they got. The wizard's screens render it.
	login flow.Login
	seq   int // last sequence number handed out
	// quitAfterSave: Ctrl+C came during a write, which is waited for.
	quitAfterSave bool

	stackState
	tokenState
	checkState
	tokenModeState
	projectState
	reviewState

	acc accountsState

	result Result
}

const (
	defaultWidth  = 80
	defaultHeight = 24
	maxWidth      = 100
)

// NewWizard builds the first-time setup wizard.
func NewWizard(deps Deps, opts Options) *Model {
	m := &Model{
		deps:   deps,
		opts:   opts,
		keys:   newKeyMap(),
		ctx:    context.Background(),
		width:  defaultWidth,
		height: defaultHeight,
		step:   stepWelcome,
	}
	m.help = help.New()
	m.spin = spinner.New(spinner.WithSpinner(spinner.Dot))

	m.stackInput = field{prompt: "> ", placeholder: "my-team or https://my-team.grafana.net"}
	m.tokenInput = field{prompt: "> ", placeholder: "paste the API token", mask: '•'}
	m.idInput = field{prompt: "> ", placeholder: "4242", limit: 19} // the digits of an int64

	m.projList = newPickList("project", "projects", "  No project matches.")
	m.projList.draw = m.drawProjectRow
	m.projList.fixed = true // the footer stays put while the filter is typed
	m.acc.list.pickList = newPickList("account", "accounts", "  No account matches.")
	m.acc.list.draw = m.drawAccountRow
	m.setStyles(newStyles(newRenderer(opts), opts.NoColor))

	m.overrides = configstore.EnvOverrides(m.deps.getenv)
	m.resize(defaultWidth, defaultHeight)
	return m
}

// setStyles gives every part of the screens its styles.
func (m *Model) setStyles(st styles) {
	m.st = st
	m.help.Styles = st.Help
	m.spin.Style = st.Spinner
	for _, f := range []*field{&m.stackInput, &m.tokenInput, &m.idInput, &m.projList.filter, &m.acc.list.filter} {
		f.promptStyle, f.textStyle, f.holderStyle, f.cursorStyle = st.Prompt, st.Input, st.Holder, st.Cursor
	}
	m.projList.subtle = st.Subtle.Render
	m.acc.list.subtle = st.Subtle.Render
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
	case checkAllMsg:
		return m, m.onCheckAll(msg)
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
	case pageOpenedMsg:
		return m, m.onPageOpened(msg)
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

// step names a screen; each screen's file declares its own.
type step string

func (s step) String() string { return string(s) }

// screen is one screen: the keys it takes, what it shows and its footer. Each
// lives in one file with its state (a struct embedded in Model); the model
// only routes to it through screenTable.
type screen interface {
	// title is the line under the program's name: "Step 2 of 5 · Token", the
	// screen's name, or "".
	title() string
	update(m *Model, msg tea.KeyMsg) tea.Cmd
	view(m *Model) string
	help(m *Model) stepKeys
}

// animated is a screen that shows a spinner while busy reports true.
type animated interface {
	busy(m *Model) bool
}

// screenTable routes every step to its screen: adding a screen is its file and one line here.
var screenTable = map[step]screen{
	stepWelcome:       welcomeScreen{},
	stepStack:         stackScreen{},
	stepToken:         tokenScreen{},
	stepValidating:    validatingScreen{},
	stepValidateError: validateErrorScreen{},
	stepTokenMode:     tokenModeScreen{},
	stepProject:       projectScreen{},
	stepReview:        reviewScreen{},
	stepSaved:         savedScreen{},
	stepHome:          homeScreen{},
	stepAccount:       accountScreen{},
	stepAccountError:  accountErrorScreen{},
	stepSwitch:        switchScreen{},
	stepSwitching:     switchingScreen{},
	stepSwitchError:   switchErrorScreen{},
	stepSwitched:      switchedScreen{},
	stepReset:         resetScreen{},
	stepForgetPick:    forgetPickScreen{},
	stepConfirm:       confirmScreen{},
	stepResetDone:     resetDoneScreen{},
	stepCheckAll:      checkAllScreen{},
}

func (m *Model) screen() screen { return screenTable[m.step] }

// flowScreen is a wizard screen: it renders one step of flow.Login.
type flowScreen interface {
	flowStep() flow.Step
}

// entered is a screen that prepares itself (a field's focus, a request) each
// time it is shown.
type entered interface {
	enter(m *Model) tea.Cmd
}

// follow shows the screen of the step the wizard's flow is at.
func (m *Model) follow() tea.Cmd {
	for s, sc := range screenTable {
		if f, ok := sc.(flowScreen); ok && f.flowStep() == m.login.Step {
			return m.show(s)
		}
	}
	return nil
}

// show moves to screen s and lets it prepare itself.
func (m *Model) show(s step) tea.Cmd {
	m.setStep(s)
	if e, ok := m.screen().(entered); ok {
		return e.enter(m)
	}
	return nil
}

// numbered is the header of the wizard's five steps.
func numbered(n int, title string) string {
	return "Step " + strconv.Itoa(n) + " of 5 · " + title
}

func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.help.ShowAll && key.Matches(msg, m.keys.Help, m.keys.Back) {
		// The full help is a layer over the screen: ? or Esc closes it, and
		// neither reaches the screen.
		m.toggleHelp()
		return nil
	}
	if !m.help.ShowAll {
		if m.readKey(msg) {
			return nil
		}
		if d, ok := m.scrollDelta(msg); ok && m.scrollBody(d) {
			return nil
		}
	}
	return m.screen().update(m, msg)
}

// scrollDelta is how far a key moves the body of a screen taller than the
// window, where no list or field has the key: half a window for pgup/pgdn,
// a line for the arrows.
func (m *Model) scrollDelta(msg tea.KeyMsg) (int, bool) {
	page := max(1, m.height/2)
	switch msg.Type {
	case tea.KeyPgUp:
		return -page, true
	case tea.KeyPgDown:
		return page, true
	case tea.KeyUp:
		return -1, true
	case tea.KeyDown:
		return 1, true
	}
	return 0, false
}

// toggleHelp is only reached on screens without a focused text field.
func (m *Model) toggleHelp() {
	m.help.ShowAll = !m.help.ShowAll
	m.layoutList()
}

func (m *Model) setStep(s step) {
	if s != m.step {
		// The full help belongs to the screen it was opened on.
		m.help.ShowAll = false
		m.scroll, m.canScroll, m.reading, m.canRead = 0, false, false, false
		m.layoutList()
	}
	m.step = s
	m.stackInput.Blur()
	m.tokenInput.Blur()
	m.idInput.Blur()
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || m.still {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) needsSpinner() bool {
	s, ok := m.screen().(animated)
	return ok && s.busy(m)
}
