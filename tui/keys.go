package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds every key binding of the wizard. Several bindings share a key
// (enter means "next", "check", "save"...): each step picks the ones that apply,
// so the help footer names what the key does there.
type keyMap struct {
	Quit       key.Binding // everywhere, even inside a text field
	QuitLetter key.Binding // only where no text field is focused
	Help       key.Binding
	Back       key.Binding

	Start      key.Binding
	Next       key.Binding
	Check      key.Binding
	Cancel     key.Binding
	Retry      key.Binding
	RetryEnter key.Binding
	Edit       key.Binding
	NewToken   key.Binding
	EditStack  key.Binding
	EditToken  key.Binding

	Up      key.Binding
	Down    key.Binding
	Move    key.Binding // only names up and down together in the footer
	Pick    key.Binding // 1 / 2 on the token type step
	Choose  key.Binding
	PageUp  key.Binding
	PageDn  key.Binding
	Home    key.Binding
	End     key.Binding
	Filter  key.Binding
	TypeID  key.Binding
	Digit   key.Binding // a digit on the project list opens the ID field with it
	CheckID key.Binding
	CloseID key.Binding

	ApplyFilter  key.Binding
	CancelFilter key.Binding
	ClearFilter  key.Binding

	Save key.Binding
	Done key.Binding

	// Home and the account screens.
	GoReview     key.Binding
	GoSwitch     key.Binding
	GoAdd        key.Binding
	GoValidate   key.Binding
	GoReset      key.Binding
	Validate     key.Binding
	FixMode      key.Binding
	SwitchAnyway key.Binding
	ToHome       key.Binding
	BackHome     key.Binding
	Confirm      key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Quit:       bind("ctrl+c", "quit", "ctrl+c"),
		QuitLetter: bind("q", "quit", "q"),
		Help:       bind("?", "more keys", "?"),
		Back:       bind("esc", "back", "esc"),

		Start:      bind("enter", "start", "enter"),
		Next:       bind("enter", "next", "enter"),
		Check:      bind("enter", "check token", "enter"),
		Cancel:     bind("esc", "cancel", "esc"),
		Retry:      bind("r/enter", "retry", "r", "enter"),
		RetryEnter: bind("enter", "retry", "enter"),
		Edit:       bind("esc", "edit", "esc"),
		NewToken:   bind("enter", "new token", "enter"),
		EditStack:  bind("enter", "edit stack", "enter"),
		EditToken:  bind("esc", "edit token", "esc"),

		Up:      bind("↑/k", "up", "up", "k"),
		Down:    bind("↓/j", "down", "down", "j"),
		Move:    bind("↑/↓", "move", "up", "down"),
		Pick:    bind("1/2", "pick", "1", "2"),
		Choose:  bind("enter", "choose", "enter"),
		PageUp:  bind("pgup", "prev page", "pgup", "left", "h", "b", "u"),
		PageDn:  bind("pgdn", "next page", "pgdown", "right", "l", "f", "d"),
		Home:    bind("g/home", "first", "home", "g"),
		End:     bind("G/end", "last", "end", "G"),
		Filter:  bind("/", "filter", "/"),
		TypeID:  bind("i", "type an ID", "i"),
		Digit:   key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
		CheckID: bind("enter", "check ID", "enter"),
		CloseID: bind("esc", "back to list", "esc"),

		ApplyFilter:  bind("enter", "apply", "enter"),
		CancelFilter: bind("esc", "cancel", "esc"),
		ClearFilter:  bind("esc", "clear filter", "esc"),

		Save: bind("enter", "save", "enter"),
		Done: bind("enter/q", "quit", "enter", "q", "esc"),

		GoReview:     bind("r", "review", "r"),
		GoSwitch:     bind("s", "switch", "s"),
		GoAdd:        bind("a", "add", "a"),
		GoValidate:   bind("v", "validate", "v"),
		GoReset:      bind("x", "reset", "x"),
		Validate:     bind("v", "validate again", "v"),
		FixMode:      bind("f", "fix file mode", "f"),
		SwitchAnyway: bind("s", "switch anyway", "s"),
		ToHome:       bind("enter", "home", "enter", "esc"),
		BackHome:     bind("esc", "home", "esc"),
		Confirm:      bind("enter", "confirm", "enter"),
	}
}

