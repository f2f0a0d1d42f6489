package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/k6login/k6login/authclient"
)

// benchAccounts writes an accounts file of n accounts (the first is the login
// in configWithLogin), as a heavy user's might be, so the switch and forget
// lists are measured at the same scale as the project list.
func benchAccounts(n int) string {
	var b strings.Builder
	b.WriteString(`{"version": 1, "accounts": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		token := fmt.Sprintf("glc_bench%05d_%s", i, strings.Repeat("x", 24))
		if i == 0 {
			token = goodToken
		}
		fmt.Fprintf(&b, `{"name": "team-%05d", "token": %q, "stackURL": %q, "stackID": %d, "defaultProjectID": %d, "tokenMode": "personal"}`,
			i, token, stackURL, stackID, defaultPID)
	}
	b.WriteString("]}")
	return b.String()
}

// accountsBenchEnv opens the home screen with benchProjects saved accounts.
func accountsBenchEnv(b *testing.B) *acctEnv {
	e := newAcctEnv(b, withConfig(configWithLogin, 0o600), withAccountsFile(benchAccounts(benchProjects)))
	e.init()
	e.requireStep(stepHome)
	return e
}

func BenchmarkHome(b *testing.B) {
	e := accountsBenchEnv(b)
	benchKeys(b, e.env, stepHome, down, down, up, up, runes("?"), runes("?"))
}

func BenchmarkAccountReview(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("r"))
	e.requireStep(stepAccount)
	benchKeys(b, e.env, stepAccount, runes("?"), runes("?"))
}

func BenchmarkSwitchListCursor(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("s"))
	e.requireStep(stepSwitch)
	benchKeys(b, e.env, stepSwitch, down, down, down, keyType(tea.KeyPgDown), up, keyType(tea.KeyPgUp))
}

func BenchmarkSwitchFilterTyping(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("s"))
	e.requireStep(stepSwitch)
	benchKeys(b, e.env, stepSwitch, runes("/"), runes("t"), runes("0"), runes("1"),
		keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), keyType(tea.KeyBackspace), esc)
}

func BenchmarkResetMenu(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("x"))
	e.requireStep(stepReset)
	benchKeys(b, e.env, stepReset, down, down, up, up)
}

func BenchmarkForgetPick(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("x"), down, enter)
	e.requireStep(stepForgetPick)
	benchKeys(b, e.env, stepForgetPick, down, down, up, up)
}

func BenchmarkConfirm(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("x"), enter)
	e.requireStep(stepConfirm)
	benchKeys(b, e.env, stepConfirm, down, up)
}

// BenchmarkValidateError toggles the help on the error screen of a timeout.
func BenchmarkValidateError(b *testing.B) {
	e := benchEnv(b)
	e.api.errs = []error{timeoutErr, timeoutErr, timeoutErr}
	e.send(enter)
	e.typeText("my-team")
	e.send(enter, paste(goodToken), enter)
	e.requireStep(stepValidateError)
	benchKeys(b, e, stepValidateError, runes("?"), runes("?"))
}

// BenchmarkCheckAllList: keys on "Check all accounts" with 1,500 logins,
// every one answered (the screen's heaviest state: each row draws its verdict).
func BenchmarkCheckAllList(b *testing.B) {
	e := accountsBenchEnv(b)
	e.send(runes("c"))
	e.requireStep(stepCheckAll)
	if e.m.acc.ca.pending != 0 {
		b.Fatalf("%d checks pending", e.m.acc.ca.pending)
	}
	benchKeys(b, e.env, stepCheckAll, down, down, down, keyType(tea.KeyPgDown), up, keyType(tea.KeyPgUp), runes("G"), runes("g"))
}

// BenchmarkCheckAllWhileChecking: the same keys while every check runs
// (a spinner on each row on screen).
func BenchmarkCheckAllWhileChecking(b *testing.B) {
	e := accountsBenchEnv(b)
	e.api.gate = make(chan struct{})
	defer close(e.api.gate)
	e.sendNoRun(runes("c"))
	e.requireStep(stepCheckAll)
	benchKeys(b, e.env, stepCheckAll, down, down, down, keyType(tea.KeyPgDown), up, keyType(tea.KeyPgUp), runes("G"), runes("g"))
}

// BenchmarkCheckAllAnswer: one answer arriving among 1,500 rows.
func BenchmarkCheckAllAnswer(b *testing.B) {
	e := accountsBenchEnv(b)
	e.api.gate = make(chan struct{})
	defer close(e.api.gate)
	e.sendNoRun(runes("c"))
	seq := e.m.acc.ca.run.seq
	msg := checkAllMsg{seq: seq, ok: true, res: authclient.CheckResult{Index: 7, Status: authclient.CheckValid, Info: authclient.AuthInfo{StackID: stackID, DefaultProjectID: defaultPID}}}
	b.ReportAllocs()
	for b.Loop() {
		e.m.Update(msg)
		_ = e.m.View()
	}
}
