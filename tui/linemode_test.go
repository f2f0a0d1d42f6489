package tui

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// secrets hands out the given tokens one per call, then io.EOF.
func secrets(tokens ...string) func() (string, error) {
	return func() (string, error) {
		if len(tokens) == 0 {
			return "", io.EOF
		}
		t := tokens[0]
		tokens = tokens[1:]
		return t, nil
	}
}

func runAccessible(t *testing.T, e *env, input string, tokens ...string) (Result, string, error) {
	t.Helper()
	var out strings.Builder
	res, err := RunAccessible(context.Background(), Deps{API: e.api, Store: e.fixed, Getenv: func(k string) string {
		if k == "K6_CLOUD_PROJECT_ID" {
			return "7"
		}
		return ""
	}}, strings.NewReader(input), &out, secrets(tokens...))
	requireNoToken(t, out.String())
	if strings.Contains(out.String(), "\x1b") {
		t.Fatalf("escape sequences in accessible output:\n%q", out.String())
	}
	return res, out.String(), err
}

func TestAccessiblePersonalDefault(t *testing.T) {
	e := newEnv(t)
	// stack, token type (default 1), project (default: the stack's default), save (default yes)
	res, out, err := runAccessible(t, e, "my-team\n\n\n\n", " "+goodToken+"\n")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID}
	if !res.Saved || res.Credentials != want || res.TokenMode != TokenPersonal {
		t.Fatalf("result %+v", res)
	}
	e.m.result = res
	e.requireSaved(want)
	for _, s := range []string{
		"Credentials will be saved to: " + shownPath,
		"Warning: K6_CLOUD_PROJECT_ID is set (7)",
		"Got the token: 48 characters, ends in …1234.",
		"Checking the token (48 characters, ends in …1234) against https://my-team.grafana.net…",
		"  1. Use the stack's default project (100) — k6 follows the stack default",
		"Next, run: k6 cloud run script.js",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	if strings.Count(out, "Checking the token") != 1 {
		t.Errorf("the check is announced more than once:\n%s", out)
	}
}

func TestAccessibleErrorsAskAgain(t *testing.T) {
	e := newEnv(t)
	e.api.errs = []error{timeoutErr}
	// A bad stack, then other-team with a wrong token: a timeout (retry), the
	// refusal (a new token), no access to other-team (change the stack to
	// my-team), a stack token, a 404 ID, a valid ID, save.
	input := strings.Join([]string{"my_team", "other-team", "1", "1", "my-team", "2", "#999", "#103", "y", ""}, "\n")
	res, out, err := runAccessible(t, e, input, otherToken, goodToken, "")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := configstore.Credentials{Token: goodToken, StackID: stackID, StackURL: stackURL, DefaultProjectID: defaultPID, ProjectID: 103}
	if !res.Saved || res.Credentials != want || res.TokenMode != TokenStack {
		t.Fatalf("result %+v\n%s", res, out)
	}
	for _, s := range []string{
		`Not a stack: the slug contains "_"`,
		"Error: No reply in time.",
		"What to do: Check your network connection",
		"Error: No access to this stack.",
		"Error: Token refused.",
		"There is no project 999 in this stack.",
		"Project: Project 0003  #103",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
}

func TestAccessibleInputEndsNothingWritten(t *testing.T) {
	e := newEnv(t, withExistingFile(`{"x":1}`))
	_, out, err := runAccessible(t, e, "my-team\n", goodToken)
	if !errors.Is(err, io.EOF) {
		t.Fatalf("err %v\n%s", err, out)
	}
	e.requireUntouched()
}

func TestAccessibleDeclineSave(t *testing.T) {
	e := newEnv(t, withExistingFile(`{"x":1}`))
	res, out, err := runAccessible(t, e, "my-team\n2\n\nn\n", goodToken)
	if err != nil || res.Saved {
		t.Fatalf("res %+v err %v\n%s", res, err, out)
	}
	if !strings.Contains(out, "Nothing was written.") {
		t.Fatalf("no word on nothing written:\n%s", out)
	}
	e.requireUntouched()
}

func TestAccessibleManyProjectsSearch(t *testing.T) {
	e := newEnv(t)
	e.api = newFakeAPI(1500)
	res, out, err := runAccessible(t, e, "my-team\n2\n0042\n1\n\n", goodToken)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Credentials.ProjectID != 142 {
		t.Fatalf("project %d\n%s", res.Credentials.ProjectID, out)
	}
	if strings.Count(out, "#") > 3*maxListed+5 {
		t.Fatalf("read out too many projects:\n%s", out)
	}
	if !strings.Contains(out, "… and 1480 more of 1500") {
		t.Fatalf("no word on the rest:\n%s", out)
	}
}

func TestAccessibleProjectsFailTypeID(t *testing.T) {
	e := newEnv(t)
	e.api.projectsErr = &authclient.Error{Kind: authclient.KindServer, Status: 502, Host: "api.k6.io"}
	res, out, err := runAccessible(t, e, "my-team\n2\n#101\n\n", goodToken)
	if err != nil || res.Credentials.ProjectID != 101 {
		t.Fatalf("res %+v err %v\n%s", res, err, out)
	}
	if !strings.Contains(out, "The project list could not be loaded") {
		t.Fatalf("failure not said:\n%s", out)
	}
}

// TestAccessiblePipedTokenLine: with no secret reader the token is a line of
// the same input, and nothing is read ahead of the question being answered.
func TestAccessiblePipedTokenLine(t *testing.T) {
	e := newEnv(t)
	in := strings.NewReader("my-team\n" + goodToken + "\n\n\n\nleft over\n")
	var out strings.Builder
	res, err := RunAccessible(context.Background(), Deps{API: e.api, Store: e.fixed}, in, &out, nil)
	if err != nil || !res.Saved {
		t.Fatalf("res %+v err %v\n%s", res, err, out.String())
	}
	requireNoToken(t, out.String())
	if rest, _ := io.ReadAll(in); string(rest) != "left over\n" {
		t.Fatalf("read ahead: %q left", rest)
	}
}
