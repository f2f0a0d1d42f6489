//go:build !unix

package main

import (
	"errors"
	"syscall"
)

// raise cannot send a signal here; the tests that need it skip on Windows.
func raise(syscall.Signal) error { return errors.New("signals cannot be sent on this system") }
