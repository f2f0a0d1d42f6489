package configstore

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unicode/utf8"
)

// member is one key of a JSON object, kept as written: the key's exact text
// (quotes and escapes included) and the value's exact text. Only the objects on
// the path collectors -> cloud are ever split into members; everything else
// stays raw, so numbers, escapes and key order survive byte for byte.
type member struct {
	rawKey []byte
	value  []byte
	// canonical says value is already laid out as encode would write it at
	// the first level, so it can be copied without re-indenting.
	canonical bool
	// verbatim says the member's whole text in the document's source, from
	// at, is rawKey, ": " and a canonical value: exactly what encode writes,
	// so runs of such members are copied in one piece.
	verbatim bool
	at       int
}

// name is the key unescaped, for messages.
func (m member) name() string {
	s, _ := unquote(m.rawKey)
	return s
}

// keyMatch reports whether a raw key (quotes included) names a given key.
type keyMatch func(rawKey []byte) bool

type object struct{ members []member }

// parseObject splits a JSON object into members. data must already be known to
// be valid JSON (json.Valid) with '{' as its first non-space byte; that is why
// the scanner below can be a plain byte loop instead of a full validator.
func parseObject(data []byte) (object, error) {
	var obj object
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return obj, errors.New("not an object")
	}
	i++
	for {
		i = skipSpace(data, i)
		if i >= len(data) {
			return obj, errors.New("unterminated object")
		}
		switch data[i] {
		case '}':
			return obj, nil
		case ',':
			i++
			continue
		}
		keyEnd := skipString(data, i)
		rawKey := data[i:keyEnd]
		i = skipSpace(data, keyEnd)
		if i >= len(data) || data[i] != ':' {
			return obj, errors.New("missing colon")
		}
		i = skipSpace(data, i+1)
		valEnd := skipValue(data, i)
		obj.members = append(obj.members, member{rawKey: rawKey, value: data[i:valEnd]})
		i = valEnd
	}
}

func skipSpace(data []byte, i int) int {
	for ; i < len(data); i++ {
		// Every JSON space is <= ' ', so one comparison settles most bytes.
		if c := data[i]; c > ' ' || (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at data[i] == '"'.
// It jumps from quote to quote (IndexByte is vectorised) and counts the
// backslashes before each to tell an escaped quote from the closing one.
func skipString(data []byte, i int) int {
	for i++; i < len(data); {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return len(data)
		}
		i += q
		backslashes := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			backslashes++
		}
		i++
		if backslashes%2 == 0 {
			return i
		}
	}
	return len(data)
}

// skipValue returns the index just past the value starting at data[i].
func skipValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = skipString(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	}
	for i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return i
		}
		i++
	}
	return i
}

func unquote(rawKey []byte) (string, error) {
	if len(rawKey) >= 2 && bytes.IndexByte(rawKey, '\\') < 0 && utf8.Valid(rawKey) {
		return string(rawKey[1 : len(rawKey)-1]), nil
	}
	s, ok := unquoteJSON(rawKey)
	if !ok {
		return "", errors.New("not a JSON string")
	}
	return s, nil
}

// lastIndex returns the index of the last member whose name matches, or -1.
// k6 decodes with encoding/json, where the last duplicate key wins.
func (o *object) lastIndex(match keyMatch) int {
	for i := len(o.members) - 1; i >= 0; i-- {
		if match(o.members[i].rawKey) {
			return i
		}
	}
	return -1
}

// setValue replaces the value of member i.
func (o *object) setValue(i int, value []byte) {
	o.members[i] = member{rawKey: o.members[i].rawKey, value: value}
}

// set gives key the value: in place of the first member that matches (so the
// key keeps its position), removing the other matches, or appended at the end.
func (o *object) set(key string, match keyMatch, value []byte) {
	kept := o.members[:0]
	placed := false
	for _, m := range o.members {
		if match(m.rawKey) {
			if placed {
				continue
			}
			m = member{rawKey: quoteKey(key), value: value}
			placed = true
		}
		kept = append(kept, m)
	}
	o.members = kept
	if !placed {
		o.members = append(o.members, member{rawKey: quoteKey(key), value: value})
	}
}

// remove drops every member that matches and reports whether there was one.
func (o *object) remove(match keyMatch) bool {
	kept := o.members[:0]
	for _, m := range o.members {
		if !match(m.rawKey) {
			kept = append(kept, m)
		}
	}
	removed := len(kept) != len(o.members)
	o.members = kept
	return removed
}

