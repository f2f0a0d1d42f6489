package flow

import (
	"errors"

	"github.com/k6login/k6login/authclient"
)

// Failure is what to say about a failed request: a title naming the cause,
// what happened, and what to do next.
type Failure struct {
	Kind  authclient.Kind
	Title string
	What  string // a sentence
	Hint  string
}

// Remedy is where a failed check of a token sends the user.
type Remedy int

const (
	RemedyRetry      Remedy = iota // no clear answer (network, server): try again, or change what was typed
	RemedyNewToken                 // the token was refused
	RemedyOtherStack               // the token may not use this stack
)

// KindOf is the cause of a request's failure, KindUnknown when it is not an *authclient.Error.
func KindOf(err error) authclient.Kind {
	var ae *authclient.Error
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return authclient.KindUnknown
}

// RemedyFor says where a failed validation sends the user.
func RemedyFor(err error) Remedy {
	switch KindOf(err) {
	case authclient.KindInvalidToken:
		return RemedyNewToken
	case authclient.KindStackAccess:
		return RemedyOtherStack
	}
	return RemedyRetry
}

// Refused reports whether the API turned a token down (401/403), as opposed
// to not answering: trying again does not help then.
func Refused(err error) bool { return RemedyFor(err) != RemedyRetry }

// Describe explains a failed request.
func Describe(err error) Failure {
	f := Failure{Kind: KindOf(err), What: ErrText(err), Title: kindTitle(KindOf(err))}
	var ae *authclient.Error
	if errors.As(err, &ae) {
		// The line mode reads its arrows (→) as words.
		f.Hint = authclient.SafeText(ae.Hint())
	}
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
	}
	return "Something went wrong"
}
