package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// The variables k6's cloud commands read in place of the login keys of its
// config file. exec and env set them for one command or one shell.
const (
	envToken     = "K6_CLOUD_TOKEN"
	envStackID   = "K6_CLOUD_STACK_ID"
	envStackURL  = "K6_CLOUD_STACK_URL"
	envProjectID = "K6_CLOUD_PROJECT_ID"
	envConfig    = "K6_CONFIG"
)

// credentialVars are the variables an account's environment owns: any value
// the parent environment has for them is replaced or removed.
var credentialVars = []string{envToken, envStackID, envStackURL, envProjectID}

type envVar struct{ name, value string }

// accountEnv is an account's credentials as environment variables, with what
// k6 would still take from its config file instead.
type accountEnv struct {
	account configstore.Account
	set     []envVar
	// unset are credential variables the parent environment must not pass on.
	unset []string
	// notes are printed on stderr before anything runs: where k6's config
	// would still win over the environment, and what was done about it.
	notes []string
}

// environmentFor resolves a saved account and the variables that give k6 its
// credentials, leaving k6's config and the active account as they are.
// An unknown name is an input error (exit 2).
func (a *app) environmentFor(env *runEnv, opts *options, name string) (accountEnv, error) {
	acc, err := env.accounts.Get(name)
	if err != nil {
		return accountEnv{}, noAccount(err)
	}
	if err := needToken(env, acc); err != nil {
		return accountEnv{}, err
	}
	ae := accountEnv{account: acc}
	snap, lerr := env.store.Load()
	if lerr != nil {
		// k6 reads the same file; it is the user's to fix, and the command may
		// not even be k6, so say so and go on.
		ae.notes = append(ae.notes, fmt.Sprintf("Warning: k6 may not start: %s", safeErr(lerr)))
	} else {
		// k6 sends the token where K6_CLOUD_HOST_V6 or hostv6 says, as the
		// other commands would: plain http to another machine is refused
		// here too, and any other address is named before k6 gets the token.
		ep, err := authclient.ResolveEndpoint(env.getenv, env.store.Path(), snap.HostV6, snap.Timeout, snap.TimeoutSet)
		if err != nil {
			return accountEnv{}, &cliError{code: exitInput, jsonCode: "invalid-setting", msg: err.Error(),
				hint: "Fix or unset that setting, then run k6login again; nothing was run."}
		}
		if note := ep.NonDefaultNote(); note != "" {
			ae.notes = append(ae.notes, "Note: "+note+".")
		}
	}
	ae.build(snap, safe(env.store.Path()))
	if opts.configPath != "" {
		// -c named the file checked above; make k6 read that one too.
		path := env.store.Path()
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		ae.set = append(ae.set, envVar{envConfig, path})
	}
	return ae, nil
}

// build fills set, unset and notes from the account and what k6's config holds.
func (ae *accountEnv) build(snap configstore.Snapshot, configPath string) {
	acc, file := ae.account, snap.Credentials
	name := authclient.SafeText(acc.Name)
	ae.set = append(ae.set, envVar{envToken, acc.Token})
	if acc.StackID != 0 {
		ae.set = append(ae.set, envVar{envStackID, strconv.FormatInt(acc.StackID, 10)})
	} else {
		ae.unset = append(ae.unset, envStackID)
	}
	ae.set = append(ae.set, envVar{envStackURL, acc.StackURL})

	fileProject := file.ProjectID != 0 || (file.DefaultProjectID != 0 && file.DefaultProjectID != acc.DefaultProjectID)
	switch {
	case acc.ProjectID != 0:
		ae.set = append(ae.set, envVar{envProjectID, strconv.FormatInt(acc.ProjectID, 10)})
	case fileProject && acc.DefaultProjectID != 0:
		// With no project variable, k6 would take projectID (or
		// defaultProjectID) of the login in its config, which belongs to
		// another stack: pin this account's default project instead.
		ae.set = append(ae.set, envVar{envProjectID, strconv.FormatInt(acc.DefaultProjectID, 10)})
		ae.notes = append(ae.notes, fmt.Sprintf(
			"Note: %s sets a project of another login, so %s=%d pins the default project of %s.",
			configPath, envProjectID, acc.DefaultProjectID, name))
	default:
		ae.unset = append(ae.unset, envProjectID)
		if fileProject {
			ae.notes = append(ae.notes, fmt.Sprintf(
				"Warning: %s sets a project of another login, and %s has no project ID to put in its place: k6 may run tests in that project.",
				configPath, name))
		}
	}
	if file.StackURL != "" && file.StackURL != acc.StackURL {
		ae.notes = append(ae.notes, fmt.Sprintf(
			"Warning: %s sets stackURL %s, and k6 lets a stackURL in its config win over %s: where k6 uses the stack URL it will use %s, not %s of %s. "+
				"To avoid it, switch to the account (k6login switch %s) or take the login out of k6's config (k6login --reset).",
			configPath, authclient.SafeText(file.StackURL), envStackURL, authclient.SafeText(file.StackURL),
			authclient.SafeText(acc.StackURL), name, name))
	}
}

// childEnviron is parent with the account's variables in place of any
// credential variables it held.
func (ae accountEnv) childEnviron(parent []string) []string {
	owned := map[string]bool{}
	for _, v := range credentialVars {
		owned[v] = true
	}
	for _, v := range ae.set {
		owned[v.name] = true
	}
	out := make([]string, 0, len(parent)+len(ae.set))
	for _, kv := range parent {
		name := kv
		if i := indexByte(kv, '='); i > 0 {
			name = kv[:i]
		}
		if !owned[envName(name)] {
			out = append(out, kv)
		}
	}
	for _, v := range ae.set {
		out = append(out, v.name+"="+v.value)
	}
	return out
}

// envName is how the system compares variable names: Windows ignores case.
func envName(name string) string {
	if runtime.GOOS == "windows" {
		return strings.ToUpper(name)
	}
	return name
}

func indexByte(s string, c byte) int {
	// The first byte may be '=' on Windows ("=C:=C:\\"), which is not a separator.
	for i := 1; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// completeAccountThenDefault completes the account name, then leaves the
// rest (a command and its arguments) to the shell.
func (a *app) completeAccountThenDefault(opts *options) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	names := a.completeAccountNames(opts)
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return names(cmd, args, prefix)
	}
}