// bind makes a binding shown in the help footer. One call per binding,
// rather than key.NewBinding's options inlined at each, keeps newKeyMap small.
//
//go:noinline
func bind(helpKey, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, desc))
}

// stepKeys is the help.KeyMap of one screen: what the footer shows.
type stepKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (k stepKeys) ShortHelp() []key.Binding  { return k.short }
func (k stepKeys) FullHelp() [][]key.Binding { return k.full }

// helpKeys builds the footer for where the wizard is now.
func (m *Model) helpKeys() stepKeys {
	k := &m.keys
	common := []key.Binding{k.Back, k.Quit}
	// withToggle is the footer of a screen without a text field, where ? works.
	withToggle := func(back key.Binding, main ...key.Binding) stepKeys {
		short := append(append([]key.Binding{}, main...), back, k.Help, k.Quit)
		return stepKeys{short: short, full: [][]key.Binding{main, {back, closeHelp(k.Help), k.Quit}}}
	}
	fieldOnly := func(main ...key.Binding) stepKeys {
		all := append(main, common...)
		return stepKeys{short: all, full: [][]key.Binding{all}}
	}
	switch m.step {
	case stepWelcome:
		return stepKeys{
			short: []key.Binding{k.Start, k.QuitLetter, k.Help},
			full:  [][]key.Binding{{k.Start}, {k.QuitLetter, k.Quit, closeHelp(k.Help)}},
		}
	case stepStack:
		return fieldOnly(k.Next)
	case stepToken:
		return fieldOnly(k.Check)
	case stepValidating:
		return stepKeys{short: []key.Binding{k.Cancel, k.Quit}, full: [][]key.Binding{{k.Cancel, k.Quit}}}
	case stepValidateError:
		switch failureAction(m.valErr) {
		case actionNewToken:
			return withToggle(k.Back, k.NewToken)
		case actionEditStack:
			return withToggle(k.EditToken, k.EditStack)
		default:
			return withToggle(k.Edit, k.Retry)
		}
	case stepTokenMode:
		s := withToggle(k.Back, k.Move, k.Pick, k.Next)
		s.full[0] = []key.Binding{k.Up, k.Down, k.Pick, k.Next}
		return s
	case stepProject:
		return m.projectHelpKeys()
	case stepReview:
		if m.saving {
			return stepKeys{short: []key.Binding{k.Quit}, full: [][]key.Binding{{k.Quit}}}
		}
		if m.saveErr != nil {
			return withToggle(k.Back, k.RetryEnter)
		}
		return withToggle(k.Back, k.Save)
	case stepSaved:
		if m.acc.home {
			all := []key.Binding{k.ToHome, k.QuitLetter}
			return stepKeys{short: all, full: [][]key.Binding{all}}
		}
		return stepKeys{short: []key.Binding{k.Done}, full: [][]key.Binding{{k.Done}}}
	}
	return m.accountsHelpKeys(withToggle)
}

