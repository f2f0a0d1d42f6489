package main

import (
	"strings"

	"github.com/k6login/k6login/authclient"
	"github.com/k6login/k6login/configstore"
)

// Everything the text outputs print that came from outside (the API, k6's
// config, accounts.json, the environment, an error built from those) goes
// through these on its way to the terminal; JSON output does not, since
// encoding escapes it and scripts need the exact bytes.

// safe makes one outside string harmless to print (see authclient.SafeText).
func safe(s string) string { return authclient.SafeText(s) }

// safeLines is safe for text of several lines: each line is made safe, and
// the line breaks between them are kept.
func safeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safe(l)
	}
	return strings.Join(lines, "\n")
}

// safeErr is an error's message, safe to print.
func safeErr(err error) string { return safeLines(err.Error()) }

func (v accountView) safe() accountView {
	v.Name, v.StackURL, v.ProjectName = safe(v.Name), safe(v.StackURL), safe(v.ProjectName)
	v.TokenMode, v.Token = safe(v.TokenMode), safe(v.Token)
	return v
}

func (s loginSummary) safe() loginSummary {
	s.Account, s.Path, s.StackURL, s.ProjectName = safe(s.Account), safe(s.Path), safe(s.StackURL), safe(s.ProjectName)
	s.Token, s.TokenMode = safe(s.Token), safe(s.TokenMode)
	return s
}

func (r showReport) safe() showReport {
	r.Path, r.Token, r.StackURL, r.LegacyPath = safe(r.Path), safe(r.Token), safe(r.StackURL), safe(r.LegacyPath)
	r.APIError = safe(r.APIError)
	if r.API != nil {
		api := *r.API
		api.URL, api.URLSource, api.TimeoutSource = safe(api.URL), safe(api.URLSource), safe(api.TimeoutSource)
		r.API = &api
	}
	r.Overrides = safeOverrides(r.Overrides)
	return r
}

func safeOverrides(list []configstore.Override) []configstore.Override {
	out := make([]configstore.Override, len(list))
	for i, o := range list {
		o.Value = safe(o.Value)
		out[i] = o
	}
	return out
}
