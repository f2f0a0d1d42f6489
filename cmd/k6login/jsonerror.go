package main

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// jsonFailure is what every --json command prints on standard output when it
// fails, so a script reading stdout always gets one JSON value:
//
//	{"error": {"code": "invalid-token", "message": "...", "hint": "..."}}
//
// code is one of jsonErrorCodes; message and hint are what stderr says.
type jsonFailure struct {
	Error jsonFailureDetail `json:"error"`
}

type jsonFailureDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// jsonErrorCodes are the codes of a --json failure, documented in --help and
// the README. Scripts branch on them: never rename one.
const jsonErrorCodes = `Error codes of --json (on stdout as {"error":{"code":"...","message":"..."}}):
  invalid-input       a flag, argument, token, stack or project ID is not valid
  invalid-setting     an environment variable or config setting cannot be used
                      (K6_CLOUD_HOST_V6, hostv6: plain http:// to another host, ...)
  no-such-account     no saved account has the name given
  invalid-token       the API refused the token (401)
  stack-access        the stack does not exist or the token may not use it (403)
  project-not-found   the project is not in the stack
  rate-limited, server, unexpected-reply, dns, connection-refused, tls,
  timeout, network    the API could not be reached or answered badly
  config-invalid      k6's config file is not valid; it was left alone
  locked              another k6login is saving the same file
  accounts            the saved-accounts file could not be read or written
  file                a file could not be read or written
  report-not-written  the change was made, but its report could not be written
  cancelled           Ctrl+C, a signal or a "no" at a question; nothing was changed
  error               anything else`

// writeJSONError prints the failure object for err on w.
func writeJSONError(w io.Writer, code int, err error) error {
	f := jsonFailure{Error: jsonFailureDetail{Code: errorCode(err), Message: err.Error(), Hint: hintFor(err)}}
	if isCancelledCode(code) {
		f.Error = jsonFailureDetail{Code: "cancelled", Message: cancelledMessage}
	}
	return writeJSON(w, f) // as every report: two-space indent, a final newline
}

// isCancelledCode reports whether code is the exit code of a cancelled run.
func isCancelledCode(code int) bool {
	return code == exitInterrupted || code == exitHangup || code == exitTerminated
}

// errorCode names the cause of err for --json.
func errorCode(err error) string {
	var ce *cliError
	if errors.As(err, &ce) && ce.jsonCode != "" {
		return ce.jsonCode
	}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		if ae.Kind == authclient.KindCancelled {
			return "cancelled"
		}
		return ae.Kind.String()
	}
	var se *authclient.SettingError
	if errors.As(err, &se) {
		return "invalid-setting"
	}
	var nae *configstore.NoAccountError
	if errors.As(err, &nae) {
		return "no-such-account"
	}
	switch {
	case errors.Is(err, errCancelled), errors.Is(err, context.Canceled):
		return "cancelled"
	case errors.Is(err, configstore.ErrLocked):
		return "locked"
	case configstore.IsAccountsError(err):
		return "accounts"
	case errors.Is(err, configstore.ErrInvalidConfig):
		return "config-invalid"
	}
	var fe *configstore.FileError
	if errors.As(err, &fe) {
		return "file"
	}
	var pe *configstore.ParseError
	if errors.As(err, &pe) {
		return "config-invalid"
	}
	switch exitCodeFor(err) {
	case exitInput:
		return "invalid-input"
	case exitReport:
		return "report-not-written"
	}
	return "error"
}

// jsonRequested reports whether the command line asked for --json: from the
// parsed flags of the command that ran, or, when parsing failed before them,
// from the arguments themselves.
func jsonRequested(ran interface{ GetBool(string) (bool, error) }, args []string) bool {
	if ran != nil {
		if v, err := ran.GetBool("json"); err == nil && v {
			return true
		}
	}
	for _, arg := range args {
		if arg == "--" {
			break
		}
		if arg == "--json" {
			return true
		}
		if v, ok := strings.CutPrefix(arg, "--json="); ok {
			b, err := strconv.ParseBool(v)
			return err == nil && b
		}
	}
	return false
}
