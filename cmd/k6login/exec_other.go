//go:build !unix

package main

import (
	"os"
	"os/exec"
)

// On Windows Ctrl+C reaches every process of the console, the command
// included, and cannot be sent to one process; k6login only waits for it.
var forwardedSignals = []os.Signal{os.Interrupt}

func exitStatusOf(ee *exec.ExitError) int { return ee.ExitCode() }

func (a *app) childHasSignal(os.Signal) bool { return true }
