package authclient

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Kind names the cause of a failure; the UI and the command line branch on it.
type Kind int

const (
	KindUnknown         Kind = iota
	KindInvalidToken         // 401
	KindStackAccess          // 403: stack missing or token may not use it
	KindProjectNotFound      // 404 on a project
	KindRateLimited          // 429 after retries
	KindServer               // 5xx after retries
	KindUnexpectedReply      // not JSON, wrong shape, missing fields, HTML from a proxy
	KindDNS                  // host name does not resolve
	KindConnRefused          // nothing listens
	KindTLS                  // certificate or handshake failure
	KindTimeout              // no reply in time
	KindCancelled            // the caller cancelled
	KindNetwork              // any other transport failure (reset, redirect refused, ...)
)

var kindNames = [...]string{
	KindUnknown:         "unknown",
	KindInvalidToken:    "invalid-token",
	KindStackAccess:     "stack-access",
	KindProjectNotFound: "project-not-found",
	KindRateLimited:     "rate-limited",
	KindServer:          "server",
	KindUnexpectedReply: "unexpected-reply",
	KindDNS:             "dns",
	KindConnRefused:     "connection-refused",
	KindTLS:             "tls",
	KindTimeout:         "timeout",
	KindCancelled:       "cancelled",
	KindNetwork:         "network",
}

// String gives a stable short name, fit for --json output and logs.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", int(k))
}

// Error is every failure this package returns.
//
//	Error()  one sentence: what happened (safe to print: no token, server text sanitised)
//	Hint()   what to do next
//	Unwrap() the underlying error, if any
//	Is(target) matches another *Error of the same Kind, so errors.Is(err, ErrInvalidToken) works.
type Error struct {
	Kind          Kind
	Status        int    // HTTP status, 0 when no reply
	ServerMessage string // error.message from the server, sanitised and capped
	Host          string // the API host or stack involved, for the message
	// Address is the API address and where it was set, when the client knew;
	// hints about the address name that place.
	Address Address
	Err     error

	// Stack names the stack involved: its URL for Validate, "stack <id>" otherwise.
	Stack string
	// ProjectID is set for KindProjectNotFound.
	ProjectID int64
	// Attempts is how many requests were made, when more than one.
	Attempts int
	// Timeout is the limit that ran out, for KindTimeout when it is known.
	Timeout time.Duration

	// detail is a sanitised, token-free account of Err made when the error was built;
	// Error() prefers it over Err's own text.
	detail string
	// redirected is set when a redirect was refused, to give the right hint.
	redirected bool
}

// Address is an API address and where it was set (Endpoint.BaseURL and
// BaseURLSource).
type Address struct {
	URL    string
	Source string
}

// custom reports whether the address was set somewhere (not the default).
func (a Address) custom() bool { return a.Source != "" && a.Source != SourceDefault }

func (a Address) String() string { return SafeText(a.URL) + " (set by " + SafeText(a.Source) + ")" }

// Sentinels for errors.Is.
var (
	ErrInvalidToken    = &Error{Kind: KindInvalidToken}
	ErrStackAccess     = &Error{Kind: KindStackAccess}
	ErrProjectNotFound = &Error{Kind: KindProjectNotFound}
	ErrRateLimited     = &Error{Kind: KindRateLimited}
	ErrServer          = &Error{Kind: KindServer}
	ErrUnexpectedReply = &Error{Kind: KindUnexpectedReply}
	ErrDNS             = &Error{Kind: KindDNS}
	ErrConnRefused     = &Error{Kind: KindConnRefused}
	ErrTLS             = &Error{Kind: KindTLS}
	ErrTimeout         = &Error{Kind: KindTimeout}
	ErrCancelled       = &Error{Kind: KindCancelled}
	ErrNetwork         = &Error{Kind: KindNetwork}
)

func (e *Error) Unwrap() error { return e.Err }

// Is matches by Kind alone, so the sentinels above work with errors.Is.
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Kind == e.Kind
}

// Error says what happened in one sentence. It never contains the token.
func (e *Error) Error() string {
	host := e.Host
	if host == "" {
		host = "the k6 API"
	}
	var b strings.Builder
	switch e.Kind {
	case KindInvalidToken:
		if e.Status == 0 {
			// Refused here, before sending: there is no reply to quote.
			b.WriteString("the token cannot be used")
			e.writeDetail(&b)
			break
		}
		b.WriteString("the token was refused by " + host)
		e.writeStatus(&b)
	case KindStackAccess:
		stack := "the stack"
		if e.Stack != "" {
			stack = e.stackName()
		}
		b.WriteString(host + " refused access to " + stack + ": it does not exist or the token may not use it")
		serverMessage := e.ServerMessage
		if strings.HasPrefix(serverMessage, "Stack not found or you don't have access") {
			// The usual reply says no more than the sentence above.
			serverMessage = ""
		}
		e.writeStatusWith(&b, serverMessage)
	case KindProjectNotFound:
		if e.ProjectID > 0 {
			fmt.Fprintf(&b, "project %d was not found", e.ProjectID)
		} else {
			b.WriteString("the project was not found")
		}
		if e.Stack != "" {
			b.WriteString(" in " + e.stackName())
		}
		e.writeStatus(&b)
	case KindRateLimited:
		b.WriteString(host + " is limiting the rate of requests")
		e.writeStatus(&b)
		e.writeAttempts(&b)
	case KindServer:
		b.WriteString(host + " had a server error")
		e.writeStatus(&b)
		e.writeAttempts(&b)
	case KindUnexpectedReply:
		b.WriteString(host + " gave an unexpected reply")
		e.writeStatus(&b)
	case KindDNS:
		b.WriteString("the API host " + host + " could not be found (DNS lookup failed)")
	case KindConnRefused:
		b.WriteString(host + " refused the connection: nothing is listening there")
		e.writeAttempts(&b)
	case KindTLS:
		b.WriteString("the secure connection to " + host + " failed")
		e.writeDetail(&b)
	case KindTimeout:
		b.WriteString(host + " did not reply in time")
		if e.Timeout > 0 {
			b.WriteString(" (limit " + e.Timeout.String() + ")")
		}
		e.writeAttempts(&b)
	case KindCancelled:
		b.WriteString("the request to " + host + " was cancelled")
	case KindNetwork:
		if e.redirected {
			b.WriteString(host + " redirected the request")
		} else {
			b.WriteString("the connection to " + host + " failed")
		}
		e.writeDetail(&b)
		e.writeAttempts(&b)
	default:
		b.WriteString("the request to " + host + " failed")
		e.writeStatus(&b)
	}
	return b.String()
}

