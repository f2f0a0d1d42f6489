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
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		QuitLetter: key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),

		Start:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "start")),
		Next:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		Check:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check token")),
		Cancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Retry:      key.NewBinding(key.WithKeys("r", "enter"), key.WithHelp("r/enter", "retry")),
		RetryEnter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "retry")),
		Edit:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "edit")),
		NewToken:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "new token")),
		EditStack:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "edit stack")),
		EditToken:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "edit token")),

		Up:      key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:    key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Move:    key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		Pick:    key.NewBinding(key.WithKeys("1", "2"), key.WithHelp("1/2", "pick")),
		Choose:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		PageUp:  key.NewBinding(key.WithKeys("pgup", "left", "h", "b", "u"), key.WithHelp("pgup", "prev page")),
		PageDn:  key.NewBinding(key.WithKeys("pgdown", "right", "l", "f", "d"), key.WithHelp("pgdn", "next page")),
		Home:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:     key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Filter:  key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		TypeID:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "type an ID")),
		Digit:   key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
		CheckID: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "check ID")),
		CloseID: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),

		ApplyFilter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply")),
		CancelFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),

		Save: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Done: key.NewBinding(key.WithKeys("enter", "q", "esc"), key.WithHelp("enter/q", "quit")),

		GoReview:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "review")),
		GoSwitch:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "switch")),
		GoAdd:        key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add")),
		GoValidate:   key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "validate")),
		GoReset:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "reset")),
		Validate:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "validate again")),
		FixMode:      key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "fix file mode")),
		SwitchAnyway: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "switch anyway")),
		ToHome:       key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter", "home")),
		BackHome:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "home")),
		Confirm:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
	}
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
	k := m.keys
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
	k := m.keys
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
	k := m.keys
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
