package authclient

import "strings"

// tokenPagePath is where the k6 app of a Grafana Cloud stack shows the
// personal API token (Testing & synthetics -> Performance -> Settings ->
// Access -> Personal token); the stack tokens are a tab of the same page.
const tokenPagePath = "/a/k6-app/settings/api-token"

// TokenPageURL is the page of the stack where a user copies an API token,
// for a stack URL as NormalizeStack returns it (scheme://host); "" when the
// stack URL is not one.
func TokenPageURL(stackURL string) string {
	normalized, err := NormalizeStack(stackURL)
	if err != nil || normalized != strings.TrimRight(stackURL, "/") {
		return ""
	}
	return normalized + tokenPagePath
}
