package tui

import (
	"errors"

	"github.com/k6login/k6login/authclient"
)

// failure is what the wizard says about a failed request: a title naming the
// cause, what happened, and what to do.
type failure struct {
	Kind  authclient.Kind
	Title string
	What  string
	Hint  string
}

// action is where a failed validation sends the user.
type action int

const (
	actionRetry     action = iota // transient: offer retry, or edit
	actionNewToken                // the token was refused
	actionEditStack               // the token may not use this stack
)

func kindOf(err error) authclient.Kind {
	var ae *authclient.Error
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return authclient.KindUnknown
}

func failureAction(err error) action {
	switch kindOf(err) {
	case authclient.KindInvalidToken:
		return actionNewToken
	case authclient.KindStackAccess:
		return actionEditStack
	default:
		return actionRetry
	}
}

func describeFailure(err error) failure {
	f := failure{Kind: kindOf(err), What: err.Error()}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		f.Hint = ae.Hint()
	}
	f.Title = kindTitle(f.Kind)
	if f.Hint == "" {
		f.Hint = "Check your connection and try again."
	}
	return f
}

func kindTitle(k authclient.Kind) string {
	switch k {
	case authclient.KindInvalidToken:
		return "Token refused"
	case authclient.KindStackAccess:
		return "No access to this stack"
	case authclient.KindProjectNotFound:
		return "Project not found"
	case authclient.KindRateLimited:
		return "Too many requests"
	case authclient.KindServer:
		return "Grafana Cloud had a server error"
	case authclient.KindUnexpectedReply:
		return "Unexpected reply"
	case authclient.KindDNS:
		return "Host not found"
	case authclient.KindConnRefused:
		return "Connection refused"
	case authclient.KindTLS:
		return "Secure connection failed"
	case authclient.KindTimeout:
		return "No reply in time"
	case authclient.KindCancelled:
		return "Cancelled"
	case authclient.KindNetwork:
		return "Network error"
	default:
		return "Something went wrong"
	}
}
