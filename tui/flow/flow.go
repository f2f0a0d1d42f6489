// Package flow is k6login's flows without a face: the steps of the login
// wizard and of the saved-accounts screens (home, review, switch, reset),
// their labels and help texts, the confirmation texts (future tense before
// an action, past tense after), the summary rows, how credentials are built
// from the answers, and what comes next after each answer and each API reply
// or failure. It does no I/O, prints nothing and knows no key or style: the
// Bubble Tea screens and the line mode (tui.RunAccessible) render what it
// returns and feed it what the user answered and what the API or the files
// said. Both faces therefore ask the same questions, in the same order, and
// write the same files.
//
// Text it returns is ready to show: every part that comes from outside (a
// project or account name, a stack URL, a token mode read from a file, a
// server's message) has been through authclient.SafeText, and tokens are
// masked. A face adds styling, wrapping and its own key hints only.
//
// The wizard. Hold a Login (its zero value is at the Welcome step) and call,
// as things happen:
//
//	l.Start()                      Welcome -> Stack
//	l.SetStack(typed)              Stack -> Token, or an error to show
//	l.SetToken(pasted)             Token -> Validating, or an error to show
//	l.Validated(info, err)         Validating -> TokenType, or ValidateError (then l.Remedies(), l.Recover(r))
//	l.SetMode(mode)                TokenType -> Project
//	l.SetProjects(list, err)       whenever the list arrives (ask for it when Validated succeeds)
//	l.ProjectItems()               the list to show and the entry to preselect
//	l.Choose(item)                 Project -> Review
//	l.ProjectChecked(id, p, err)   a typed ID looked up: Project -> Review, or an error to show
//	l.Back()                       one step back
//	l.Credentials(), l.Summary()   what Review shows and the save writes
//
// Saving (and recording the login as an account) is the face's I/O; it moves
// the Login to Saved when the write succeeded. Credentials holds the project
// rules: a stack token always names a project, a personal token that chose
// the stack's default leaves projectID out so k6 follows the default.
//
// The accounts screens. Make every reading of Session.Overview into
// Accounts with NewAccounts (ConfigUnreadable says when k6's config itself
// failed), then derive rather than store:
//
//	a.HomeItems(), HomeItem.Label()      the home menu ("Keep this login" only when it can succeed)
//	a.HomeRows(l, now), a.SignedOut()    the home summary; Lookup l is a project name fetched for it
//	a.ReviewRows(l, now), a.TooOpen()    the review screen
//	a.Entries(withUnsaved), a.CanSwitch() the switch and forget lists; Entry.Tags
//	SwitchChecking, SwitchFailedNext, Checked, Written, Switched, a.SwitchRows, How.Warning
//	a.ResetChoices(), a.ResetLabel(op)   the reset menu
//	a.Confirm(op, target), op.Then()     the question before a removal (forget all is asked twice)
//	Outcome.Done(), Outcome.OfferSwitch  what a removal did, in the past tense
//
// Describe and RemedyFor explain any failed request and say where it leads.
package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/k6login/k6login/authclient"
)

// Row is one label and value of a summary table. Note, when set, is a warning
// about the value ("others can read it"), shown after it.
type Row struct {
	Label, Value, Note string
}

// DemoNote is what every screen and question says in demo mode, after "DEMO".
const DemoNote = "nothing real is touched: simulated API, throwaway file"

// DemoDone replaces the next command to run once a demo login is saved: the
// file it wrote is thrown away on exit, so k6 has nothing to run with.
const DemoDone = "This was a demo: k6's real config was not touched. To log in for real, run k6login without --demo."

// LoginKeys are what signing out removes from k6's config.
const LoginKeys = "token, stackID, stackURL, defaultProjectID and projectID"

// EndpointNote names a non-default API address and where it was set, before
// any token is sent there; "" for the default address.
func EndpointNote(ep authclient.Endpoint) string {
	if ep.BaseURL == "" || (ep.BaseURL == authclient.DefaultBaseURL && ep.BaseURLSource == authclient.SourceDefault) {
		return ""
	}
	source := ep.BaseURLSource
	switch source {
	case authclient.SourceEnvHostV6:
		source = "the environment variable " + source
	case authclient.SourceFile:
		source = "collectors.cloud.hostv6 in k6's config file"
	case "", authclient.SourceDefault:
		source = "k6login's settings"
	}
	return "The k6 API address is " + authclient.SafeText(ep.BaseURL) + " (set by " + authclient.SafeText(source) +
		"), not " + authclient.DefaultBaseURL + ": tokens are sent there."
}

// Plural picks one or many by n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Count is "1 account", "3 accounts".
func Count(n int, one, many string) string { return strconv.Itoa(n) + " " + Plural(n, one, many) }

// Sentence starts s with a capital (unless it starts with a host name, which
// must stay as it is) and ends it with a full stop unless it ends a sentence.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	if first, _, _ := strings.Cut(s, " "); !strings.ContainsAny(first, ".:/") {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// ErrText is an error's message, safe to show, as a sentence.
func ErrText(err error) string { return Sentence(authclient.SafeText(err.Error())) }

// Ago says how long before now t was, in words; "never" for the zero time.
func Ago(now, t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := now.Sub(t)
	unit := func(n int, one string) string { return Count(n, one, one+"s") + " ago" }
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return unit(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return unit(int(d/time.Hour), "hour")
	case d < 60*24*time.Hour:
		return unit(int(d/(24*time.Hour)), "day")
	}
	return "on " + t.UTC().Format("2 Jan 2006")
}

// DescribeToken says enough about a token to recognise it, never enough to use it.
func DescribeToken(tok string) string {
	n := len([]rune(tok))
	if n == 0 {
		return ""
	}
	if tail := TokenTail(tok); tail != "" {
		return fmt.Sprintf("%s, ends in …%s", Count(n, "character", "characters"), tail)
	}
	return Count(n, "character", "characters")
}

// TokenTail is a token's last four characters, "" when it is too short to
// show any of it.
func TokenTail(tok string) string {
	r := []rune(tok)
	if len(r) < 12 {
		return ""
	}
	return authclient.SafeText(string(r[len(r)-4:]))
}
