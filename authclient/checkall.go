package authclient

import (
	"context"
	"errors"
	"sync"
	"time"
)

// DefaultCheckWorkers bounds how many validations CheckAll has in flight: a
// few at once make checking fifty accounts take a few round trips rather than
// fifty, without a burst the API could take for abuse.
const DefaultCheckWorkers = 8

// Target is one login to check: a token for a stack, under a name the caller
// knows it by.
type Target struct {
	Name     string
	Token    string
	StackURL string
}

// CheckStatus is what a check found, in the words a person would use.
type CheckStatus int

const (
	CheckValid       CheckStatus = iota + 1 // the token may use the stack
	CheckRefused                            // 401: the token is wrong or revoked
	CheckNoAccess                           // 403: no such stack, or the token may not use it
	CheckUnreachable                        // no answer: network, timeout, server trouble, odd reply
	CheckCancelled                          // the caller gave up first
	CheckInvalid                            // the stored token or stack URL cannot be sent at all
)

var checkStatusNames = [...]string{
	CheckValid:       "valid",
	CheckRefused:     "refused",
	CheckNoAccess:    "no-access",
	CheckUnreachable: "unreachable",
	CheckCancelled:   "cancelled",
	CheckInvalid:     "invalid",
}

// String is a stable short name, fit for --json output.
func (s CheckStatus) String() string {
	if s > 0 && int(s) < len(checkStatusNames) {
		return checkStatusNames[s]
	}
	return "unknown"
}

// CheckResult is the answer for one Target.
type CheckResult struct {
	// Index is the target's place in the slice given to CheckAll: results
	// arrive in the order the answers do.
	Index  int
	Status CheckStatus
	// Info is set when Status is CheckValid.
	Info AuthInfo
	// Err is the failure, an *Error, when Status is not CheckValid.
	Err     error
	Elapsed time.Duration
}

// StatusOf sorts a Validate error into a CheckStatus; nil is CheckValid.
func StatusOf(err error) CheckStatus {
	var e *Error
	var se *StackInputError
	var te *TokenInputError
	switch {
	case err == nil:
		return CheckValid
	case errors.As(err, &se), errors.As(err, &te):
		return CheckInvalid
	case errors.As(err, &e) && e.Kind == KindInvalidToken:
		return CheckRefused
	case errors.As(err, &e) && e.Kind == KindStackAccess:
		return CheckNoAccess
	case errors.As(err, &e) && e.Kind == KindCancelled, errors.Is(err, context.Canceled):
		return CheckCancelled
	}
	return CheckUnreachable
}

// CheckAll validates every target, one GET /cloud/v6/auth each, with at most
// workers (DefaultCheckWorkers when < 1) in flight, all on api (so they share
// its connections and its time limit per call). Each result is sent as soon
// as its answer arrives; the channel is closed after the last. It holds room
// for every result, so a caller that stops reading leaks nothing; cancelling
// ctx ends the requests in flight, and the targets not yet started are
// reported as CheckCancelled without a request.
func CheckAll(ctx context.Context, api API, targets []Target, workers int) <-chan CheckResult {
	if workers < 1 {
		workers = DefaultCheckWorkers
	}
	workers = min(workers, max(1, len(targets)))
	results := make(chan CheckResult, len(targets))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results <- check(ctx, api, i, targets[i])
			}
		}()
	}
	go func() {
		for i := range targets {
			next <- i
		}
		close(next)
		wg.Wait()
		close(results)
	}()
	return results
}

func check(ctx context.Context, api API, i int, t Target) CheckResult {
	if err := ctx.Err(); err != nil {
		return CheckResult{Index: i, Status: CheckCancelled, Err: &Error{Kind: KindCancelled, Err: err}}
	}
	start := time.Now()
	info, err := api.Validate(ctx, t.Token, t.StackURL)
	r := CheckResult{Index: i, Status: StatusOf(err), Err: err, Elapsed: time.Since(start)}
	if err == nil {
		r.Info = info
	}
	return r
}
