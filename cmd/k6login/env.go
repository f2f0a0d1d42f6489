package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/authclient/fakeapi"
	"github.com/k6login/k6login/configstore"
)

// runEnv is where a run reads and writes: the config file and the API.
type runEnv struct {
	store      *configstore.Store
	accounts   *configstore.AccountStore
	pathSource configstore.PathSource
	demo       bool
	// demoAPI answers every request in demo mode, in the process.
	demoAPI *fakeapi.Server
	newAPI  func(authclient.Endpoint) authclient.API
	getenv  func(string) string
	// endpoint is where loadAPI's client sends the token (the screens name a
	// non-default one); the zero value in demo mode.
	endpoint authclient.Endpoint
}

// environment resolves the config path and, in demo mode, makes the stand-in API
// and a throwaway config folder. Nothing here touches the network or parses the file.
func (a *app) environment(ctx context.Context, opts *options) (*runEnv, func(), error) {
	env := &runEnv{newAPI: a.newAPI, getenv: a.getenv}
	if opts.demo {
		dir, err := os.MkdirTemp("", "k6login-demo-")
		if err != nil {
			return nil, nil, err
		}
		env.demo = true
		env.demoAPI = fakeapi.New(fakeapi.Demo())
		env.store = configstore.New(filepath.Join(dir, "k6", "config.json"))
		env.accounts = configstore.NewAccountStore(filepath.Join(dir, "k6login", "accounts.json"))
		env.pathSource = configstore.PathFlag
		// Removed on a forced exit after a signal too: the demo leaves nothing.
		// The last resort stays registered until the folder is gone, since
		// a forced exit can cut the removal short (a closed terminal sends
		// SIGHUP twice, the second one just as the run ends by itself).
		dontRemove := atLastResort(func() { os.RemoveAll(dir) })
		cleanup := func() { os.RemoveAll(dir); dontRemove() }
		// The accounts store gets no keyring (UseSecrets): a demo never
		// writes to the user's keyring, --insecure-storage or not.
		if err := seedDemo(env.session(), time.Now().UTC()); err != nil {
			cleanup()
			return nil, nil, fmt.Errorf("the demo could not set up its throwaway folder: %w", err)
		}
		return env, cleanup, nil
	}
	path, source, err := configstore.ResolvePath(opts.configPath, a.getenv)
	if err != nil {
		return nil, nil, err
	}
	env.store = configstore.New(path)
	env.pathSource = source
	accountsPath, err := configstore.AccountsPath(a.getenv)
	if err != nil {
		return nil, nil, err
	}
	env.accounts = configstore.NewAccountStore(accountsPath)
	if a.newSecrets != nil {
		if secrets := a.newSecrets(); secrets != nil {
			insecure := opts.insecureStorage || a.getenv("K6LOGIN_INSECURE_STORAGE") == "1"
			env.accounts.UseSecrets(secrets, insecure, a.notice)
		}
	}
	return env, func() {}, nil
}

func (e *runEnv) session() configstore.Session {
	return configstore.Session{Config: e.store, Accounts: e.accounts}
}

// loadAPI reads k6's config (so a file that cannot be saved into fails before
// any request) and builds the client for the endpoint k6 itself would use with it.
func (e *runEnv) loadAPI() (authclient.API, error) {
	snap, err := e.store.Load()
	if err != nil {
		return nil, err
	}
	if e.demo {
		// In-process, not over loopback: a listener would link net/http's server.
		return authclient.New(authclient.Options{
			BaseURL:    fakeapi.DemoBaseURL,
			InProcess:  true,
			HTTPClient: &http.Client{Transport: e.demoAPI.Transport()},
			UserAgent:  "k6login/" + buildVersion(),
		}), nil
	}
	ep, err := authclient.ResolveEndpoint(e.getenv, e.store.Path(), snap.HostV6, snap.Timeout, snap.TimeoutSet)
	if err != nil {
		return nil, &cliError{code: exitInput, jsonCode: "invalid-setting", msg: err.Error(),
			hint: "Fix or unset that setting, then run k6login again."}
	}
	e.endpoint = ep
	return e.newAPI(ep), nil
}

// noteEndpoint names a non-default API address and where it was set, on
// stderr, before the token is sent there: a planted hostv6 must not take the
// token quietly.
func (a *app) noteEndpoint(env *runEnv) {
	if note := env.endpoint.NonDefaultNote(); note != "" && !env.demo {
		fmt.Fprintf(a.stderr, "Note: %s.\n", note)
	}
}
