package main

import (
	"fmt"

	"github.com/k6login/k6login/configstore"
)

type resetReport struct {
	Path    string `json:"path"`
	Removed bool   `json:"removed"`
}

// reset removes the login keys and nothing else, without a prompt: it is the
// scripted form, and what it removes is recoverable by logging in again.
func (a *app) reset(env *runEnv, opts *options) error {
	snap, err := env.store.Load()
	if err != nil {
		return err
	}
	r := resetReport{Path: env.store.Path()}
	if snap.Exists && !snap.Credentials.Empty() {
		if _, err := env.store.Clear(); err != nil {
			return err
		}
		r.Removed = true
	}
	if opts.jsonOut {
		if err := writeJSON(a.stdout, r); err != nil {
			return err
		}
	} else if r.Removed {
		fmt.Fprintf(a.stdout, "Removed the k6 cloud credentials from %s; every other setting is kept.\n", r.Path)
	} else {
		fmt.Fprintf(a.stdout, "No k6 cloud credentials are stored in %s; nothing changed.\n", r.Path)
	}
	for _, o := range configstore.EnvOverrides(env.getenv) {
		if o.Key == "token" {
			fmt.Fprintf(a.stderr, "Warning: %s is still set; k6 will keep using that token until you unset it.\n", o.Var)
		}
	}
	return nil
}
