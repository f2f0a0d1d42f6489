package authclient

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxServerTextRunes caps text taken from a reply, so a hostile or broken
// server cannot flood the screen.
const maxServerTextRunes = 200

// sanitizeServerText makes text from the network safe to print on a terminal:
// escape sequences and control, format (bidi, zero-width) and invalid bytes
// (also as U+FFFD) go, runs of white space become one space, and the length
// is capped.
func sanitizeServerText(s string) string {
	var b strings.Builder
	b.Grow(min(len(s), maxServerTextRunes*2))
	runes := 0
	pendingSpace := false
	for i := 0; i < len(s) && runes < maxServerTextRunes+1; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			i += escapeSequenceLen(s[i:])
			continue
		}
		i += size
		switch {
		case r == utf8.RuneError:
			// Invalid bytes, and the U+FFFD encoding/json puts in their place
			// inside a JSON string: both go, so a message reads the same either way.
			continue
		case unicode.IsSpace(r):
			pendingSpace = b.Len() > 0
			continue
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			continue
		case unicode.Is(unicode.Cf, r), !unicode.IsPrint(r):
			// Cf holds the bidi overrides and isolates and zero-width characters.
			continue
		}
		if pendingSpace {
			b.WriteByte(' ')
			runes++
			pendingSpace = false
		}
		b.WriteRune(r)
		runes++
	}
	out := b.String()
	if runes > maxServerTextRunes {
		out = string([]rune(out)[:maxServerTextRunes]) + "…"
	}
	return out
}

// escapeSequenceLen gives the length of the ESC sequence at the start of s:
// CSI (ESC [ ... final byte), OSC/DCS/APC/PM/SOS (ended by BEL or ESC \),
// or a two-byte escape.
func escapeSequenceLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	default:
		return 2
	}
}

// redact removes every occurrence of the token from s; a server or a proxy
// could echo it back, and it must never reach the screen.
func redact(s, token string) string {
	if len(token) < 4 || !strings.Contains(s, token) {
		return s
	}
	return strings.ReplaceAll(s, token, "[token]")
}
