//go:build unix

package main

import (
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/unix"
)

var forwardedSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// exitStatusOf is the command's exit code, or 128+N when signal N ended it,
// as shells report it.
func exitStatusOf(ee *exec.ExitError) int {
	if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ee.ExitCode()
}

// childHasSignal reports whether the command got s already: a Ctrl+C typed
// in the terminal goes to every process of the foreground group, the command
// included, and a second SIGINT would make k6 abort a test at once rather
// than stop it gracefully. SIGTERM never comes from the terminal.
func (a *app) childHasSignal(s os.Signal) bool {
	if s != os.Interrupt {
		return false
	}
	f, ok := a.stdin.(*os.File)
	if !ok {
		return false
	}
	fg, err := unix.IoctlGetInt(int(f.Fd()), unix.TIOCGPGRP)
	return err == nil && fg == unix.Getpgrp()
}
