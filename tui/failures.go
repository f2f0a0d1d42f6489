package tui

import "github.com/k6login/k6login/tui/flow"

// The screens' names for what package flow says about a failed request; the
// line mode uses flow directly.

type action = flow.Remedy

const (
	actionRetry     = flow.RemedyRetry      // transient: offer retry, or edit
	actionNewToken  = flow.RemedyNewToken   // the token was refused
	actionEditStack = flow.RemedyOtherStack // the token may not use this stack
)

var (
	kindOf          = flow.KindOf
	failureAction   = flow.RemedyFor
	describeFailure = flow.Describe
)
