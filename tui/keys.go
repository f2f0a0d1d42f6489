package tui

import (
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
		PageUp:  key.NewBinding(key.WithKeys("pgup", "left", "h"), key.WithHelp("pgup", "prev page")),
		PageDn:  key.NewBinding(key.WithKeys("pgdown", "right", "l"), key.WithHelp("pgdn", "next page")),
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
		return stepKeys{short: []key.Binding{k.Done}, full: [][]key.Binding{{k.Done}}}
	}
	return stepKeys{}
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
	case m.filtering:
		all := []key.Binding{k.ApplyFilter, k.CancelFilter, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	case !m.listReady || len(m.allItems) == 0:
		all := []key.Binding{k.TypeID, k.Back, k.Quit}
		return stepKeys{short: all, full: [][]key.Binding{all}}
	}
	back := k.Back
	if m.filterTerm != "" {
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
