package main

import (
	"time"

	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// demoAccounts are the logins a demo starts with, so that home, review,
// switch and reset can be tried at once: a personal token on demo with the
// stack's default project, which k6's throwaway config uses, and a stack
// token on demo-team pinned to a project. Both are tokens fakeapi.Demo
// accepts, so switching between them validates for real.
func demoAccounts() (active, other configstore.Account) {
	active = configstore.Account{
		Token: fakeapi.DemoPersonalToken, StackURL: fakeapi.DemoStackURL, StackID: 101, DefaultProjectID: 1001,
		TokenMode: configstore.TokenModePersonal,
	}
	other = configstore.Account{
		Token: fakeapi.DemoStackToken, StackURL: fakeapi.DemoTeamStackURL, StackID: 102, DefaultProjectID: 2001,
		ProjectID: 2002, ProjectName: "payments", TokenMode: configstore.TokenModeStack,
	}
	return active, other
}

// seedDemo writes the demo's two saved accounts into its throwaway folder,
// the first one also into its k6 config. Tokens stay in the accounts file:
// a demo never has a keyring to write to (see environment).
func seedDemo(sess configstore.Session, now time.Time) error {
	active, other := demoAccounts()
	if _, err := sess.Record(other.Credentials(), other.TokenMode, other.ProjectName, now.Add(-26*time.Hour)); err != nil {
		return err
	}
	_, _, err := sess.SaveLogin(active.Credentials(), active.TokenMode, active.ProjectName, now.Add(-3*time.Minute))
	return err
}
