package main

import (
	"context"
	"os"
	"path/filepath"

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
	// demoBaseURL replaces every other API address in demo mode.
	demoBaseURL string
	newAPI      func(authclient.Endpoint) authclient.API
	getenv      func(string) string
}

// environment resolves the config path and, in demo mode, starts the stand-in API
// and a throwaway config folder. Nothing here touches the network or parses the file.
func (a *app) environment(ctx context.Context, opts *options) (*runEnv, func(), error) {
	env := &runEnv{newAPI: a.newAPI, getenv: a.getenv}
	if opts.demo {
		dir, err := os.MkdirTemp("", "k6login-demo-")
		if err != nil {
			return nil, nil, err
		}
		baseURL, stop := fakeapi.New(fakeapi.Demo()).Start()
		env.demo = true
		env.demoBaseURL = baseURL
		env.store = configstore.New(filepath.Join(dir, "k6", "config.json"))
		env.accounts = configstore.NewAccountStore(filepath.Join(dir, "k6login", "accounts.json"))
		env.pathSource = configstore.PathFlag
		return env, func() { stop(); os.RemoveAll(dir) }, nil
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
	return env, func() {}, nil
}

func (e *runEnv) session() configstore.Session {
	return configstore.Session{Config: e.store, Accounts: e.accounts}
}

// api builds the client for the endpoint k6 itself would use with this file.
func (e *runEnv) api(snap configstore.Snapshot) (authclient.API, error) {
	if e.demo {
		return e.newAPI(authclient.Endpoint{BaseURL: e.demoBaseURL, Timeout: authclient.DefaultTimeout}), nil
	}
	ep, err := authclient.ResolveEndpoint(e.getenv, snap.HostV6, snap.Timeout, snap.TimeoutSet)
	if err != nil {
		return nil, inputError(err.Error(), "Fix or unset the variable, then run k6login again.")
	}
	return e.newAPI(ep), nil
}
