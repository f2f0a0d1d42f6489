package flow

import (
	"strconv"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// "Check all accounts" (the home screen, the line mode's menu) and the
// `status` command say the same things about each login they check: the words
// live here.

// CheckAllTitle and the other texts of "Check all accounts".
const (
	CheckAllTitle  = "Check all accounts"
	CheckAllIntro  = "Every login is checked against its stack. Nothing is written."
	NothingToCheck = "No login to check: k6's config holds none and no account is saved."
)

// StatusTokenUnavailable is the status of a login whose token the keyring
// will not give now: it is reported, not sent. The other statuses are
// authclient.CheckStatus's names; "" is a check still running.
const StatusTokenUnavailable = "token-unavailable"

// CheckEntries are the logins "Check all accounts" and `status` check: the
// login only k6's config holds (even when the accounts file cannot be read),
// then every saved account.
func (a Accounts) CheckEntries() []Entry {
	var out []Entry
	if u := a.Overview.Unsaved; u != nil {
		out = append(out, Entry{Account: *u, Unsaved: true, Active: true})
	}
	for i, acct := range a.Overview.Accounts {
		out = append(out, Entry{Account: acct, Active: i == a.Overview.Active})
	}
	return out
}

// Check is what is known about one login's check.
type Check struct {
	// Status is an authclient.CheckStatus name, StatusTokenUnavailable, or ""
	// while the check runs.
	Status string
	// StackID and DefaultProjectID are the API's answer when valid.
	StackID, DefaultProjectID int64
	// ProjectID is the project the login sends runs to, 0 for the default.
	ProjectID int64
	// Error is the failure's message (not yet made safe).
	Error string
}

// CheckOf is the check of acct as CheckAll answered it.
func CheckOf(acct configstore.Account, r authclient.CheckResult) Check {
	c := Check{Status: r.Status.String(), ProjectID: acct.ProjectID}
	if r.Err != nil {
		c.Error = r.Err.Error()
	} else {
		c.StackID, c.DefaultProjectID = r.Info.StackID, r.Info.DefaultProjectID
	}
	return c
}

// TokenUnavailable is the check of a login whose token the keyring would not
// give; reason is the keyring's error, nil when unknown.
func TokenUnavailable(acct configstore.Account, reason error) Check {
	return Check{Status: StatusTokenUnavailable, ProjectID: acct.ProjectID, Error: TokenUnavailableText(acct.Name, reason)}
}

// TokenUnavailableText says why a login's token cannot be used now.
func TokenUnavailableText(name string, reason error) string {
	s := "the token of " + name + " is kept in the system keyring, which cannot be read now"
	if reason != nil {
		s += ": " + reason.Error()
	}
	return s
}

// TokenUnavailableHint says what to do about it.
const TokenUnavailableHint = "Unlock the keyring (or start its service) and try again, or log in to this account again with --insecure-storage to keep its token in the accounts file."

// Done reports whether the check has its answer.
func (c Check) Done() bool { return c.Status != "" }

// Valid reports whether the token may use its stack.
func (c Check) Valid() bool { return c.Status == authclient.CheckValid.String() }

// Word is the check's state in a word or two, for narrow rows.
func (c Check) Word() string {
	switch c.Status {
	case "":
		return "checking…"
	case "valid":
		return "valid"
	case "refused":
		return "refused"
	case "no-access":
		return "no access"
	case "cancelled":
		return "not checked"
	case "invalid":
		return "invalid"
	case StatusTokenUnavailable:
		return "token unavailable"
	}
	return "unreachable"
}

// Text says what the check found, with the stack and project when valid and
// the reason otherwise, safe to show.
func (c Check) Text() string {
	switch c.Status {
	case "":
		return "checking…"
	case "valid":
		project := "default project " + strconv.FormatInt(c.DefaultProjectID, 10)
		if c.ProjectID != 0 {
			project = "project " + strconv.FormatInt(c.ProjectID, 10) + " (default " + strconv.FormatInt(c.DefaultProjectID, 10) + ")"
		}
		return "valid: stack " + strconv.FormatInt(c.StackID, 10) + ", " + project
	case "refused":
		return "refused: " + authclient.SafeText(c.Error)
	case "no-access":
		return "no access to the stack: " + authclient.SafeText(c.Error)
	case "cancelled":
		return "not checked (cancelled)"
	case "invalid":
		return "invalid: " + authclient.SafeText(c.Error)
	case StatusTokenUnavailable:
		return "not checked: " + authclient.SafeText(c.Error)
	}
	return "unreachable: " + authclient.SafeText(c.Error)
}

// checkWords are the words of CheckSummary, in its order.
var checkWords = []string{"valid", "refused", "no access", "unreachable", "invalid", "token unavailable", "not checked"}

// CheckSummary says how far the checks are, or what they found once all have
// answered: "Checking… 3 of 12 answered." or "12 checked: 9 valid, 2 refused, 1 unreachable."
func CheckSummary(checks []Check) string {
	done := 0
	counts := map[string]int{}
	for _, c := range checks {
		if c.Done() {
			done++
			counts[c.Word()]++
		}
	}
	if done < len(checks) {
		return "Checking… " + strconv.Itoa(done) + " of " + strconv.Itoa(len(checks)) + " answered."
	}
	if len(checks) == 0 {
		return "No login to check."
	}
	s := strconv.Itoa(done) + " checked:"
	first := true
	for _, w := range checkWords {
		if counts[w] == 0 {
			continue
		}
		if !first {
			s += ","
		}
		first = false
		s += " " + strconv.Itoa(counts[w]) + " " + w
	}
	return s + "."
}
