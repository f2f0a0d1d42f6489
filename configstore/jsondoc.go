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
	name   string // the key unescaped, for matching
	value  []byte
}

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
		name, err := unquote(rawKey)
		if err != nil {
			return obj, err
		}
		obj.members = append(obj.members, member{rawKey: rawKey, name: name, value: data[i:valEnd]})
		i = valEnd
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the string starting at data[i] == '"'.
func skipString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
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
	var s string
	err := json.Unmarshal(rawKey, &s)
	return s, err
}

// lastIndex returns the index of the last member whose name matches, or -1.
// k6 decodes with encoding/json, where the last duplicate key wins.
func (o *object) lastIndex(match func(string) bool) int {
	for i := len(o.members) - 1; i >= 0; i-- {
		if match(o.members[i].name) {
			return i
		}
	}
	return -1
}

// set gives key the value: in place of the first member that matches (so the
// key keeps its position), removing the other matches, or appended at the end.
func (o *object) set(key string, match func(string) bool, value []byte) {
	kept := o.members[:0]
	placed := false
	for _, m := range o.members {
		if match(m.name) {
			if placed {
				continue
			}
			m = member{rawKey: quoteKey(key), name: key, value: value}
			placed = true
		}
		kept = append(kept, m)
	}
	o.members = kept
	if !placed {
		o.members = append(o.members, member{rawKey: quoteKey(key), name: key, value: value})
	}
}

// remove drops every member that matches and reports whether there was one.
func (o *object) remove(match func(string) bool) bool {
	kept := o.members[:0]
	for _, m := range o.members {
		if !match(m.name) {
			kept = append(kept, m)
		}
	}
	removed := len(kept) != len(o.members)
	o.members = kept
	return removed
}

// appendCompact writes the object on one line; members keep their own text.
func (o *object) appendCompact(dst []byte) []byte {
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
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return bytes.TrimRight(buf.Bytes(), "\n")
}

// appendIndented pretty-prints valid JSON with two-space indentation. It only
// moves whitespace: every token keeps its exact text, which is what lets
// untouched values (0.1000, 12345678901234567890, "\u00e9") survive a save.
// It is a byte loop rather than json.Indent because the input is already
// validated and a 1 MB file is rewritten on every save.
func appendIndented(dst, src []byte) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		for range depth {
			dst = append(dst, ' ', ' ')
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '"':
			end := skipString(src, i)
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			j := skipSpace(src, i+1)
			if j < len(src) && (src[j] == '}' || src[j] == ']') {
				dst = append(dst, src[j]) // empty: {} or []
				i = j
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
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

func exactly(key string) func(string) bool {
	return func(name string) bool { return name == key }
}

// anyCase matches the way encoding/json matches struct fields, which is how k6
// reads collectors and the keys of the cloud object: exact or case-insensitive.
func anyCase(key string) func(string) bool {
	return func(name string) bool { return strings.EqualFold(name, key) }
}
