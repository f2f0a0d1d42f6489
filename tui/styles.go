package tui

import (
	"io"
	"os"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles holds every lipgloss style of the wizard, so colours live in one place.
// Colours are plain ANSI numbers that read on dark and light backgrounds: adaptive
// colours would make lipgloss query the terminal's background while Bubble Tea
// owns the input.
type styles struct {
	Title    lipgloss.Style
	Step     lipgloss.Style
	Demo     lipgloss.Style
	Text     lipgloss.Style
	Subtle   lipgloss.Style
	Accent   lipgloss.Style
	Warn     lipgloss.Style
	Err      lipgloss.Style
	OK       lipgloss.Style
	Label    lipgloss.Style
	Value    lipgloss.Style
	Selected lipgloss.Style
	Spinner  lipgloss.Style
	Prompt   lipgloss.Style
	Input    lipgloss.Style
	Holder   lipgloss.Style
	Cursor   lipgloss.Style
	Help     help.Styles
}

const (
	colAccent = lipgloss.Color("6")   // cyan
	colWarn   = lipgloss.Color("3")   // yellow
	colErr    = lipgloss.Color("1")   // red
	colOK     = lipgloss.Color("2")   // green
	colSubtle = lipgloss.Color("245") // grey
	colDemo   = lipgloss.Color("5")   // magenta
)

// newRenderer gives the renderer of every style: it detects the terminal on
// Output, where the program draws, not on stdout, which may be redirected.
// With NoColor it still draws bold, dim and reverse video where the terminal can.
func newRenderer(opts Options) *lipgloss.Renderer {
	var out io.Writer = os.Stdout
	if opts.Output != nil {
		out = opts.Output
	}
	r := lipgloss.NewRenderer(out)
	if opts.NoColor {
		// The styles carry no colour then; what the terminal can show
		// decides whether bold, dim and reverse video are drawn. termenv
		// would turn all styling off for NO_COLOR.
		r.SetColorProfile(termenv.NewOutput(out).ColorProfile())
	}
	return r
}

// newStyles makes the styles. With noColor (NO_COLOR, K6_NO_COLOR, --no-color)
// they carry no colour but keep bold, dim, underline and reverse video, so the
// selected row, the cursor and an empty field's placeholder stay visible.
func newStyles(r *lipgloss.Renderer, noColor bool) styles {
	// fg colours a style, or leaves it as it is without colour; dim is what
	// stands in for the grey of subtle text.
	fg := func(s lipgloss.Style, c lipgloss.Color) lipgloss.Style {
		if noColor {
			return s
		}
		return s.Foreground(c)
	}
	subtle := r.NewStyle().Foreground(colSubtle)
	if noColor {
		subtle = r.NewStyle().Faint(true)
	}
	s := styles{
		Title:    fg(r.NewStyle().Bold(true), colAccent),
		Step:     subtle,
		Demo:     fg(r.NewStyle().Bold(true), colDemo),
		Text:     r.NewStyle(),
		Subtle:   subtle,
		Accent:   fg(r.NewStyle(), colAccent),
		Warn:     fg(r.NewStyle(), colWarn),
		Err:      fg(r.NewStyle(), colErr),
		OK:       fg(r.NewStyle(), colOK),
		Label:    subtle,
		Value:    r.NewStyle().Bold(true),
		Selected: fg(r.NewStyle().Bold(true), colAccent),
		Spinner:  fg(r.NewStyle(), colAccent),
		Prompt:   fg(r.NewStyle(), colAccent),
		Input:    r.NewStyle(),
		Holder:   subtle,
		Cursor:   r.NewStyle(),
	}
	key := fg(r.NewStyle(), colAccent)
	if noColor {
		key = r.NewStyle().Bold(true)
	}
	s.Help = help.Styles{
		Ellipsis:       subtle,
		ShortKey:       key,
		ShortDesc:      subtle,
		ShortSeparator: subtle,
		FullKey:        key,
		FullDesc:       subtle,
		FullSeparator:  subtle,
	}
	return s
}
