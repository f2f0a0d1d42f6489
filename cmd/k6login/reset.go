package main

import (
	"fmt"

	"github.com/k6login/k6login/configstore"
)

type resetReport struct {
	Path    string `json:"path"`
	Removed bool   `json:"removed"`
	// Account is the saved account the credentials stay in, "" when they were not kept.
	Account string `json:"account,omitempty"`
}

// reset removes the login keys and nothing else, without a prompt: it is the
// scripted form, and what it removes is recoverable by logging in again.
func (a *app) reset(env *runEnv, opts *options) error {
	snap, err := env.store.Load()
	if err != nil {
		return err
	}
	r := resetReport{Path: env.store.Path()}
	if snap.Exists { // even without a login k6 reads, a copy it ignores may hold a token
		acc, removed, err := env.session().SignOut()
		if err != nil && !configstore.IsAccountsError(err) {
			return err
		}
		if err != nil {
			// Our own accounts file is damaged: still do what k6's --reset does.
			if !snap.Credentials.Empty() {
				fmt.Fprintf(a.stderr, "Warning: the credentials could not be kept as an account: %s\n", safeErr(err))
			}
			res, err := env.store.Clear()
			if err != nil {
				return err
			}
			removed = res.Written
		} else {
			r.Account = acc.Name
		}
		r.Removed = removed
		if removed {
			a.warnUnsafeFolders(env)
		}
	}
	if opts.jsonOut {
		if err := writeJSON(a.stdout, r); err != nil {
			if r.Removed {
				return reportFailed(err, "the credentials were removed from "+r.Path)
			}
			return err
		}
	} else if r.Removed {
		fmt.Fprintf(a.stdout, "Removed the k6 cloud credentials from %s; every other setting is kept.\n", safe(r.Path))
		if r.Account != "" {
			name := safe(r.Account)
			fmt.Fprintf(a.stdout, "They stay saved as the account %s: k6login switch %s brings them back, k6login remove %s forgets them.\n", name, name, name)
		}
	} else {
		fmt.Fprintf(a.stdout, "No k6 cloud credentials are stored in %s; nothing changed.\n", safe(r.Path))
	}
	for _, o := range configstore.EnvOverrides(env.getenv) {
		if o.Key == "token" {
			fmt.Fprintf(a.stderr, "Warning: %s is still set; k6 will keep using that token until you unset it.\n", o.Var)
		}
	}
	return nil
}
