package tui

import (
	"testing"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// TestFlowAgainstFakeAPIOnLoopback runs the wizard with the real HTTP client
// against the fake API on loopback: a refused token, then a stack token that
// filters 1,500 projects for one.
func TestFlowAgainstFakeAPIOnLoopback(t *testing.T) {
	const ciToken = "glsa_CISECRETCISECRETCISECRETCISECRET_ab12"
	srv := fakeapi.New(fakeapi.Config{
		Accounts: []fakeapi.Account{{Token: ciToken, Kind: fakeapi.StackToken, Stacks: []string{stackURL}}},
		Stacks:   []fakeapi.Stack{{URL: stackURL, ID: 777, Projects: fakeapi.GenerateProjects(1000, 1500)}},
	})
	base, stop := srv.Start()
	defer stop()

	e := newEnv(t)
	e.m.deps.API = authclient.New(authclient.Options{BaseURL: base})
	tm := e.program()
	toValidation(tm, "my-team", otherToken)
	waitFor(t, tm, "Token refused")
	send(tm, enter, paste(ciToken), enter)
	waitFor(t, tm, "Token accepted")
	send(tm, runes("2"))
	waitFor(t, tm, "1500 projects")
	send(tm, runes("/"))
	tm.Type("0042")
	send(tm, enter, enter)
	waitFor(t, tm, "Ready to save")
	send(tm, enter)
	waitFor(t, tm, "Saved to")
	send(tm, enter)
	final(t, e, tm)
	e.requireSaved(configstore.Credentials{Token: ciToken, StackID: 777, StackURL: stackURL, DefaultProjectID: 1000, ProjectID: 1041})
}
