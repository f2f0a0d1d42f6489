package configstore

import "strings"

// MaskToken hides a token for display the way k6 v2 does: the first and last four
// characters around asterisks, or only asterisks when the token is shorter than 12.
// The number of asterisks is fixed so the length does not leak either.
func MaskToken(token string) string {
	if token == "" {
		return ""
	}
	r := []rune(token)
	if len(r) < 12 {
		return strings.Repeat("*", 8)
	}
	return string(r[:4]) + strings.Repeat("*", 8) + string(r[len(r)-4:])
}
