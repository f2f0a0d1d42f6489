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
	UseToken   key.Binding // a token typed in the stack field goes to the token step
	OpenPage   key.Binding // the token page in the browser
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
	EmptyFilter  key.Binding

	Save key.Binding
	Done key.Binding

	// Home and the account screens.
	GoReview     key.Binding
	GoSwitch     key.Binding
	GoAdd        key.Binding
	GoValidate   key.Binding
	GoReset      key.Binding
	GoCheckAll   key.Binding
	CheckAgain   key.Binding
	Validate     key.Binding
	FixMode      key.Binding
	SwitchAnyway key.Binding
	ToHome       key.Binding
	BackHome     key.Binding
	BackQuit     key.Binding // esc where there is nothing to go back to
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
		UseToken:   bind("ctrl+t", "use as the token", "ctrl+t"),
		OpenPage:   bind("ctrl+o", "open the token page", "ctrl+o"),
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
		EmptyFilter:  bind("esc", "clear", "esc"),

		Save: bind("enter", "save", "enter"),
		Done: bind("enter/q", "quit", "enter", "q", "esc"),

		GoReview:     bind("r", "review", "r"),
		GoSwitch:     bind("s", "switch", "s"),
		GoAdd:        bind("a", "add", "a"),
		GoValidate:   bind("v", "validate", "v"),
		GoReset:      bind("x", "reset", "x"),
		GoCheckAll:   bind("c", "check all", "c"),
		CheckAgain:   bind("c", "check again", "c"),
		Validate:     bind("v", "validate again", "v"),
		FixMode:      bind("f", "fix file mode", "f"),
		SwitchAnyway: bind("s", "switch anyway", "s"),
		ToHome:       bind("enter", "home", "enter", "esc"),
		BackHome:     bind("esc", "home", "esc"),
		BackQuit:     bind("esc", "quit", "esc"),
		Confirm:      bind("enter", "confirm", "enter"),
	}
}

// bind makes a binding shown in the help footer.
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

// only is a footer with the same keys short and full.
func only(all ...key.Binding) stepKeys { return stepKeys{short: all, full: [][]key.Binding{all}} }

// withToggle is the footer of a screen without a text field, where ? opens the full help.
func (k *keyMap) withToggle(back key.Binding, main ...key.Binding) stepKeys {
	short := append(append([]key.Binding{}, main...), back, k.Help, k.Quit)
	return stepKeys{short: short, full: [][]key.Binding{main, {back, closeHelp(k.Help), k.Quit}}}
}

// fieldKeys is the footer of a screen whose text field has the keys: ? is text there.
func (k *keyMap) fieldKeys(main ...key.Binding) stepKeys {
	return only(append(main, k.Back, k.Quit)...)
}

// menu is the footer of a screen with a cursor: move and choose, plus its own keys.
func (k *keyMap) menu(back key.Binding, extra ...key.Binding) stepKeys {
	s := k.withToggle(back, append([]key.Binding{k.Move, k.Choose}, extra...)...)
	s.full[0] = append([]key.Binding{k.Up, k.Down, k.Choose}, extra...)
	return s
}

// list is the footer of a filterable list (projects, accounts).
func (k *keyMap) list(l *pickList, back key.Binding) stepKeys {
	if l.filtering {
		return only(k.filterKeys(l)...)
	}
	if l.term != "" {
		back = k.ClearFilter
	}
	s := k.menu(back, k.Filter)
	s.full[0] = []key.Binding{k.Up, k.Down, k.Home, k.End, k.Choose, k.Filter}
	s.short = []key.Binding{k.Move, k.Choose, k.Filter, back, k.Help}
	return s
}

// closeHelp relabels the help key for the full view, where it closes the help.
func closeHelp(b key.Binding) key.Binding {
	b.SetHelp("?", "close help")
	return b
}

// filterKeys are the keys while a filter is typed.
func (k *keyMap) filterKeys(l *pickList) []key.Binding {
	if l.value != "" {
		return []key.Binding{k.ApplyFilter, k.EmptyFilter, k.Quit}
	}
	return []key.Binding{k.ApplyFilter, k.CancelFilter, k.Quit}
}
