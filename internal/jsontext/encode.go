package jsontext

import (
	"unicode/utf8"
)

// AppendIndent writes v as JSON with one member or item a line, each level
// indented by indent, as encoding/json's MarshalIndent does; "" writes it on
// one line without spaces. No newline follows.
func AppendIndent(dst []byte, v Value, indent string) []byte {
	return appendValue(dst, v, indent, 0)
}

func appendNewline(dst []byte, indent string, depth int) []byte {
	if indent == "" {
		return dst
	}
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, indent...)
	}
	return dst
}

func appendValue(dst []byte, v Value, indent string, depth int) []byte {
	switch v.Kind {
	case Bool:
		if v.boolean {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case Number:
		return append(dst, v.text...)
	case String:
		return AppendQuote(dst, v.text)
	case Array:
		if len(v.items) == 0 {
			return append(dst, "[]"...)
		}
		dst = append(dst, '[')
		for i, item := range v.items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendNewline(dst, indent, depth+1)
			dst = appendValue(dst, item, indent, depth+1)
		}
		dst = appendNewline(dst, indent, depth)
		return append(dst, ']')
	case Object:
		first := true
		for _, m := range v.members {
			if m.omitEmpty && m.Value.empty() {
				continue
			}
			if first {
				dst = append(dst, '{')
				first = false
			} else {
				dst = append(dst, ',')
			}
			dst = appendNewline(dst, indent, depth+1)
			dst = AppendQuote(dst, m.Name)
			dst = append(dst, ':')
			if indent != "" {
				dst = append(dst, ' ')
			}
			dst = appendValue(dst, m.Value, indent, depth+1)
		}
		if first {
			return append(dst, "{}"...)
		}
		dst = appendNewline(dst, indent, depth)
		return append(dst, '}')
	}
	return append(dst, "null"...)
}

const hexDigits = "0123456789abcdef"

// AppendQuote writes s as a JSON string the way encoding/json does with HTML
// escaping off: quotes, backslashes and control characters escaped, U+2028
// and U+2029 escaped for JavaScript, invalid UTF-8 written as U+FFFD; a URL's
// & < > stay readable.
func AppendQuote(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