// accountsHelpKeys is the footer of the home screen and the screens it leads to.
func (m *Model) accountsHelpKeys(withToggle func(back key.Binding, main ...key.Binding) stepKeys) stepKeys {
	k := &m.keys
	only := func(all ...key.Binding) stepKeys { return stepKeys{short: all, full: [][]key.Binding{all}} }
	// menu is a screen with a cursor: move and choose, plus its own keys.
	menu := func(back key.Binding, extra ...key.Binding) stepKeys {
		s := withToggle(back, append([]key.Binding{k.Move, k.Choose}, extra...)...)
		s.full[0] = append([]key.Binding{k.Up, k.Down, k.Choose}, extra...)
		return s
	}
	switch m.step {
	case stepHome:
		if !m.acc.ovLoaded {
			return only(k.Quit)
		}
		var extra []key.Binding
		for _, it := range m.homeItems() {
			switch it {
			case homeReview:
				extra = append(extra, k.GoReview)
			case homeSwitch:
				extra = append(extra, k.GoSwitch)
			case homeAdd:
				extra = append(extra, k.GoAdd)
			case homeValidate:
				extra = append(extra, k.GoValidate)
			case homeReset:
				extra = append(extra, k.GoReset)
			}
		}
		s := menu(k.QuitLetter, extra...)
		s.short = []key.Binding{k.Move, k.Choose, k.QuitLetter, k.Help}
		s.full[1] = []key.Binding{k.QuitLetter, k.Quit, closeHelp(k.Help)}
		return s
	case stepAccount:
		switch {
		case m.acc.busy:
			return only(k.Quit)
		case m.acc.check.seq != 0:
			return only(k.Cancel, k.Quit)
		case m.fileTooOpen():
			return withToggle(k.BackHome, k.Validate, k.FixMode)
		}
		return withToggle(k.BackHome, k.Validate)
	case stepAccountError:
		return withToggle(k.Back, k.Retry)
	case stepSwitch, stepForgetPick:
		back := k.BackHome
		if m.step == stepForgetPick {
			back = k.Back
		}
		switch l := m.acc.list; {
		case l.filtering:
			return only(k.ApplyFilter, k.CancelFilter, k.Quit)
		case l.term != "":
			back = k.ClearFilter
		}
		s := menu(back, k.Filter)
		s.full[0] = []key.Binding{k.Up, k.Down, k.Home, k.End, k.Choose, k.Filter}
		s.short = []key.Binding{k.Move, k.Choose, k.Filter, back, k.Help}
		return s
	case stepSwitching:
		if m.acc.busy {
			return only(k.Quit)
		}
		return only(k.Cancel, k.Quit)
	case stepSwitchError:
		switch {
		case m.acc.swWriteErr != nil:
			return withToggle(k.Back, k.RetryEnter)
		case switchRefused(m.acc.swErr):
			return withToggle(k.Back, k.SwitchAnyway)
		}
		return withToggle(k.Back, k.Retry, k.SwitchAnyway)
	case stepSwitched:
		return only(k.ToHome, k.QuitLetter)
	case stepReset:
		return menu(k.BackHome)
	case stepConfirm:
		if m.acc.busy {
			return only(k.Quit)
		}
		return menu(k.Back)
	case stepResetDone:
		if m.offerSwitch() {
			return menu(k.BackHome)
		}
		return only(k.ToHome, k.QuitLetter)
	}
	return stepKeys{}
}

// accountsFooterKey is what the account screens' footers depend on beyond the step.
func (m *Model) accountsFooterKey() string {
	if m.step < stepHome && !(m.step == stepSaved && m.acc.home) {
		return ""
	}
	l := m.acc.list
	return fmt.Sprint(m.acc.home, m.acc.ovLoaded, len(m.homeItems()), m.acc.busy, m.acc.check.seq != 0, m.fileTooOpen(),
		l.filtering, l.term != "", m.acc.swWriteErr != nil, m.acc.swErr != nil && switchRefused(m.acc.swErr), m.offerSwitch())
}

func (m *Model) projectHelpKeys() stepKeys {
	k := &m.keys
	switch {
	case m.idOpen:
		all := []key.Binding{k.CheckID, k.CloseID, k.Quit}
		if m.idSeq != 0 {
			all = []key.Binding{k.Cancel, k.Quit}
		}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	case m.projList.filtering:
		all := []key.Binding{k.ApplyFilter, k.CancelFilter, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	case !m.listReady || len(m.projItems) == 0:
		all := []key.Binding{k.TypeID, k.Back, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	}
	back := k.Back
	if m.projList.term != "" {
		back = k.ClearFilter
	}
	return stepKeys{
		short: []key.Binding{k.Move, k.Filter, k.TypeID, k.Choose, back, k.Help},
		full: [][]key.Binding{
			{k.Up, k.Down, k.PageUp, k.PageDn, k.Home, k.End},
			{k.Filter, k.TypeID, k.Choose},
			{back, closeHelp(k.Help), k.Quit},
		},
	}
}

// closeHelp relabels the help key for the full view, where it closes the help.
func closeHelp(b key.Binding) key.Binding {
	b.SetHelp("?", "close help")
	return b
}
