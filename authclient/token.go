package authclient

import (
	"fmt"
	"strings"
	"unicode"
)

// TokenInputError says why a typed or pasted token was refused before any request.
// It never includes the token itself.
type TokenInputError struct {
	Reason string
}

func (e *TokenInputError) Error() string { return "invalid token: " + e.Reason }

// MaxTokenLength bounds what we accept; real tokens are far shorter, and a
// megabyte of paste is a mistake, not a token.
const MaxTokenLength = 8192

// CleanToken trims what surrounds a pasted token (spaces, tabs, newlines) and refuses
// what cannot be a token: nothing left, whitespace or control characters inside, or
// text beyond MaxTokenLength. k6 itself keeps a trailing newline and fails later.
func CleanToken(raw string) (string, error) {
	token := strings.TrimSpace(raw)
	switch {
	case token == "":
		return "", &TokenInputError{Reason: "it is empty; paste the API token from Grafana Cloud"}
	case len(token) > MaxTokenLength:
		return "", &TokenInputError{Reason: fmt.Sprintf("it is %d bytes long, more than any API token (%d at most); paste only the token", len(token), MaxTokenLength)}
	}
	for i, r := range []rune(token) {
		switch {
		case unicode.IsSpace(r):
			return "", &TokenInputError{Reason: fmt.Sprintf("it has a space or line break at character %d; paste only the token, on one line", i+1)}
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return "", &TokenInputError{Reason: fmt.Sprintf("it has a control character at character %d; paste only the token", i+1)}
		case r > unicode.MaxASCII:
			return "", &TokenInputError{Reason: fmt.Sprintf("it has a non-ASCII character at character %d; API tokens are plain ASCII, so check what was pasted", i+1)}
		}
	}
	return token, nil
}
