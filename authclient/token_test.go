package authclient

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanToken(t *testing.T) {
	long := strings.Repeat("a", 2000)
	cases := []struct {
		name, in, want, errHas string
	}{
		{"plain", "glc_abc123", "glc_abc123", ""},
		{"pasted with newline", "glc_abc123\n", "glc_abc123", ""},
		{"surrounding whitespace", " \t glc_abc123 \r\n", "glc_abc123", ""},
		{"2000 characters kept whole", long, long, ""},
		{"empty", "", "", "empty"},
		{"only whitespace", " \n\t", "", "empty"},
		{"inner space", "glc_abc 123", "", "space or line break at character 8"},
		{"inner newline", "glc_abc\n123", "", "line break"},
		{"inner tab", "glc\t123", "", "space"},
		{"control character", "glc\x1b[31m", "", "control character at character 4"},
		{"non-ASCII", "glc_ä123", "", "non-ASCII character at character 5"},
		{"too long", strings.Repeat("x", MaxTokenLength+1), "", "more than any API token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CleanToken(tc.in)
			if tc.errHas == "" {
				if err != nil || got != tc.want {
					t.Fatalf("CleanToken = %q, %v; want %q", got, err, tc.want)
				}
				return
			}
			var tie *TokenInputError
			if !errors.As(err, &tie) || !strings.Contains(err.Error(), tc.errHas) {
				t.Fatalf("CleanToken error = %v; want one containing %q", err, tc.errHas)
			}
			if len(tc.in) > 3 && strings.Contains(err.Error(), strings.TrimSpace(tc.in)) {
				t.Fatalf("error message repeats the token: %v", err)
			}
		})
	}
}
