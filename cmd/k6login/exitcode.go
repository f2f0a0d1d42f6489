package main

import (
	"context"
	"errors"

	"github.com/k6login/k6login/authclient"
)

// Exit codes, documented in --help and the README. Scripts branch on them, so they
// are part of the interface: never renumber.
const (
	exitOK          = 0
	exitError       = 1 // the config file or another local problem
	exitInput       = 2 // bad flags, stack, token or project ID
	exitAuthRefused = 3 // the API refused the token or the stack (401, 403)
	exitNetwork     = 4 // network, timeout, rate limit, server error or odd reply
	exitReport      = 5 // the change was made, but its report could not be written
	exitHangup      = 129
	exitInterrupted = 130 // Ctrl+C, SIGINT, or a "no" to a confirmation
	exitTerminated  = 143
)

const exitCodeHelp = `Exit codes:
  0    success
  1    the config file could not be read or written (or another local error)
  2    invalid input: flags, token, stack, project ID or API address
  3    authentication refused: bad token, or no access to the stack
  4    network or server trouble: DNS, connection, TLS, timeout, rate limit, 5xx
  5    the change was saved, but its report could not be written to stdout
  129  ended by SIGHUP (the terminal closed); nothing was changed
  130  cancelled: Ctrl+C, SIGINT, or "no" to a question; nothing was changed
  143  ended by SIGTERM; nothing was changed

A signal ends k6login within a second, with the terminal restored; files are
written whole or not at all. With --json a failure prints
{"error":{"code":"...","message":"..."}} on stdout; see the codes below.`

// cancelledMessage is what a cancelled run says, whatever cancelled it.
const cancelledMessage = "Cancelled; nothing was changed."

// errCancelled is a cancellation by the user (Ctrl+C in the wizard, "no" to
// a confirmation); signals cancel the run's context instead.
var errCancelled = errors.New("cancelled")

// cliError carries the exit code with the message a user sees.
type cliError struct {
	code int
	msg  string
	hint string
	// jsonCode is the --json error code, when the exit code alone does not say.
	jsonCode string
}

func (e *cliError) Error() string { return e.msg }

func inputError(msg, hint string) error { return &cliError{code: exitInput, msg: msg, hint: hint} }

// reportFailed is the error of a change that was made whose report (the
// --json output) could not be written: exit 5 says so, and that the change
// itself succeeded, where exit 1 would suggest the config was not written.
func reportFailed(err error, done string) error {
	if err == nil {
		return nil
	}
	return &cliError{code: exitReport, jsonCode: "report-not-written",
		msg:  done + ", but its report could not be written to standard output: " + err.Error(),
		hint: "Nothing needs to be done again; k6login --show shows what is stored."}
}

// exitCodeFor maps any error to the documented exit codes.
func exitCodeFor(err error) int {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.code
	}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		switch ae.Kind {
		case authclient.KindInvalidToken, authclient.KindStackAccess:
			return exitAuthRefused
		case authclient.KindProjectNotFound:
			return exitInput
		case authclient.KindCancelled:
			return exitInterrupted
		default:
			return exitNetwork
		}
	}
	var se *authclient.StackInputError
	var te *authclient.TokenInputError
	if errors.As(err, &se) || errors.As(err, &te) {
		return exitInput
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, errCancelled) {
		return exitInterrupted
	}
	return exitError
}

// hintFor gives the next step to print under an error, if there is one.
func hintFor(err error) string {
	var ce *cliError
	if errors.As(err, &ce) {
		return ce.hint
	}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		return ae.Hint()
	}
	var se *authclient.StackInputError
	if errors.As(err, &se) {
		// The reason already says what to type; name where the value came from.
		return "(from --stack)"
	}
	var te *authclient.TokenInputError
	if errors.As(err, &te) {
		return "Copy the token again from Grafana Cloud: Testing & synthetics → Performance → Settings → Access."
	}
	return ""
}
