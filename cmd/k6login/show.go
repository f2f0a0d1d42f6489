package main

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

type showReport struct {
	Path             string                 `json:"path"`
	PathSource       string                 `json:"pathSource"`
	Exists           bool                   `json:"exists"`
	Mode             string                 `json:"mode,omitempty"`
	ModeTooOpen      bool                   `json:"modeTooOpen,omitempty"`
	LoggedIn         bool                   `json:"loggedIn"`
	Token            string                 `json:"token,omitempty"`
	StackURL         string                 `json:"stackURL,omitempty"`
	StackID          int64                  `json:"stackID,omitempty"`
	DefaultProjectID int64                  `json:"defaultProjectID,omitempty"`
	ProjectID        int64                  `json:"projectID,omitempty"`
	Overrides        []configstore.Override `json:"overrides"`
	Demo             bool                   `json:"demo,omitempty"`
	LegacyPath       string                 `json:"legacyPath,omitempty"`
	API              *apiReport             `json:"api,omitempty"`
	APIError         string                 `json:"apiError,omitempty"`
	// UnsafeFolders are warnings about folders others could write to.
	UnsafeFolders []string `json:"unsafeFolders,omitempty"`
}

// apiReport says where k6 (and k6login) send API calls, and why there.
type apiReport struct {
	URL           string `json:"url"`
	URLSource     string `json:"urlSource"`
	Timeout       string `json:"timeout"`
	TimeoutSource string `json:"timeoutSource"`
}

func pathSourceName(s configstore.PathSource) string {
	switch s {
	case configstore.PathFlag:
		return "--config"
	case configstore.PathEnv:
		return "K6_CONFIG"
	default:
		return "default"
	}
}

// show prints what k6 will find in the file, masked, and what overrides it.
func (a *app) show(env *runEnv, opts *options) error {
	snap, err := env.store.Load()
	if err != nil {
		return err
	}
	c := snap.Credentials
	r := showReport{
		Path:             env.store.Path(),
		PathSource:       pathSourceName(env.pathSource),
		Exists:           snap.Exists,
		LoggedIn:         c.Token != "",
		Token:            configstore.MaskToken(c.Token),
		StackURL:         c.StackURL,
		StackID:          c.StackID,
		DefaultProjectID: c.DefaultProjectID,
		ProjectID:        c.ProjectID,
		Overrides:        configstore.EnvOverrides(env.getenv),
		Demo:             env.demo,
		LegacyPath:       a.legacyHint(env, snap),
	}
	if ep, err := authclient.ResolveEndpoint(env.getenv, env.store.Path(), snap.HostV6, snap.Timeout, snap.TimeoutSet); err != nil {
		r.APIError = err.Error()
	} else if !env.demo {
		r.API = &apiReport{URL: ep.BaseURL, URLSource: ep.BaseURLSource, Timeout: ep.Timeout.String(), TimeoutSource: ep.TimeoutSource}
	}
	if r.Overrides == nil {
		r.Overrides = []configstore.Override{}
	}
	if snap.Exists {
		r.Mode = fmt.Sprintf("%04o", snap.Mode.Perm())
		r.ModeTooOpen = configstore.ModeTooOpen(snap.Mode)
	}
	for _, w := range configstore.UnsafeFolders(env.store.Path(), env.accounts.Path()) {
		r.UnsafeFolders = append(r.UnsafeFolders, w.String())
	}
	if opts.jsonOut {
		return writeJSON(a.stdout, r)
	}
	// One write, not one per line: each is a system call.
	var out bytes.Buffer
	r.print(&out)
	_, err = a.stdout.Write(out.Bytes())
	return err
}

func (r showReport) print(w io.Writer) {
	r = r.safe()
	if r.Demo {
		fmt.Fprintln(w, "DEMO: a throwaway config file; nothing real is touched.")
	}
	switch {
	case !r.Exists:
		fmt.Fprintf(w, "Config file  %s (does not exist yet)\n", r.Path)
	default:
		fmt.Fprintf(w, "Config file  %s (mode %s)\n", r.Path, r.Mode)
	}
	if r.PathSource != "default" {
		fmt.Fprintf(w, "             chosen by %s\n", r.PathSource)
	}
	if !r.LoggedIn && r.StackURL == "" && r.StackID == 0 {
		fmt.Fprintln(w, "No k6 cloud credentials are stored. Run k6login to log in.")
	} else {
		row := func(key, val string) { fmt.Fprintf(w, "  %-17s %s\n", key, val) }
		row("token", orNotSet(r.Token))
		row("stackURL", orNotSet(r.StackURL))
		row("stackID", idOrNotSet(r.StackID))
		row("defaultProjectID", idOrNotSet(r.DefaultProjectID))
		if r.ProjectID == 0 && r.DefaultProjectID != 0 {
			row("projectID", fmt.Sprintf("(not set: k6 uses the stack's default project, %d)", r.DefaultProjectID))
		} else {
			row("projectID", idOrNotSet(r.ProjectID))
		}
	}
	switch {
	case r.API != nil:
		fmt.Fprintf(w, "API          %s (%s), timeout %s (%s)\n", r.API.URL, r.API.URLSource, r.API.Timeout, r.API.TimeoutSource)
	case r.APIError != "":
		fmt.Fprintf(w, "Warning: %s\n", r.APIError)
	}
	if r.LegacyPath != "" {
		fmt.Fprintf(w, "k6's legacy config %s holds credentials; copy them here with: k6login --import-legacy\n", r.LegacyPath)
	}
	if r.ModeTooOpen {
		fmt.Fprintf(w, "Warning: others may read this file (mode %s). Fix it with: chmod 600 %q\n", r.Mode, r.Path)
	}
	for _, warning := range r.UnsafeFolders {
		fmt.Fprintf(w, "Warning: %s\n", safe(warning))
	}
	if len(r.Overrides) > 0 {
		fmt.Fprintln(w, "Environment variables that k6 uses instead of the file:")
		for _, o := range r.Overrides {
			fmt.Fprintf(w, "  %s=%s (%s)\n", o.Var, o.Value, o.Effect())
		}
	}
}

func orNotSet(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}

func idOrNotSet(id int64) string {
	if id == 0 {
		return "(not set)"
	}
	return strconv.FormatInt(id, 10)
}
