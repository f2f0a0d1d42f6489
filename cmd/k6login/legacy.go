package main

import (
	"errors"
	"fmt"

	"github.com/k6login/k6login/configstore"
)

// legacyHint names k6's pre-0.4x config when it holds credentials that the
// current file lacks, so a user upgrading from an old k6 knows they are there.
func (a *app) legacyHint(env *runEnv, snap configstore.Snapshot) string {
	if env.demo || env.pathSource != configstore.PathDefault || !snap.Credentials.Empty() {
		return ""
	}
	path, err := configstore.LegacyPath()
	if err != nil {
		return ""
	}
	if _, ok, err := configstore.LegacyCredentials(path); err != nil || !ok {
		return ""
	}
	return path
}

type importReport struct {
	From     string `json:"from"`
	Path     string `json:"path"`
	Imported bool   `json:"imported"`
	Account  string `json:"account,omitempty"`
	StackURL string `json:"stackURL,omitempty"`
	Token    string `json:"token,omitempty"`
}

// importLegacy copies the legacy credentials into a config without any, and
// never replaces a file or a login.
func (a *app) importLegacy(env *runEnv, opts *options) error {
	from, err := configstore.LegacyPath()
	if err != nil {
		return err
	}
	creds, res, err := configstore.ImportLegacy(from, env.store)
	if errors.Is(err, configstore.ErrAlreadyHasCredentials) {
		return inputError(err.Error(), "Nothing was imported. Run k6login --reset first to replace them, or leave them.")
	}
	if err != nil {
		return err
	}
	r := importReport{From: from, Path: env.store.Path(), Imported: !creds.Empty()}
	if r.Imported {
		acc, _, kerr := env.session().KeepCurrent()
		if kerr != nil {
			fmt.Fprintf(a.stderr, "Warning: imported, but not saved as an account: %s\n", safeErr(kerr))
		}
		r.Account, r.StackURL, r.Token = acc.Name, creds.StackURL, configstore.MaskToken(creds.Token)
		a.warnAfterSave(env, res)
	}
	if opts.jsonOut {
		if err := writeJSON(a.stdout, r); err != nil && r.Imported {
			return reportFailed(err, "the credentials were imported into "+r.Path)
		} else if err != nil {
			return err
		}
		return nil
	}
	if !r.Imported {
		fmt.Fprintf(a.stdout, "No credentials to import: %s does not exist or holds no token.\n", safe(from))
		return nil
	}
	fmt.Fprintf(a.stdout, "Imported the credentials of %s into %s (token %s, stack %s).\n", safe(from), safe(r.Path), safe(r.Token), safe(orNotSet(r.StackURL)))
	fmt.Fprintln(a.stdout, "They were not validated: run k6login --show, or k6login to log in again if k6 refuses them.")
	return nil
}
