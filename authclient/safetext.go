package authclient

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SafeText is the one place where outside text (a project name from the API,
// a stack URL or token mode read from a file, a server's error message) is
// made safe to show on a terminal. Nothing it returns can move the cursor,
// change the title, write the clipboard or reorder the line:
//   - C0 controls and DEL become their Control Pictures (ESC shows as ␛,
//     so an escape sequence is printed as visible text and does nothing);
//   - C1 controls, bidi overrides and isolates, zero-width and other
//     invisible format characters, and invalid UTF-8 become U+FFFD (�).
//
// Printable text, CJK and emoji are kept. Stored values keep their bytes:
// call SafeText on the way to the screen, never on the way to a file.
func SafeText(s string) string {
	if isSafeText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			b.WriteRune(utf8.RuneError)
			i++
			continue
		}
		i += size
		b.WriteString(safeRune(r))
	}
	return b.String()
}

// isSafeText reports whether s needs no change, so the common case copies nothing.
func isSafeText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			return false
		}
		if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if unsafeRune(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

func unsafeRune(r rune) bool {
	switch {
	case r == utf8.RuneError:
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == ' ':
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
		return true
	case !unicode.IsPrint(r) && !unicode.IsSpace(r):
		return true
	case unicode.IsSpace(r):
		// Other spaces (NBSP, en space...) show as blanks; the line and
		// paragraph separators were caught above.
		return false
	}
	return false
}

// safeRune gives the visible text for r.
func safeRune(r rune) string {
	if !unsafeRune(r) {
		return string(r)
	}
	switch {
	case r < 0x20:
		return string(rune(0x2400 + r)) // ␀ .. ␟
	case r == 0x7f:
		return "\u2421" // ␡
	default:
		return "\uFFFD"
	}
}
