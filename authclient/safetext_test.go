package authclient

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSafeText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"plain", "Team project 7", "Team project 7"},
		{"empty", "", ""},
		{"unicode kept", "Équipe 日本 🚀", "Équipe 日本 🚀"},
		{"osc title", "a\x1b]0;pwned\x07b", "a␛]0;pwned␇b"},
		{"clear screen", "\x1b[2Jx", "␛[2Jx"},
		{"osc 8 link", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "␛]8;;http://evil␛\\click␛]8;;␛\\"},
		{"osc 52", "\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"},
		{"bidi override", "abc\u202edef", "abc\uFFFDdef"},
		{"bidi isolate", "\u2066x\u2069", "\uFFFDx\uFFFD"},
		{"zero width", "a\u200bb", "a\uFFFDb"},
		{"c1 csi", "a\u009b2Jb", "a\uFFFD2Jb"},
		{"del", "a\x7fb", "a␡b"},
		{"newline and tab", "a\nb\tc\r", "a␊b␉c␍"},
		{"invalid utf8", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
		{"line separator", "a\u2028b", "a\uFFFDb"},
		{"nbsp kept", "a\u00a0b", "a\u00a0b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := SafeText(c.in); got != c.want {
				t.Errorf("SafeText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func FuzzSafeText(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;t\x07", "\u202e", "\xff\xfe", "a\u0085b", "\u061c", "\ufeff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := SafeText(s)
		if !utf8.ValidString(out) {
			t.Fatalf("SafeText(%q) = %q: not valid UTF-8", s, out)
		}
		for _, r := range out {
			if unsafeRune(r) && r != utf8.RuneError {
				t.Fatalf("SafeText(%q) = %q keeps %U", s, out, r)
			}
		}
		if strings.ContainsAny(out, "\x1b\x07\x00\x7f") {
			t.Fatalf("SafeText(%q) = %q keeps a control", s, out)
		}
		if SafeText(out) != out {
			t.Fatalf("SafeText is not idempotent on %q", s)
		}
	})
}
