package tui

import (
	"context"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/tui/flow"
)

// checkAll is the menu's "Check all accounts": one line per login as its
// answer arrives, then a summary, then back to the menu. Ctrl+C ends it at
// once: the requests in flight are cancelled and nothing is written.
func (l *lineMode) checkAll() error {
	entries := l.acc.CheckEntries()
	if len(entries) == 0 {
		l.say("%s", flow.NothingToCheck)
		return nil
	}
	l.say("%s", flow.CheckAllIntro)
	checks, targets, entryOf := checkRound(l.deps, entries)
	for i, e := range entries {
		if checks[i].Done() {
			l.sayCheck(e, checks[i]) // its token could not be read: not sent
		}
	}
	if len(targets) > 0 && l.deps.API != nil {
		ctx, cancel := context.WithCancel(l.ctx)
		defer cancel()
		results := authclient.CheckAll(ctx, l.deps.API, targets, 0)
		for open := true; open; {
			select {
			case r, ok := <-results:
				if !ok {
					open = false
					break
				}
				e := entryOf[r.Index]
				checks[e] = flow.CheckOf(entries[e].Account, r)
				if l.ctx.Err() == nil {
					l.sayCheck(entries[e], checks[e])
				}
			case <-l.ctx.Done():
				l.say("")
				return l.interrupted()
			}
		}
	}
	if err := l.interrupted(); err != nil {
		return err
	}
	l.say("%s", flow.CheckSummary(checks))
	return nil
}

// sayCheck reads out one login's answer.
func (l *lineMode) sayCheck(e flow.Entry, c flow.Check) {
	name := e.Name()
	switch {
	case e.Unsaved:
		name += " (in use, not saved)"
	case e.Active:
		name += " (in use)"
	}
	l.say("  %s, %s: %s", name, authclient.SafeText(e.Account.StackURL), c.Text())
}
