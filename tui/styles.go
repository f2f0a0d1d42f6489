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

// newRenderers gives the renderer of every style (plain ASCII when colour is
// off, otherwise what the output terminal supports) and the one of the text
// cursor, which is reverse video, not colour, and must stay visible with
// NoColor. Both detect the terminal on Output, where the program draws, not on
// stdout, which may be redirected.
func newRenderers(opts Options) (styled, cursor *lipgloss.Renderer) {
	var out io.Writer = os.Stdout
	if opts.Output != nil {
		out = opts.Output
	}
	styled = lipgloss.NewRenderer(out)
	if opts.NoColor {
		styled.SetColorProfile(termenv.Ascii)
	}
	return styled, lipgloss.NewRenderer(out)
}

func newStyles(r, cursor *lipgloss.Renderer) styles {
	s := styles{
		Title:    r.NewStyle().Bold(true).Foreground(colAccent),
		Step:     r.NewStyle().Foreground(colSubtle),
		Demo:     r.NewStyle().Bold(true).Foreground(colDemo),
		Text:     r.NewStyle(),
		Subtle:   r.NewStyle().Foreground(colSubtle),
		Accent:   r.NewStyle().Foreground(colAccent),
		Warn:     r.NewStyle().Foreground(colWarn),
		Err:      r.NewStyle().Foreground(colErr),
		OK:       r.NewStyle().Foreground(colOK),
		Label:    r.NewStyle().Foreground(colSubtle),
		Value:    r.NewStyle().Bold(true),
		Selected: r.NewStyle().Foreground(colAccent).Bold(true),
		Spinner:  r.NewStyle().Foreground(colAccent),
		Prompt:   r.NewStyle().Foreground(colAccent),
		Input:    r.NewStyle(),
		Holder:   r.NewStyle().Foreground(colSubtle),
		Cursor:   cursor.NewStyle(),
	}
	key := r.NewStyle().Foreground(colAccent)
	desc := r.NewStyle().Foreground(colSubtle)
	sep := r.NewStyle().Foreground(colSubtle)
	s.Help = help.Styles{
		Ellipsis:       sep,
		ShortKey:       key,
		ShortDesc:      desc,
		ShortSeparator: sep,
		FullKey:        key,
		FullDesc:       desc,
		FullSeparator:  sep,
	}
	return s
}
