// Package quietstart keeps package initialisation from asking the terminal
// anything.
//
// Bubble Tea v1 calls lipgloss.HasDarkBackground in its package init, which
// writes OSC 11 and a cursor-position query to a terminal on standard output
// and waits for the replies: a round trip to the terminal emulator (over SSH,
// a network round trip; seconds, with a terminal that never answers) before
// main even starts, and stray bytes in a terminal that answers late. k6login
// has no use for the answer in any command: printing commands use no colour,
// and the wizard draws with fixed ANSI colours through renderers of its own,
// so the background never decides a colour. termenv does not query when CI is
// set, so this package sets CI for the duration of package initialisation and
// main removes it again with Restore.
//
// It only works because this package imports nothing but os: by the Go
// specification packages are initialised in import-path order among those
// whose imports are ready, so it runs before github.com/muesli/termenv (which
// sorts after github.com/k6login) and so before Bubble Tea. Do not add imports.
package quietstart

import "os"

// set records that init set CI, so Restore removes exactly that.
var set bool

func init() { set = quiet() }

// quiet sets CI unless the environment already has it, and reports whether
// it did.
func quiet() bool {
	if _, ok := os.LookupEnv("CI"); ok {
		return false
	}
	return os.Setenv("CI", "1") == nil
}

// Restore removes what init set; call it first thing in main, before the
// environment is read or any child process started.
func Restore() {
	if set {
		_ = os.Unsetenv("CI")
		set = false
	}
}
