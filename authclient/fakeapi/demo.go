package fakeapi

import "time"

// Demo tokens, for --demo mode and for tests that want the preset.
const (
	// DemoPersonalToken is a personal token of a user in demo, demo-team, demo-slow and demo-big.
	DemoPersonalToken = "demo-personal-token"
	// DemoStackToken is a stack token of demo-team only.
	DemoStackToken = "demo-stack-token"
	// DemoRevokedToken is always refused with 401, like any token not listed.
	DemoRevokedToken = "demo-revoked-token"
)

// Demo stack URLs. The fake never resolves them: it only compares X-Stack-Url.
const (
	DemoStackURL     = "https://demo.grafana.net"
	DemoTeamStackURL = "https://demo-team.grafana.net"
	DemoSlowStackURL = "https://demo-slow.grafana.net"
	DemoBigStackURL  = "https://demo-big.grafana.net"
	// DemoSlowDelay is how long demo-slow takes to answer.
	DemoSlowDelay = 3 * time.Second
)

// Demo is the preset behind the program's --demo mode:
//
// Tokens:
//   - "demo-personal-token" (DemoPersonalToken): personal token, may use the
//     stacks demo, demo-team, demo-slow and demo-big.
//   - "demo-stack-token" (DemoStackToken): stack token of demo-team only;
//     demo and the others give 403.
//   - "demo-revoked-token" (DemoRevokedToken): refused with 401 "Invalid token",
//     as is any other token.
//
// Stacks (slug, URL, stack ID, default project ID, projects):
//   - demo, https://demo.grafana.net, 101, 1001: "Default project", "checkout-flow",
//     "search-api", "nightly-soak".
//   - demo-team, https://demo-team.grafana.net, 102, 2001: "Default project",
//     "payments", "mobile-backend".
//   - demo-slow, https://demo-slow.grafana.net, 103, 3001: every reply takes 3s
//     (DemoSlowDelay), so the spinner shows; projects "Default project", "slow-but-steady".
//   - demo-big, https://demo-big.grafana.net, 5000000104 (above 2^32), 5000000001:
//     1,500 projects "Default project", "project-0002" ... "project-1500", so the
//     project list needs two pages.
func Demo() Config {
	day := time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)
	named := func(firstID int64, names ...string) []Project {
		ps := make([]Project, len(names))
		for i, n := range names {
			created := day.Add(time.Duration(i) * 24 * time.Hour)
			ps[i] = Project{ID: firstID + int64(i), Name: n, IsDefault: i == 0, Created: created, Updated: created}
		}
		return ps
	}
	return Config{
		Accounts: []Account{
			{Token: DemoPersonalToken, Kind: Personal, Stacks: []string{DemoStackURL, DemoTeamStackURL, DemoSlowStackURL, DemoBigStackURL}},
			{Token: DemoStackToken, Kind: StackToken, Stacks: []string{DemoTeamStackURL}},
		},
		Stacks: []Stack{
			{URL: DemoStackURL, ID: 101, DefaultProjectID: 1001,
				Projects: named(1001, "Default project", "checkout-flow", "search-api", "nightly-soak")},
			{URL: DemoTeamStackURL, ID: 102, DefaultProjectID: 2001,
				Projects: named(2001, "Default project", "payments", "mobile-backend")},
			{URL: DemoSlowStackURL, ID: 103, DefaultProjectID: 3001, Delay: DemoSlowDelay,
				Projects: named(3001, "Default project", "slow-but-steady")},
			{URL: DemoBigStackURL, ID: 5000000104, DefaultProjectID: 5000000001,
				Projects: GenerateProjects(5000000001, 1500)},
		},
	}
}