func (e *Error) stackName() string {
	if strings.HasPrefix(e.Stack, "stack ") {
		return e.Stack
	}
	return "the stack " + e.Stack
}

// writeStatus appends "(401: Invalid token)", the status text without server
// text, and the detail.
func (e *Error) writeStatus(b *strings.Builder) { e.writeStatusWith(b, e.ServerMessage) }

func (e *Error) writeStatusWith(b *strings.Builder, serverMessage string) {
	var parts []string
	if e.Status != 0 {
		s := fmt.Sprint(e.Status)
		if serverMessage != "" {
			s += ": " + serverMessage
		} else if t := http.StatusText(e.Status); t != "" && e.Kind != KindStackAccess {
			s += " " + t
		}
		parts = append(parts, s)
	} else if serverMessage != "" {
		parts = append(parts, serverMessage)
	}
	if d := e.detailText(); d != "" {
		parts = append(parts, d)
	}
	if len(parts) > 0 {
		b.WriteString(" (" + strings.Join(parts, "; ") + ")")
	}
}

func (e *Error) writeDetail(b *strings.Builder) {
	if d := e.detailText(); d != "" {
		b.WriteString(": " + d)
	}
}

func (e *Error) writeAttempts(b *strings.Builder) {
	if e.Attempts > 1 {
		fmt.Fprintf(b, ", after %d attempts", e.Attempts)
	}
}

func (e *Error) detailText() string {
	if e.detail != "" {
		return e.detail
	}
	// Errors built outside this package (fakes in other tests) have no detail yet.
	if e.Err != nil && e.Kind != KindCancelled && e.Kind != KindTimeout && e.Kind != KindDNS {
		return sanitizeServerText(e.Err.Error())
	}
	return ""
}

// Hint says what to do next, in one or two sentences.
func (e *Error) Hint() string {
	switch e.Kind {
	case KindInvalidToken:
		return "Create or copy a token in Grafana Cloud under Testing & synthetics → Performance → Settings → Access, and paste it whole."
	case KindStackAccess:
		return "Check the stack URL (like https://my-team.grafana.net). A personal token works only for stacks its user is a member of; a stack token only for the stack it was created in."
	case KindProjectNotFound:
		return "Pick a project that exists in this stack, or leave the project ID empty to use the stack's default project."
	case KindRateLimited:
		return "Wait a minute, then try again."
	case KindServer:
		return "The Grafana Cloud k6 API has trouble; try again in a few minutes (see https://status.grafana.com)."
	case KindUnexpectedReply:
		if e.Status >= 400 && e.Status < 500 && e.Status != http.StatusNotFound && e.ServerMessage != "" {
			return "The API refused the request itself, which points to a bug in k6login; please report it with the message above."
		}
		switch {
		case e.Address.custom():
			return "Check that the API address " + e.Address.String() + " points at the k6 API, " + DefaultBaseURL + " by default; a proxy may be answering instead."
		case e.Address.Source == SourceDefault:
			return "A proxy or gateway may be answering instead of the k6 API; check your proxy settings (HTTPS_PROXY)."
		}
		return "Check that K6_CLOUD_HOST_V6 (or collectors.cloud.hostv6 in the config file) points at the k6 API, " + DefaultBaseURL + " by default; a proxy may be answering instead."
	case KindDNS:
		switch {
		case e.Address.custom():
			return "Check the API address " + e.Address.String() + ", and your network connection and DNS."
		case e.Address.Source == SourceDefault:
			return "Check your network connection and DNS."
		}
		return "Check your network connection and DNS, and that K6_CLOUD_HOST_V6 (if set) names the right host."
	case KindConnRefused:
		switch {
		case e.Address.custom():
			return "Check the API address " + e.Address.String() + ": is the server there running? Also check that no firewall or proxy blocks it."
		case e.Address.Source == SourceDefault:
			return "Check that no firewall or proxy blocks the connection."
		}
		return "Check the API address (K6_CLOUD_HOST_V6, if set) and that no firewall or proxy blocks it."
	case KindTLS:
		return "Check your proxy and system certificates: a proxy that inspects HTTPS needs its certificate installed on this machine."
	case KindTimeout:
		return "Check your network connection, or allow more time with K6_CLOUD_TIMEOUT (for example K6_CLOUD_TIMEOUT=2m)."
	case KindCancelled:
		return "Nothing was changed; run it again when ready."
	case KindNetwork:
		if e.redirected {
			if e.Address.custom() {
				return "Set the API address " + e.Address.String() + " to the API's final address, or unset it to use " + DefaultBaseURL + "."
			}
			return "Set K6_CLOUD_HOST_V6 (or collectors.cloud.hostv6) to the API's final address, or unset it to use " + DefaultBaseURL + "."
		}
		return "Check your network connection and proxy settings (HTTPS_PROXY), then try again."
	default:
		return "Try again; if it keeps failing, check your network and the API address."
	}
}
