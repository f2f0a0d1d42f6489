// Package quietstart keeps package initialisation from asking the terminal
// anything when the command line can only print: --show, --version, --json
// and --help never open a screen.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground in its package init, which
// writes OSC 11 and a cursor-position query to a terminal on standard output
// and waits for the replies: a round trip to the terminal emulator (over SSH,
// a network round trip) before main even starts, and stray bytes in a
// terminal that answers late. termenv does not query when CI is set, so this
// package sets CI for the duration of package initialisation and main removes
// it again with Restore.
//
// It only works because this package imports nothing but os: by the Go
// specification packages are initialised in import-path order among those
// whose imports are ready, so it runs before github.com/muesli/termenv (which
// sorts after github.com/k6login) and so before Bubble Tea. Do not add imports.
//
// The price: in these commands Lip Gloss's default renderer believes there is
// no terminal (no colour), which is right for output that is printed plainly.
package quietstart

import "os"

// set records that init set CI, so Restore removes exactly that.
var set bool

func init() {
	if _, ok := os.LookupEnv("CI"); ok || !printsOnly(os.Args[1:]) {
		return
	}
	set = os.Setenv("CI", "1") == nil
}

// Restore removes what init set; call it first thing in main, before the
// environment is read or any child process started.
func Restore() {
	if set {
		_ = os.Unsetenv("CI")
		set = false
	}
}

// printsOnly reports whether a flag on the command line means k6login
// prints and exits without a screen. Flags are matched as whole arguments;
// a false "no" only costs the query the program would make anyway.
func printsOnly(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-s", "--show", "-v", "--version", "--json", "-h", "--help":
			return true
		}
	}
	return false
}
