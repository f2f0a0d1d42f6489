package authclient

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxServerTextRunes caps text taken from a reply, so a hostile or broken
// server cannot flood the screen.
const maxServerTextRunes = 200

// sanitizeServerText makes text from the network safe to print on a terminal
// and caps its length; see foldServerText. Text that may quote the token goes
// through serverText instead, which redacts before it caps.
func sanitizeServerText(s string) string {
	return capRunes(foldServerText(s, maxServerTextRunes+1), maxServerTextRunes)
}

// serverText is sanitizeServerText for text that may echo the token: the
// token is redacted from the whole text before it is shortened, so a cut can
// never leave part of the token that no longer matches.
func serverText(s, token string) string {
	// The slack past the cap lets a token that straddles it be seen whole.
	folded := foldServerText(s, maxServerTextRunes+1+len(token))
	return SafeText(capRunes(Redact(folded, token), maxServerTextRunes))
}

// foldServerText drops escape sequences and control, format (bidi,
// zero-width) and invalid bytes (also as U+FFFD), and folds runs of white
// space into one space. A hostile reply can be long, so the work stops after
// limit runes.
func foldServerText(s string, limit int) string {
	var b strings.Builder
	b.Grow(min(len(s), limit*2))
	runes := 0
	pendingSpace := false
	for i := 0; i < len(s) && runes < limit; {
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
	return b.String()
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

// redactedToken stands where the token, or a piece of it, was.
const redactedToken = "[token]"

// minLeakRun is the shortest run of the token's characters that counts as a
// leak: shorter runs occur by chance in ordinary words.
const minLeakRun = 8

// Redact removes the token from s, and also every run of minLeakRun (8) or
// more consecutive characters of it, so that a server or proxy that echoes
// the token, or a cut or garbled piece of it, never shows any of it. Each
// leaked stretch becomes "[token]". Tokens shorter than 4 characters are
// not looked for: they would match ordinary text.
//
// Call it before text is shortened or shown. It takes O(len(s)·len(token))
// time; both are bounded by the callers.
func Redact(s, token string) string {
	if len(token) < 4 || s == "" {
		return s
	}
	if len(token) < minLeakRun {
		return strings.ReplaceAll(s, token, redactedToken)
	}
	// A replacement can, with its neighbours, form a new run (only for a token
	// that holds "[token]" itself); each pass shortens s, so this ends.
	for {
		out, changed := redactRuns(s, token)
		if !changed {
			return out
		}
		s = out
	}
}

// redactRuns replaces every stretch of s covered by a common substring of s
// and token at least minLeakRun bytes long. run[j] is the length of the
// common suffix of s[:i] and token[:j+1] (one row of the classic
// longest-common-substring table).
func redactRuns(s, token string) (string, bool) {
	run := make([]int, len(token))
	var out strings.Builder
	changed := false
	start := -1 // start of the covered stretch being built
	end := 0    // s[:end] has been copied or replaced
	reach := -1 // covered stretches reach s[:reach]
	for i := 0; i < len(s); i++ {
		longest := 0
		for j := len(token) - 1; j >= 0; j-- {
			if s[i] == token[j] {
				if j > 0 {
					run[j] = run[j-1] + 1
				} else {
					run[j] = 1
				}
				longest = max(longest, run[j])
			} else {
				run[j] = 0
			}
		}
		if longest >= minLeakRun {
			from := i + 1 - longest
			if start < 0 || from > reach {
				// A new stretch: flush the previous one.
				if start >= 0 {
					out.WriteString(s[end:start])
					out.WriteString(redactedToken)
					end = reach
				}
				start = from
			}
			reach = i + 1
			changed = true
		}
	}
	if !changed {
		return s, false
	}
	out.WriteString(s[end:start])
	out.WriteString(redactedToken)
	out.WriteString(s[reach:])
	return out.String(), true
}
