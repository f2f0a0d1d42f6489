package tui

import (
	"testing"
)

// startSwitch builds the model with NewSwitch instead of New (k6login switch
// without a name); it goes first among the options.
func startSwitch() acctOpt {
	return func(e *acctEnv) {
		e.m = NewSwitch(e.m.deps, e.m.opts)
		e.m.holdStill()
	}
}

// The picker started alone is the switch screen of home, and q leaves it with
// nothing written.
func TestSwitchPickerAloneQuit(t *testing.T) {
	e := newAcctEnv(t, append([]acctOpt{startSwitch()}, standard()...)...)
	tm := e.program()
	waitShown(t, tm, "3 accounts")
	send(tm, runes("q"))
	finalA(t, e, tm)
	e.requireFilesUntouched()
	requireResult(t, e, ActionNone, "")
	if e.m.Result().Interrupted {
		t.Fatal("q counted as Ctrl+C")
	}
}

// Esc has no home to go back to: it quits, with nothing written.
func TestSwitchPickerAloneEscQuits(t *testing.T) {
	e := newAcctEnv(t, append([]acctOpt{startSwitch()}, standard()...)...)
	tm := e.program()
	waitShown(t, tm, "esc quit")
	send(tm, esc)
	tm.WaitFinished(t)
	e.requireFilesUntouched()
	requireResult(t, e, ActionNone, "")
}

// Enter validates the chosen account, writes it and ends the program: the
// command that opened the picker says what was done.
func TestSwitchPickerAloneSwitches(t *testing.T) {
	e := newAcctEnv(t, append([]acctOpt{startSwitch()}, standard()...)...)
	tm := e.program()
	waitShown(t, tm, "3 accounts")
	send(tm, enter) // the cursor starts on the first account not in use: ci-stack
	finalA(t, e, tm)
	e.requireConfig(credsOf("ci-stack"))
	got := e.requireAccountNames("ci-stack", "my-team-personal", "old-laptop")
	if !got["ci-stack"].LastValidated.Equal(clock) {
		t.Fatalf("ci-stack %+v", got["ci-stack"])
	}
	r := requireResult(t, e, ActionSwitch, "ci-stack")
	if !r.Saved || r.Unchecked || r.RecordErr != nil || r.Credentials != credsOf("ci-stack") {
		t.Fatalf("result %+v", r)
	}
}

// A refused token stops the switch; Esc goes back to the picker, and Esc
// there quits with nothing written. Switching anyway is reported unchecked.
func TestSwitchPickerAloneRefused(t *testing.T) {
	e := newAcctEnv(t, append([]acctOpt{startSwitch()}, standard()...)...)
	tm := e.program()
	waitShown(t, tm, "3 accounts")
	send(tm, down, down, enter) // old-laptop
	waitShown(t, tm, "Token refused: old-laptop")
	send(tm, esc)
	waitShown(t, tm, "esc quit")
	send(tm, esc)
	tm.WaitFinished(t)
	e.requireFilesUntouched()
	requireResult(t, e, ActionNone, "")

	e = newAcctEnv(t, append([]acctOpt{startSwitch()}, standard()...)...)
	tm = e.program()
	waitShown(t, tm, "3 accounts")
	send(tm, down, down, enter)
	waitShown(t, tm, "Token refused: old-laptop")
	send(tm, runes("s"))
	tm.WaitFinished(t)
	e.requireConfig(credsOf("old-laptop"))
	if r := requireResult(t, e, ActionSwitch, "old-laptop"); !r.Unchecked {
		t.Fatalf("result %+v", r)
	}
}

// In demo mode the picker says DEMO too.
func TestSwitchPickerAloneDemo(t *testing.T) {
	e := newAcctEnv(t, startSwitch(), withConfig(configWithLogin, 0o600), withAccounts(seedAccounts()...), withDemoBadge())
	tm := e.program()
	waitShown(t, tm, "3 accounts")
	send(tm, runes("q"))
	finalA(t, e, tm)
}
