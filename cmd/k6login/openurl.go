package main

import (
	"errors"
	"io"
	"runtime"

	"github.com/cli/browser"
)

// errNoBrowser says no browser can be opened here; the caller shows the URL
// instead.
var errNoBrowser = errors.New("no browser can be opened here")

// openURL opens url in the user's browser, for the token step's "open the
// token page" key (the screens get it through their dependencies). Where no
// browser window can appear it returns errNoBrowser without running
// anything: over SSH the browser would open on the far machine, and on a
// Linux console the fallbacks (www-browser is often lynx or w3m) would take
// over the terminal the wizard is drawn in. It waits for the opener, so call
// it off the UI's loop.
func (a *app) openURL(url string) error {
	if !canOpenBrowser(runtime.GOOS, a.getenv) {
		return errNoBrowser
	}
	// The opener's own chatter must not land in the wizard's screen.
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	return browser.OpenURL(url)
}

// canOpenBrowser says whether a browser window can appear for this user.
func canOpenBrowser(goos string, getenv func(string) string) bool {
	if getenv("SSH_CONNECTION") != "" || getenv("SSH_TTY") != "" {
		return false
	}
	switch goos {
	case "darwin", "windows":
		return true
	}
	// Linux and the BSDs need a graphical session; WSL opens the Windows browser.
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != "" || getenv("WSL_DISTRO_NAME") != ""
}
