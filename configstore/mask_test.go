package configstore_test

import (
	"testing"

	"github.com/k6login/k6login/configstore"
)

func TestMaskToken(t *testing.T) {
	for _, tc := range []struct {
		name, token, want string
	}{
		{"empty", "", ""},
		{"one character", "x", "********"},
		{"short", "abc", "********"},
		{"exactly 8", "abcdefgh", "********"},
		{"11, one short of showing ends", "abcdefghijk", "********"},
		{"exactly 12", "abcdefghijkl", "abcd********ijkl"},
		{"13", "abcdefghijklm", "abcd********jklm"},
		{"long", "glc_SECRETSECRETSECRETSECRETSECRETtail1234", "glc_********1234"},
		{"non-ASCII, long enough in characters", "ééééxxxxyyyyüüüü", "éééé********üüüü"},
		// 11 characters but 22 bytes: counted in characters, so all hidden.
		{"non-ASCII, 11 characters", "ééééééééééé", "********"},
		{"non-ASCII, exactly 12 characters", "日本語のトークンです。は", "日本語の********です。は"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := configstore.MaskToken(tc.token); got != tc.want {
				t.Errorf("MaskToken(%q) = %q, want %q", tc.token, got, tc.want)
			}
		})
	}
}