// appendCompact writes the object on one line; members keep their own text.
func (o *object) appendCompact(dst []byte) []byte {
	if dst == nil {
		n := 2
		for _, m := range o.members {
			n += len(m.rawKey) + len(m.value) + 2
		}
		dst = make([]byte, 0, n)
	}
	dst = append(dst, '{')
	for i, m := range o.members {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, m.rawKey...)
		dst = append(dst, ':')
		dst = append(dst, m.value...)
	}
	return append(dst, '}')
}

func quoteKey(key string) []byte { return marshalString(key) }

// marshalString encodes s as a JSON string without encoding/json's HTML
// escaping, so a token with '&' stays readable in the file.
func marshalString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// unquoteJSON decodes a JSON string literal; ok is false for any other value.
func unquoteJSON(v []byte) (string, bool) {
	var s string
	v = bytes.TrimSpace(v)
	return s, len(v) > 0 && v[0] == '"' && json.Unmarshal(v, &s) == nil
}

// appendIndented pretty-prints valid JSON with two-space indentation. It only
// moves whitespace: every token keeps its exact text, which is what lets
// untouched values (0.1000, 12345678901234567890, "\u00e9") survive a save.
// It is a byte loop rather than json.Indent because the input is already
// validated and a 1 MB file is rewritten on every save.
func appendIndented(dst, src []byte) []byte { return appendIndentedAt(dst, src, 0) }

// appendIndentedAt is appendIndented for a value nested depth levels deep.
func appendIndentedAt(dst, src []byte, depth int) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		switch c {
		case ' ', '\t', '\r', '\n':
			i++
		case '"':
			end := skipString(src, i)
			dst = append(dst, src[i:end]...)
			i = end
		case '{', '[':
			dst = append(dst, c)
			j := skipSpace(src, i+1)
			if j < len(src) && (src[j] == '}' || src[j] == ']') {
				dst = append(dst, src[j]) // empty: {} or []
				i = j + 1
				continue
			}
			depth++
			dst = appendNewline(dst, depth)
			i++
		case '}', ']':
			depth--
			dst = appendNewline(dst, depth)
			dst = append(dst, c)
			i++
		case ',':
			dst = append(dst, ',')
			dst = appendNewline(dst, depth)
			i++
		case ':':
			dst = append(dst, ':', ' ')
			i++
		default: // a number or a literal: copy it whole
			end := skipValue(src, i)
			dst = append(dst, src[i:end]...)
			i = end
		}
	}
	return dst
}

const indentSpaces = "                                                                "

func appendNewline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for n := 2 * depth; n > 0; {
		k := min(n, len(indentSpaces))
		dst = append(dst, indentSpaces[:k]...)
		n -= k
	}
	return dst
}

// jsonKind names the JSON type of a raw value for error messages.
func jsonKind(v []byte) string {
	v = bytes.TrimLeft(v, " \t\r\n")
	if len(v) == 0 {
		return "empty"
	}
	switch v[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func isNull(v []byte) bool { return string(bytes.TrimSpace(v)) == "null" }

func isObject(v []byte) bool {
	v = bytes.TrimLeft(v, " \t\r\n")
	return len(v) > 0 && v[0] == '{'
}

func exactly(key string) keyMatch {
	return func(rawKey []byte) bool {
		if inner, ok := plainKey(rawKey); ok {
			return string(inner) == key
		}
		s, err := unquote(rawKey)
		return err == nil && s == key
	}
}

// anyCase matches the way encoding/json matches struct fields, which is how k6
// reads collectors and the keys of the cloud object: exact or case-insensitive
// (encoding/json documents its folding as equal to bytes.EqualFold).
func anyCase(key string) keyMatch {
	return func(rawKey []byte) bool {
		if inner, ok := plainKey(rawKey); ok {
			return bytes.EqualFold(inner, []byte(key))
		}
		s, err := unquote(rawKey)
		return err == nil && strings.EqualFold(s, key)
	}
}

// plainKey returns the text inside the quotes of a key without escapes, which
// can be compared without decoding.
func plainKey(rawKey []byte) ([]byte, bool) {
	if len(rawKey) < 2 || bytes.IndexByte(rawKey, '\\') >= 0 {
		return nil, false
	}
	return rawKey[1 : len(rawKey)-1], true
}
